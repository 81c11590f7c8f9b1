import { CONTRACT } from './contract.ts';
import { decodeText, detectFileKind } from './decode.ts';
import { parseCsv } from './csv.ts';
import { ImportError } from './errors.ts';
import { describeFinding, scanSensitive, type SensitiveColumn } from './guard.ts';
import { resolveMapping, suggestMapping, type MappingFile, type ResolvedMapping } from './mapping.ts';
import { defaultMonthRange, type MonthRange } from './months.ts';
import { pseudonymiseValues } from './pseudonymise.ts';
import type { RawTable } from './table.ts';
import { validateTable, type ValidationResult } from './validate.ts';

/** Choices the user made for one import. */
export interface ImportOptions {
  /** A saved mapping; without it columns are matched by name and values (suggestMapping). */
  mapping?: MappingFile;
  /** File columns to leave out although the guard flagged them. */
  drop?: readonly string[];
  /** A file column (e.g. personnummer) to turn into hushall_id with a keyed hash. */
  pseudonymise?: { column: string; key: CryptoKey };
  /** Accepted years (default 1990 – next year). */
  range?: MonthRange;
}

/** A finished import: the valid rows as contract columns, every refused row, and the totals side by side. */
export interface ImportResult extends ValidationResult {
  mapping: ResolvedMapping;
  /** Contract columns the file provides (required ones always). */
  present: string[];
  /** Guard findings the user resolved by dropping or pseudonymising (shown in the summary). */
  resolvedFindings: SensitiveColumn[];
  source: RawTable['source'];
}

/** A refusal by the personnummer guard, with the findings (never values) for a UI to offer choices. */
export class SensitiveDataError extends ImportError {
  constructor(readonly findings: SensitiveColumn[]) {
    super(`Filen innehåller personuppgifter och importeras inte: ${findings.map(describeFinding).join('; ')}. `
      + 'Ta bort kolumnen eller pseudonymisera den till hushall_id.', 'sensitive');
    this.name = 'SensitiveDataError';
  }
}

/** Reads a text file's bytes (CSV in any of the encodings decode.ts knows) into a raw table. */
export function readCsvBytes(bytes: Uint8Array): RawTable {
  const kind = detectFileKind(bytes);
  if (kind === 'xlsx') throw new ImportError('Filen är en Excel-arbetsbok (xlsx), inte CSV.', 'unsupported');
  if (kind === 'parquet') throw new ImportError('Filen är en Parquet-fil, inte CSV.', 'unsupported');
  const decoded = decodeText(bytes);
  const table = parseCsv(decoded.text);
  table.source.encoding = decoded.encoding + (decoded.bom ? ' med BOM' : '');
  return table;
}

/**
 * The one import path (browser and `npm run ingest` alike): guard, mapping, casting and validation.
 * Throws `SensitiveDataError` when an unresolved column holds personal data, `ImportError` when a
 * required column is missing or no row is valid; otherwise returns valid and refused rows.
 */
export async function importTable(table: RawTable, options: ImportOptions = {}): Promise<ImportResult> {
  if (table.rowCount === 0) throw new ImportError('Filen har en rubrikrad men inga datarader.', 'empty');
  const columnIndex = (name: string, what: string) => {
    const i = table.header.indexOf(name);
    if (i < 0) throw new ImportError(`Kolumnen "${name}" som ska ${what} finns inte i filen.`, 'mapping');
    return i;
  };
  const dropped = new Set((options.drop ?? []).map((d) => columnIndex(d, 'tas bort')));
  const pseudoIndex = options.pseudonymise ? columnIndex(options.pseudonymise.column, 'pseudonymiseras') : -1;
  const findings = scanSensitive(table);
  const resolved = findings.filter((f) => {
    const i = table.header.indexOf(f.column);
    return dropped.has(i) || i === pseudoIndex;
  });
  const open = findings.filter((f) => !resolved.includes(f));
  if (open.length > 0) throw new SensitiveDataError(open);

  const excluded = new Set([...dropped, ...(pseudoIndex >= 0 ? [pseudoIndex] : [])]);
  const mapping = options.mapping ? resolveMapping(table, options.mapping, excluded) : suggestMapping(table, excluded);
  if (pseudoIndex >= 0) mapping.columns.set('hushall_id', pseudoIndex);
  const missing = CONTRACT.filter((c) => c.required && !mapping.columns.has(c.name)).map((c) => c.name);
  if (missing.length > 0) {
    throw new ImportError(`Obligatorisk kolumn saknas: ${missing.join(', ')} (filens kolumner: ${table.header.join(', ')}). Ange vilken kolumn som är vilken i en mappningsfil.`, 'missing-column');
  }
  const ids = options.pseudonymise ? await pseudonymiseValues(options.pseudonymise.key, table.columns[pseudoIndex]!) : undefined;
  const result = validateTable(table, mapping, options.range ?? defaultMonthRange(), ids);
  if (result.rowCount === 0) {
    const first = result.rejected[0];
    const why = first ? ` Första felet: rad ${first.row}, ${first.problems[0]!.column}: ${first.problems[0]!.reason}.` : '';
    throw new ImportError(`Ingen rad i filen är giltig (${result.rejected.length.toLocaleString('sv-SE')} rader avvisade).${why}`, 'no-valid-rows');
  }
  return {
    ...result,
    mapping,
    present: CONTRACT.filter((c) => mapping.columns.has(c.name)).map((c) => c.name),
    resolvedFindings: resolved,
    source: table.source,
  };
}

/** One Swedish line per refused row problem, e.g. "rad 30 000, antal_barn: inte ett heltal". */
export function describeRejections(result: Pick<ImportResult, 'rejected'>, limit = 20): string[] {
  const lines = result.rejected.slice(0, limit).map((r) => `rad ${r.row.toLocaleString('sv-SE')}: ${r.problems.map((p) => `${p.column}: ${p.reason}`).join('; ')}`);
  if (result.rejected.length > limit) lines.push(`… och ${(result.rejected.length - limit).toLocaleString('sv-SE')} rader till`);
  return lines;
}
