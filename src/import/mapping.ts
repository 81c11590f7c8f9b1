import { CONTRACT, isContractColumnName, normaliseName, toBoolean, toCategory, type ContractColumnName } from './contract.ts';
import { ImportError } from './errors.ts';
import { parseMonth, defaultMonthRange } from './months.ts';
import type { RawTable } from './table.ts';

/**
 * A saved mapping from a municipality's export onto the contract, kept by name for next month's file:
 * `columns` says which of the file's columns is which contract column, `values` turns the
 * municipality's own codes into the contract's words (e.g. kanal "E" → "e-tjänst").
 */
export interface MappingFile {
  format: 'bistandslaget-mapping';
  version: 1;
  name: string;
  columns: Partial<Record<ContractColumnName, string>>;
  values?: Partial<Record<ContractColumnName, Record<string, string>>>;
}

/** The mapping an import runs with: contract column → the file's column index, and value maps. */
export interface ResolvedMapping {
  columns: Map<ContractColumnName, number>;
  values: Map<ContractColumnName, Map<string, string>>;
  /** How each column was chosen, for the summary (never values). */
  how: Map<ContractColumnName, 'fil' | 'namn' | 'värden'>;
}

/** Reads and checks a mapping file's JSON text; throws an `ImportError` with a Swedish reason. */
export function parseMappingFile(text: string): MappingFile {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ImportError('Mappningsfilen är inte giltig JSON.', 'mapping');
  }
  const v = value as Record<string, unknown> | null;
  if (!v || typeof v !== 'object' || v.format !== 'bistandslaget-mapping' || v.version !== 1) {
    throw new ImportError('Mappningsfilen har fel format (väntade "format": "bistandslaget-mapping", "version": 1).', 'mapping');
  }
  if (typeof v.name !== 'string' || v.name.trim() === '') throw new ImportError('Mappningsfilen saknar namn ("name").', 'mapping');
  const columns: Partial<Record<ContractColumnName, string>> = {};
  for (const [key, source] of Object.entries(asObject(v.columns, 'columns'))) {
    if (!isContractColumnName(key)) throw new ImportError(`Mappningsfilen nämner en okänd kolumn i "columns": ${key}.`, 'mapping');
    if (typeof source !== 'string' || source.trim() === '') throw new ImportError(`Mappningsfilen: "columns"."${key}" ska vara ett kolumnnamn.`, 'mapping');
    columns[key] = source;
  }
  const values: Partial<Record<ContractColumnName, Record<string, string>>> = {};
  for (const [key, map] of Object.entries(v.values === undefined ? {} : asObject(v.values, 'values'))) {
    if (!isContractColumnName(key)) throw new ImportError(`Mappningsfilen nämner en okänd kolumn i "values": ${key}.`, 'mapping');
    const entries = Object.entries(asObject(map, `values.${key}`));
    if (entries.some(([, to]) => typeof to !== 'string')) throw new ImportError(`Mappningsfilen: "values"."${key}" ska bara ha text.`, 'mapping');
    values[key] = Object.fromEntries(entries) as Record<string, string>;
  }
  return { format: 'bistandslaget-mapping', version: 1, name: v.name, columns, values };
}

function asObject(value: unknown, where: string): Record<string, unknown> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new ImportError(`Mappningsfilen: "${where}" ska vara ett objekt.`, 'mapping');
  return value as Record<string, unknown>;
}

/** A mapping file for `mapping` under `name`, ready to save (JSON.stringify it). */
export function toMappingFile(name: string, table: RawTable, mapping: ResolvedMapping): MappingFile {
  const columns: Partial<Record<ContractColumnName, string>> = {};
  for (const [name2, index] of mapping.columns) columns[name2] = table.header[index]!;
  const values: Partial<Record<ContractColumnName, Record<string, string>>> = {};
  for (const [name2, map] of mapping.values) values[name2] = Object.fromEntries(map);
  return { format: 'bistandslaget-mapping', version: 1, name, columns, values };
}

