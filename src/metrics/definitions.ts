/** The metric catalogue: what the dashboard shows "one click away" and docs/metrics.md mirrors. */

/** Identifier of a metric, also the KPI id. */
export type MetricId =
  | 'aktiva_hushall' | 'utbetalt' | 'utbetalt_per_hushall' | 'forsorjningsstod' | 'hushall_under_perioden'
  | 'nya_hushall' | 'avslut' | 'bidragstid_medel' | 'bidragstid_median' | 'ateraktualisering'
  | 'ej_ateraktualiserade' | 'langvarigt' | 'mycket_langvarigt' | 'barn' | 'e_andel' | 'handlingsplan'
  | 'aterkommande' | 'bistandsmanader_per_hushall' | 'langvarigt_vuxna' | 'personer' | 'hushall_med_barn';

/** How a metric's value is formatted. */
export type MetricUnit = 'hushåll' | 'kr' | 'månader' | 'andel' | 'barn' | 'personer';

/** One metric: Swedish name, the exact rule in one Swedish paragraph, its unit and where the definition comes from. */
export interface MetricDefinition {
  id: MetricId;
  name: string;
  explanation: string;
  unit: MetricUnit;
  source: string;
}

const SOS = 'Socialstyrelsens statistik om ekonomiskt bistånd';
const OWN = 'Egen definition enligt produktens domänbeskrivning';
/** Period-based figures: this product's own rule, never to be read as Socialstyrelsen's yearly measure. */
const OWN_PERIOD = 'Egen definition (periodlängd), inte Socialstyrelsens biståndsmånader per hushåll';
const KOLADA = 'Kolada: Ej återaktualiserade ett år efter avslutat försörjningsstöd, andel (%)';

