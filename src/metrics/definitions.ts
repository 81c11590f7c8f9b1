/** The metric catalogue: what the dashboard shows "one click away" and docs/metrics.md mirrors. */

/** Identifier of a metric, also the KPI id. */
export type MetricId =
  | 'aktiva_hushall' | 'utbetalt' | 'utbetalt_per_hushall' | 'forsorjningsstod' | 'hushall_under_perioden'
  | 'nya_hushall' | 'avslut' | 'bidragstid_medel' | 'bidragstid_median' | 'ateraktualisering'
  | 'ej_ateraktualiserade' | 'langvarigt' | 'mycket_langvarigt' | 'barn' | 'e_andel' | 'handlingsplan';

/** How a metric's value is formatted. */
export type MetricUnit = 'hushåll' | 'kr' | 'månader' | 'andel' | 'barn';

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
  { id: 'nya_hushall', name: 'Nya hushåll (inflöde)', unit: 'hushåll', source: OWN,
    explanation: 'Biståndsperioder som börjar under månaden. En period är hushållets utbetalningsmånader där uppehåll kortare än G månader inte bryter perioden. En start räknas bara om data täcker de G månaderna före; tidigare starter är pågående vid datastart och räknas aldrig som nya.' },
  { id: 'avslut', name: 'Avslutade perioder (utflöde)', unit: 'hushåll', source: OWN,
    explanation: 'Biståndsperioder vars sista utbetalningsmånad ligger i månaden. Ett avslut räknas bara när data täcker de G månaderna efter; perioder som slutar senare än så räknas som pågående.' },
  { id: 'bidragstid_medel', name: 'Genomsnittlig bidragstid', unit: 'månader', source: SOS,
    explanation: 'Medelvärdet av periodernas längd i kalendermånader, från första till sista utbetalningsmånad (båda inräknade), för avslutade perioder som inte pågick vid datastart, efter den månad de avslutades.' },
  { id: 'bidragstid_median', name: 'Median bidragstid', unit: 'månader', source: SOS,
    explanation: 'Medianen av samma periodlängder som den genomsnittliga bidragstiden: hälften av de avslutade perioderna var kortare, hälften längre.' },
  { id: 'ateraktualisering', name: 'Återaktualiserade inom W månader', unit: 'andel', source: 'Kommunernas kvalitetsmått i Kolada (ej återaktualiserade ett år efter avslutat försörjningsstöd)',
    explanation: 'Av de perioder som avslutades och vars uppföljning ryms i data (slutmånad + W ≤ sista datamånad): andelen där hushållet börjar en ny period senast W månader efter slutmånaden.' },
  { id: 'ej_ateraktualiserade', name: 'Ej återaktualiserade', unit: 'andel', source: 'Kommunernas kvalitetsmått i Kolada (ej återaktualiserade ett år efter avslutat försörjningsstöd)',
    explanation: 'Ett minus andelen återaktualiserade: avslutade perioder där hushållet inte kommit tillbaka inom W månader.' },
  { id: 'langvarigt', name: 'Långvarigt bistånd', unit: 'andel', source: SOS,
    explanation: 'Andelen av årets hushåll som fått utbetalning under minst 10 av årets 12 månader. Räknas bara för kalenderår som data täcker helt; ett hushåll hör till den enhet och grupp det hade sin sista utbetalningsmånad under året.' },
  { id: 'mycket_langvarigt', name: 'Mycket långvarigt bistånd', unit: 'hushåll', source: SOS,
    explanation: 'Aktiva hushåll vars pågående period är minst 36 månader lång räknat till och med månaden. Visas bara för månader där data räcker för att avgöra det (från och med datastart + G + 34 månader).' },
  { id: 'barn', name: 'Barn i hushåll med bistånd', unit: 'barn', source: SOS,
    explanation: 'Summan av antal barn under 18 år i de aktiva hushållen under månaden; för en längre period genomsnittet per månad. Visas bara om uppgiften finns i data.' },
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
