import { identityKind } from './personnummer.ts';
import { normaliseName } from './contract.ts';
import type { RawTable } from './table.ts';

/** What kind of personal data a column seems to hold. */
export type SensitiveKind = 'personnummer' | 'namn' | 'adress' | 'e-post' | 'telefon' | 'fritext';

/** A column the guard flags, with how many of its values triggered it. Never the values themselves. */
export interface SensitiveColumn {
  column: string;
  kind: SensitiveKind;
  /** Values that look like `kind` (for a column flagged by its name: its non-empty values). */
  count: number;
  /** Flagged because of the column's name rather than its values. */
  byName: boolean;
}

const KIND_LABEL: Record<SensitiveKind, string> = {
  personnummer: 'personnummer eller samordningsnummer', namn: 'namn', adress: 'adresser', 'e-post': 'e-postadresser',
  telefon: 'telefonnummer', fritext: 'fritext',
};

/** Swedish words for a finding, e.g. "kolumnen Pnr ser ut att innehålla personnummer (1 200 värden)". */
export function describeFinding(f: SensitiveColumn): string {
  const how = f.byName ? 'heter som en kolumn med' : 'ser ut att innehålla';
  return `kolumnen "${f.column}" ${how} ${KIND_LABEL[f.kind]} (${f.count.toLocaleString('sv-SE')} värden)`;
}

const NAME_WORDS: [RegExp, SensitiveKind][] = [
  [/^(personnummer|personnr|pnr|pers_nr|personnummer_\w+|samordningsnummer|ssn|fodelsenummer)$/, 'personnummer'],
  [/^(namn|fornamn|efternamn|fullstandigt_namn|klientnamn|sokande_namn|name|first_name|last_name|kontaktperson)$/, 'namn'],
  [/^(adress|gatuadress|bostadsadress|postadress|c_o|co_adress|address)$/, 'adress'],
  [/^(e_post|epost|e_postadress|mejl|email|e_mail)$/, 'e-post'],
  [/^(telefon|telefonnummer|tel|mobil|mobilnummer|phone)$/, 'telefon'],
  [/^(anteckning|anteckningar|kommentar|kommentarer|notering|fritext|beskrivning|journal|motivering)$/, 'fritext'],
];

// Several of a column's values must match before a pattern counts, except for personnummer with a
// separator, which is unmistakable even once.
const SHARE = 0.2;

/**
 * Looks at every column (mapped or not) for personal data: personnummer/samordningsnummer with a
 * valid check digit, and names, addresses, e-mail, phone numbers and free text by column name and
 * by value shape. A column of random 10-digit numbers is not flagged: only ≈ 0,7 % of them pass the
 * date and Luhn checks, far below the share needed.
 */
export function scanSensitive(table: RawTable): SensitiveColumn[] {
  const findings: SensitiveColumn[] = [];
  table.header.forEach((column, c) => {
    const values = table.columns[c]!;
    const stats = columnStats(values);
    const byName = NAME_WORDS.find(([re]) => re.test(normaliseName(column)));
    if (stats.identity > 0 && (stats.identityWithSeparator > 0 || stats.identity >= SHARE * stats.nonEmpty)) {
      findings.push({ column, kind: 'personnummer', count: stats.identity, byName: false });
    } else if (byName) {
      findings.push({ column, kind: byName[1], count: stats.nonEmpty, byName: true });
    } else {
      const shaped = (['e-post', 'telefon', 'adress', 'namn', 'fritext'] as const).find((k) => stats[k] >= SHARE * stats.nonEmpty && stats[k] > 0);
      if (shaped) findings.push({ column, kind: shaped, count: stats[shaped], byName: false });
    }
  });
  return findings;
}

interface Stats {
  nonEmpty: number;
  identity: number;
  identityWithSeparator: number;
  namn: number;
  adress: number;
  'e-post': number;
  telefon: number;
  fritext: number;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[a-z]{2,}$/i;
// A separator or +46 is required: an id like 0012345678 is not a phone number.
const PHONE = /^(\+46[\s-]?\d|0\d{1,3}[\s-])[\d\s-]{5,12}$/;
const STREET = /^[A-ZÅÄÖ][a-zåäöé]+(gatan|vägen|gränd|gränden|torget|stigen|allén|backen|platsen|leden|plan|väg|gata)\s+\d+[A-Za-z]?\b/i;
const PERSON_NAME = /^[A-ZÅÄÖÉ][a-zåäöéü]+(-[A-ZÅÄÖ][a-zåäöü]+)?(\s+[A-ZÅÄÖÉ][a-zåäöéü]+(-[A-ZÅÄÖ][a-zåäöü]+)?){1,3}$/;
const EMBEDDED_ID = /(?<!\d)(\d{6}|\d{8})[-+]\d{4}(?!\d)/;

function columnStats(values: readonly string[]): Stats {
  const s: Stats = { nonEmpty: 0, identity: 0, identityWithSeparator: 0, namn: 0, adress: 0, 'e-post': 0, telefon: 0, fritext: 0 };
  const distinctNames = new Set<string>();
  const seen = new Map<string, keyof Stats | null>();
  for (const raw of values) {
    if (raw.length === 0) continue;
    const v = isSpace(raw.charCodeAt(0)) || isSpace(raw.charCodeAt(raw.length - 1)) ? raw.trim() : raw;
    if (v === '') continue;
    s.nonEmpty++;
    // Cheap shape tests first: amounts, months, short codes and lower-case category words can be none
    // of the kinds, and a million rows × eleven columns must not each run five regular expressions.
    if (v.length < 10 && v.indexOf('@') < 0 && v.indexOf(' ') < 0) continue;
    // Category words repeat: classify each distinct value once (bounded, for free-text columns).
    const known = seen.get(v);
    if (known !== undefined) {
      if (known === 'identityWithSeparator') s.identity++;
      if (known !== null) s[known]++;
      continue;
    }
    const kind = classify(v, s, distinctNames);
    if (seen.size < 10_000) seen.set(v, kind);
  }
  // Category labels ("Ensamstående Man") repeat; names of people hardly do.
  if (s.namn > 0 && distinctNames.size < Math.min(20, s.namn / 2)) s.namn = 0;
  return s;
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 160 || code === 10 || code === 13;
}

/** Counts `v` in `s` and returns the counter it raised ('identityWithSeparator' also raised 'identity'). */
function classify(v: string, s: Stats, distinctNames: Set<string>): keyof Stats | null {
  const first = v.charCodeAt(0);
  if (first >= 48 && first <= 57 && v.length >= 10 && v.length <= 13 && identityKind(v) !== null) {
    s.identity++;
    if (!/[-+]/.test(v)) return 'identity';
    s.identityWithSeparator++;
    return 'identityWithSeparator';
  }
  if (v.length > 12 && EMBEDDED_ID.test(v) && identityKind(EMBEDDED_ID.exec(v)![0]) !== null) {
    s.identity++;
    s.identityWithSeparator++;
    return 'identityWithSeparator';
  }
  const kind: keyof Stats | null = v.includes('@') && EMAIL.test(v) ? 'e-post'
    : PHONE.test(v) ? 'telefon'
    : STREET.test(v) ? 'adress'
    : PERSON_NAME.test(v) ? 'namn'
    : v.length >= 40 && v.split(/\s+/).length >= 6 ? 'fritext'
    : null;
  if (kind !== null) s[kind]++;
  if (kind === 'namn' && distinctNames.size < 1000) distinctNames.add(v);
  return kind;
}