/** Every metric, in display order. G = gap (standard 3 månader), W = uppföljningsfönster (standard 12 månader). */
export const METRIC_DEFINITIONS: readonly MetricDefinition[] = [
  { id: 'aktiva_hushall', name: 'Aktiva hushåll', unit: 'hushåll', source: SOS,
    explanation: 'Antal olika hushåll som fått en utbetalning större än 0 kr under månaden. Rader med 0 kr räknas inte. För en längre period visas genomsnittet per månad.' },
  { id: 'utbetalt', name: 'Utbetalt ekonomiskt bistånd', unit: 'kr', source: SOS,
    explanation: 'Summan av utbetalt ekonomiskt bistånd (försörjningsstöd och bistånd till livsföringen i övrigt) för månaderna i perioden.' },
  { id: 'utbetalt_per_hushall', name: 'Utbetalt per hushåll och månad', unit: 'kr', source: SOS,
    explanation: 'Utbetalt belopp delat med antalet aktiva hushåll, räknat per månad: summan för perioden delad med summan av aktiva hushåll månad för månad.' },
  { id: 'forsorjningsstod', name: 'Varav försörjningsstöd', unit: 'kr', source: SOS,
    explanation: 'Den del av utbetalningarna som är försörjningsstöd (riksnorm och skäliga kostnader för boende, hushållsel med mera). Visas bara om uppgiften finns i data.' },
  { id: 'hushall_under_perioden', name: 'Hushåll under perioden', unit: 'hushåll', source: SOS,
    explanation: 'Antal olika hushåll som fått en utbetalning större än 0 kr någon gång under perioden. Ett hushåll räknas en gång, oavsett hur många månader det fått bistånd.' },
  { id: 'bistandsmanader_per_hushall', name: 'Biståndsmånader per hushåll', unit: 'månader', source: 'Socialstyrelsen (biståndsmånader per hushåll och år)',
    explanation: 'Antal månader med utbetalning under kalenderåret delat med antalet hushåll som fått bistånd under året. Det är måttet som Socialstyrelsen redovisar för riket och kommunerna. Räknas bara för hela kalenderår som data täcker; för en period som inte är ett helt kalenderår visas inget värde.' },
  { id: 'nya_hushall', name: 'Påbörjade perioder (inflöde)', unit: 'hushåll', source: OWN,
    explanation: 'Biståndsperioder som börjar under månaden, både nya och återkommande hushåll. En period är hushållets utbetalningsmånader där uppehåll kortare än G månader inte bryter perioden. En start räknas bara om data täcker de G månaderna före; tidigare starter är pågående vid datastart och räknas aldrig som påbörjade.' },
  { id: 'aterkommande', name: 'Varav återkommande', unit: 'hushåll', source: OWN,
    explanation: 'De påbörjade perioder vars hushåll har haft en tidigare period i data (även en period som pågick vid datastart). Övriga påbörjade perioder är nya, så långt data når bakåt: ett hushåll som senast fick bistånd före datastart räknas som nytt.' },
  { id: 'avslut', name: 'Avslutade perioder (utflöde)', unit: 'hushåll', source: OWN,
    explanation: 'Biståndsperioder vars sista utbetalningsmånad ligger i månaden. Ett avslut räknas bara när data täcker de G månaderna efter; perioder som slutar senare än så räknas som pågående.' },
  { id: 'ej_ateraktualiserade', name: 'Ej återaktualiserade inom W månader', unit: 'andel', source: KOLADA,
    explanation: 'Andelen avslutade perioder där hushållet inte har börjat en ny period inom W månader (standard 12, som i Kolada) efter sista utbetalningsmånaden, redovisat efter det år perioden avslutades. Bara avslut med full uppföljning räknas: slutmånad + W ligger inom data. Här räknas hushållens perioder i utbetalningsdata.' },
  { id: 'ateraktualisering', name: 'Återaktualiserade inom W månader', unit: 'andel', source: KOLADA,
    explanation: 'Motsatsen till ej återaktualiserade: av avslut med full uppföljning (slutmånad + W ≤ sista datamånad), andelen där hushållet börjar en ny period senast W månader efter slutmånaden.' },
  { id: 'langvarigt', name: 'Långvarigt bistånd, andel hushåll', unit: 'andel', source: SOS,
    explanation: 'Andelen av årets hushåll som fått utbetalning under minst 10 av årets 12 månader. Räknas bara för kalenderår som data täcker helt; ett hushåll hör till den enhet och grupp det hade sin sista utbetalningsmånad under året.' },
  { id: 'langvarigt_vuxna', name: 'Långvarigt bistånd, andel vuxna', unit: 'andel', source: SOS,
    explanation: 'Samma långvariga hushåll, räknat i vuxna: antal vuxna i hushåll med långvarigt bistånd delat med antal vuxna i alla hushåll med bistånd under året (antal vuxna i hushållets sista utbetalningsmånad under året). Socialstyrelsen redovisar långvarigt bistånd bland vuxna biståndsmottagare. Visas bara om uppgiften om antal vuxna finns i data.' },
  { id: 'mycket_langvarigt', name: 'Mycket långvarigt bistånd', unit: 'hushåll', source: 'Egen definition (period på minst 36 månader), inte Socialstyrelsens mått',
    explanation: 'Aktiva hushåll vars pågående period är minst 36 månader lång räknat till och med månaden. Visas bara för månader där data räcker för att avgöra det (från och med datastart + G + 34 månader).' },
  { id: 'bidragstid_medel', name: 'Genomsnittlig bidragstid per period', unit: 'månader', source: OWN_PERIOD,
    explanation: 'Medelvärdet av periodernas längd i kalendermånader, från första till sista utbetalningsmånad (båda inräknade), för avslutade perioder som inte pågick vid datastart, efter den månad de avslutades. Det är längden på en sammanhängande period, inte antalet biståndsmånader under ett år: för jämförelse med andra kommuner och riket, använd Biståndsmånader per hushåll.' },
  { id: 'bidragstid_median', name: 'Median bidragstid per period', unit: 'månader', source: OWN_PERIOD,
    explanation: 'Medianen av samma periodlängder som den genomsnittliga bidragstiden per period: hälften av de avslutade perioderna var kortare, hälften längre.' },
  { id: 'barn', name: 'Barn i hushåll med bistånd', unit: 'barn', source: SOS,
    explanation: 'Summan av antal barn under 18 år i de aktiva hushållen under månaden; för en längre period genomsnittet per månad. Visas bara om uppgiften finns i data.' },
  { id: 'hushall_med_barn', name: 'Hushåll med barn', unit: 'hushåll', source: SOS,
    explanation: 'Aktiva hushåll med minst ett barn under 18 år under månaden; för en längre period genomsnittet per månad. Visas bara om uppgiften om antal barn finns i data.' },
  { id: 'personer', name: 'Personer i hushåll med bistånd', unit: 'personer', source: SOS,
    explanation: 'Vuxna och barn i de aktiva hushållen under månaden; för en längre period genomsnittet per månad. Visas bara om uppgifterna om antal vuxna och antal barn finns i data.' },
  { id: 'e_andel', name: 'E-ansökningsandel', unit: 'andel', source: OWN,
    explanation: 'Andelen av de aktiva hushållen vars ansökan kom in via e-tjänsten, räknat per hushåll och månad. Visas bara om uppgiften om kanal finns i data.' },
  { id: 'handlingsplan', name: 'Andel med handlingsplan', unit: 'andel', source: OWN,
    explanation: 'Andelen av de aktiva hushållen som har en aktuell handlingsplan mot egen försörjning, räknat per hushåll och månad. Saknad uppgift räknas som ingen plan.' },
];

/** Looks up a definition by id. */
export function metricDefinition(id: MetricId): MetricDefinition {
  const found = METRIC_DEFINITIONS.find((d) => d.id === id);
  if (!found) throw new RangeError(`Okänt mått: ${id}`);
  return found;
}