/**
 * Suggests which file column is which contract column: first by name (the contract's Swedish
 * aliases, case and diacritics ignored), then by values for months and the contract's categories.
 * Each file column is used at most once.
 */
export function suggestMapping(table: RawTable, excluded: ReadonlySet<number> = new Set()): ResolvedMapping {
  const columns = new Map<ContractColumnName, number>();
  const how = new Map<ContractColumnName, 'fil' | 'namn' | 'värden'>();
  const used = new Set(excluded);
  // Separators do not matter either: "HUSHÅLLS-ID", "hushalls_id" and "HushållsId" are one name.
  const squash = (name: string) => name.replaceAll('_', '');
  const names = table.header.map((h) => squash(normaliseName(h)));
  // Pass 1: exact alias, the most specific alias of every contract column before any general one.
  const maxAliases = Math.max(...CONTRACT.map((c) => c.aliases.length));
  for (let rank = 0; rank < maxAliases; rank++) {
    for (const col of CONTRACT) {
      const alias = col.aliases[rank];
      if (alias === undefined || columns.has(col.name)) continue;
      const index = names.findIndex((n, i) => n === squash(alias) && !used.has(i));
      if (index >= 0) {
        columns.set(col.name, index);
        how.set(col.name, 'namn');
        used.add(index);
      }
    }
  }
  // Pass 2: values, on a sample of the first 200 non-empty cells.
  const range = defaultMonthRange();
  const tests: [ContractColumnName, (v: string) => boolean][] = [
    ['manad', (v) => !/^\d+([.,]\d+)?$/.test(v.trim()) && parseMonth(v, range).ok],
    ['hushallstyp', (v) => toCategory('hushallstyp', v) !== null],
    ['kanal', (v) => toCategory('kanal', v) !== null],
    ['handlingsplan', (v) => /^[a-zA-Z]+$/.test(v.trim()) && toBoolean(v) !== null],
  ];
  for (const [name, test] of tests) {
    if (columns.has(name)) continue;
    const index = table.columns.findIndex((values, i) => !used.has(i) && mostly(values, test));
    if (index >= 0) {
      columns.set(name, index);
      how.set(name, 'värden');
      used.add(index);
    }
  }
  return { columns, values: new Map(), how };
}

function mostly(values: readonly string[], test: (v: string) => boolean): boolean {
  let seen = 0;
  let hits = 0;
  for (let i = 0; i < values.length && seen < 200; i++) {
    if (values[i]!.trim() === '') continue;
    seen++;
    if (test(values[i]!)) hits++;
  }
  return seen > 0 && hits >= 0.9 * seen;
}

/** Applies a mapping file to a table: every named column must exist (a renamed export column is an error, not a guess). */
export function resolveMapping(table: RawTable, file: MappingFile, excluded: ReadonlySet<number> = new Set()): ResolvedMapping {
  const columns = new Map<ContractColumnName, number>();
  const how = new Map<ContractColumnName, 'fil' | 'namn' | 'värden'>();
  for (const [name, source] of Object.entries(file.columns) as [ContractColumnName, string][]) {
    let index = table.header.indexOf(source);
    if (index < 0) index = table.header.findIndex((h) => normaliseName(h) === normaliseName(source));
    if (index < 0) throw new ImportError(`Kolumnen "${source}" som mappningen "${file.name}" anger för ${name} finns inte i filen.`, 'mapping');
    if (excluded.has(index)) throw new ImportError(`Kolumnen "${source}" är vald att tas bort men mappningen "${file.name}" använder den för ${name}.`, 'mapping');
    columns.set(name, index);
    how.set(name, 'fil');
  }
  const values = new Map<ContractColumnName, Map<string, string>>();
  for (const [name, map] of Object.entries(file.values ?? {}) as [ContractColumnName, Record<string, string>][]) {
    values.set(name, new Map(Object.entries(map)));
  }
  return { columns, values, how };
}
