/**
 * The data contract (docs/data.md, README "Egna data"): the columns an import produces, their types
 * and the words a municipality's export may use for them. One table, one row per household and month.
 */

/** How a contract column is cast from text. */
export type ColumnKind = 'id' | 'month' | 'amount' | 'count' | 'category' | 'text' | 'boolean';

/** One column of the contract. */
export interface ContractColumn {
  name: ContractColumnName;
  kind: ColumnKind;
  required: boolean;
  /** Header words (normalised by `normaliseName`) that suggest this column, most specific first. */
  aliases: readonly string[];
}

/** The contract's column names, in output order. */
export const CONTRACT_COLUMN_NAMES = [
  'hushall_id', 'manad', 'utbetalt_kr', 'forsorjningsstod_kr', 'hushallstyp', 'antal_vuxna', 'antal_barn',
  'forsorjningshinder', 'enhet', 'kanal', 'handlingsplan',
] as const;

/** A contract column name. */
export type ContractColumnName = (typeof CONTRACT_COLUMN_NAMES)[number];

/** The contract, column by column. */
export const CONTRACT: readonly ContractColumn[] = [
  { name: 'hushall_id', kind: 'id', required: true, aliases: ['hushall_id', 'hushallsid', 'hushall', 'hushallsnummer', 'arende', 'arendeid', 'arende_id', 'arendenummer', 'arendenr', 'klientid', 'klient_id', 'klientnummer', 'pseudonym', 'lopnummer', 'id'] },
  { name: 'manad', kind: 'month', required: true, aliases: ['manad', 'utbetalningsmanad', 'bidragsmanad', 'avser_manad', 'period', 'manad_ar', 'ar_manad', 'datum', 'utbetalningsdatum', 'beslutsdatum'] },
  { name: 'utbetalt_kr', kind: 'amount', required: true, aliases: ['utbetalt_kr', 'utbetalt', 'utbetalt_belopp', 'belopp', 'totalt_belopp', 'summa', 'ekonomiskt_bistand', 'bistand_kr', 'bistandsbelopp', 'total', 'totalt'] },
  { name: 'forsorjningsstod_kr', kind: 'amount', required: false, aliases: ['forsorjningsstod_kr', 'forsorjningsstod', 'fs_belopp', 'fs_kr', 'belopp_forsorjningsstod'] },
  { name: 'hushallstyp', kind: 'category', required: false, aliases: ['hushallstyp', 'hushallstyp_text', 'typ_av_hushall', 'hushallssammansattning', 'familjetyp'] },
  { name: 'antal_vuxna', kind: 'count', required: false, aliases: ['antal_vuxna', 'vuxna', 'antal_sokande', 'sokande'] },
  { name: 'antal_barn', kind: 'count', required: false, aliases: ['antal_barn', 'barn', 'barn_under_18', 'antal_barn_under_18'] },
  { name: 'forsorjningshinder', kind: 'text', required: false, aliases: ['forsorjningshinder', 'hinder', 'orsak', 'huvudsakligt_forsorjningshinder', 'forsorjningshinder_text'] },
  { name: 'enhet', kind: 'text', required: false, aliases: ['enhet', 'stadsdel', 'distrikt', 'omrade', 'arbetsgrupp', 'team', 'kontor'] },
  { name: 'kanal', kind: 'category', required: false, aliases: ['kanal', 'ansokningskanal', 'ansokningssatt', 'inkommen_via', 'ansokan_via'] },
  { name: 'handlingsplan', kind: 'boolean', required: false, aliases: ['handlingsplan', 'har_handlingsplan', 'planering', 'plan'] },
];

/** The contract column called `name`. */
export function contractColumn(name: ContractColumnName): ContractColumn {
  return CONTRACT.find((c) => c.name === name)!;
}

/** Whether `name` is a contract column name (safe against `__proto__` and friends). */
export function isContractColumnName(name: string): name is ContractColumnName {
  return (CONTRACT_COLUMN_NAMES as readonly string[]).includes(name);
}

/** Socialstyrelsen's seven hushållstyper, spelled as the contract spells them. */
export const HUSHALLSTYPER = [
  'ensamstående man utan barn', 'ensamstående kvinna utan barn', 'ensamstående kvinna med barn',
  'ensamstående man med barn', 'sammanboende utan barn', 'sammanboende med barn', 'övriga hushåll',
] as const;

/** The contract's application channels. */
export const KANALER = ['e-tjänst', 'papper', 'muntlig'] as const;

/**
 * Lower case, no diacritics, runs of anything but letters and digits as one `_`: so "Utbetalt (kr)",
 * "UTBETALT_KR" and "utbetalt kr" compare equal, and "Månad" matches "manad".
 */
export function normaliseName(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

// Built-in spellings of the categories; a municipality's own codes go in the mapping file's `values`.
const CATEGORY_SYNONYMS: Record<'hushallstyp' | 'kanal', Map<string, string>> = {
  hushallstyp: new Map<string, string>([
    ...HUSHALLSTYPER.map((h) => [normaliseName(h), h] as [string, string]),
    [normaliseName('övriga'), 'övriga hushåll'],
    [normaliseName('övrigt hushåll'), 'övriga hushåll'],
    [normaliseName('sambo utan barn'), 'sammanboende utan barn'],
    [normaliseName('sambo med barn'), 'sammanboende med barn'],
    [normaliseName('sammanboende barn'), 'sammanboende med barn'],
  ]),
  kanal: new Map<string, string>([
    ...KANALER.map((k) => [normaliseName(k), k] as [string, string]),
    ['etjanst', 'e-tjänst'], ['e_ansokan', 'e-tjänst'], ['eansokan', 'e-tjänst'], ['digital', 'e-tjänst'], ['webb', 'e-tjänst'],
    ['pappersansokan', 'papper'], ['blankett', 'papper'],
    ['muntligt', 'muntlig'], ['telefon', 'muntlig'], ['besok', 'muntlig'],
  ]),
};

/** The contract spelling of a category value, or null when it is not one the contract knows. */
export function toCategory(column: 'hushallstyp' | 'kanal', text: string): string | null {
  return CATEGORY_SYNONYMS[column].get(normaliseName(text)) ?? null;
}

const TRUE_WORDS = new Set(['ja', 'j', 'true', 'sant', '1', 'x', 'yes', 'y']);
const FALSE_WORDS = new Set(['nej', 'n', 'false', 'falskt', '0', 'no']);

/** `ja`/`nej`, `true`/`false`, `1`/`0`, `x` → boolean; anything else null. */
export function toBoolean(text: string): boolean | null {
  const t = normaliseName(text);
  if (TRUE_WORDS.has(t)) return true;
  if (FALSE_WORDS.has(t)) return false;
  return null;
}
