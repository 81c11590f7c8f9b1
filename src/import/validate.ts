import { contractColumn, toBoolean, toCategory, normaliseName, type ContractColumnName } from './contract.ts';
import { parseMonth, type MonthRange } from './months.ts';
import { parseCount, parseNumber, type Parsed } from './numbers.ts';
import type { ResolvedMapping } from './mapping.ts';
import type { RawTable } from './table.ts';

/** Amounts of 10 mnkr or more for one household and month are typing or export errors. */
export const MAX_AMOUNT_KR = 10_000_000;
/** More adults or children than this in one household is an export error. */
export const MAX_PERSONS = 30;
const MAX_TEXT = 200;

/** One problem in one cell. Never the value itself (it could be personal data). */
export interface CellProblem {
  column: ContractColumnName | '(raden)';
  reason: string;
}

/** A refused data row: its 1-based number among the data rows (header and empty lines not counted). */
export interface RejectedRow {
  row: number;
  problems: CellProblem[];
}

/** The contract's columns, cast and ready for an Arrow table (null = no value). */
export interface ContractColumns {
  hushall_id: string[];
  manad: string[];
  utbetalt_kr: number[];
  forsorjningsstod_kr?: (number | null)[];
  hushallstyp?: (string | null)[];
  antal_vuxna?: (number | null)[];
  antal_barn?: (number | null)[];
  forsorjningshinder?: (string | null)[];
  enhet?: (string | null)[];
  kanal?: (string | null)[];
  handlingsplan?: (boolean | null)[];
}

/** Rows, distinct households and the sum of utbetalt_kr. */
export interface Totals {
  rows: number;
  households: number;
  utbetaltKr: number;
}

/** What validation produced. */
export interface ValidationResult {
  columns: ContractColumns;
  /** Rows in `columns` (after duplicates were merged). */
  rowCount: number;
  rejected: RejectedRow[];
  /** The file as written: every data row, every household id, every amount that is a finite number. */
  fileTotals: Totals & { unreadableAmounts: number };
  /** What is imported: accepted data rows, their households and amounts. */
  importedTotals: Totals;
  /** Swedish notices about what was done to the data (merged duplicates …). */
  notices: string[];
}

type Value = string | number | boolean | null;
type Cast = (text: string) => { ok: true; value: Value } | { ok: false; reason: string };

function amount(text: string): ReturnType<Cast> {
  return checkAmount(parseNumber(text));
}

function checkAmount(p: Parsed): ReturnType<Cast> {
  if (!p.ok) return p;
  if (p.value < 0) return { ok: false, reason: 'negativt belopp' };
  if (p.value >= MAX_AMOUNT_KR) return { ok: false, reason: 'orimligt belopp (10 mnkr eller mer för ett hushåll och en månad)' };
  return p;
}

function count(min: number): Cast {
  return (text) => {
    const p: Parsed = parseCount(text);
    if (!p.ok) return p.reason === 'inte ett heltal' ? { ok: false, reason: 'inte ett heltal (antal kan inte ha decimaler)' } : p;
    if (p.value < min) return { ok: false, reason: min === 1 ? 'minst 1 vuxen' : 'negativt antal' };
    if (p.value > MAX_PERSONS) return { ok: false, reason: `orimligt antal (fler än ${MAX_PERSONS})` };
    return p;
  };
}

function text(t: string): ReturnType<Cast> {
  const v = t.trim();
  return v.length > MAX_TEXT ? { ok: false, reason: `för lång text (över ${MAX_TEXT} tecken)` } : { ok: true, value: v };
}

function castFor(name: ContractColumnName, range: MonthRange): Cast {
  switch (name) {
    case 'hushall_id':
      return text;
    case 'manad':
      return (t) => {
        const m = parseMonth(t, range);
        return m.ok ? { ok: true, value: m.month } : m;
      };
    case 'utbetalt_kr':
    case 'forsorjningsstod_kr':
      return amount;
    case 'antal_vuxna':
      return count(1);
    case 'antal_barn':
      return count(0);
    case 'hushallstyp':
    case 'kanal':
      return (t) => {
        const v = toCategory(name, t);
        return v === null ? { ok: false, reason: `okänd ${name === 'kanal' ? 'kanal' : 'hushållstyp'} (lägg till en värdemappning)` } : { ok: true, value: v };
      };
    case 'handlingsplan':
      return (t) => {
        const v = toBoolean(t);
        return v === null ? { ok: false, reason: 'inte ja/nej' } : { ok: true, value: v };
      };
    default:
      return text;
  }
}

/**
 * Casts every mapped cell from text by the contract's rules and checks it. A row with any problem is
 * refused whole and listed with every problem (row, column, reason); nothing is rounded, guessed or
 * dropped silently. Rows with the same hushall_id and manad are merged: amounts summed (an export
 * with one row per payment), other columns from the first row that has them, with a notice.
 * `hushallIds`, when given, replaces the mapped hushall_id column (pseudonyms).
 */
export function validateTable(table: RawTable, mapping: ResolvedMapping, range: MonthRange, hushallIds?: readonly string[]): ValidationResult {
  const mapped = [...mapping.columns.keys()].filter((n) => !(n === 'hushall_id' && hushallIds));
  const plan = mapped.map((name) => {
    let cast = castFor(name, range);
    const values = mapping.values.get(name);
    const normalisedValues = values && new Map([...values].map(([from, to]) => [normaliseName(from), to]));
    const source = table.columns[mapping.columns.get(name)!]!;
    // Category words are normalised (slow): cast each distinct text once. Other kinds have fast paths.
    const kind = contractColumn(name).kind;
    if (kind === 'category' || kind === 'boolean') cast = memo(cast);
    const required = contractColumn(name).required;
    return { name, cast, values, normalisedValues, source, required };
  });
  const idSource = hushallIds ?? table.columns[mapping.columns.get('hushall_id') ?? -1] ?? [];
  const out: Record<string, Value[]> = { hushall_id: [] };
  for (const p of plan) out[p.name] = [];
  const idColumn = plan.findIndex((p) => p.name === 'hushall_id');
  const outColumns = plan.map((p) => out[p.name]!);
  const rejected: RejectedRow[] = [];
  // Household ids as small integers: a numeric (household, month) key is far cheaper than a string one.
  const fileIds = new Map<string, number>();
  const importedIds: number[] = [];
  const fileSum = new Sum();
  let unreadable = 0;
  const uIndex = plan.findIndex((p) => p.name === 'utbetalt_kr');
  const fsIndex = plan.findIndex((p) => p.name === 'forsorjningsstod_kr');
  const monthIndex = plan.findIndex((p) => p.name === 'manad');
  const utbetaltSource = plan[uIndex]?.source;
  // (hushall_id, manad) → output row of its first occurrence; `sourceRow` maps an output row to its file row.
  const seen = new Map<number, number>();
  const sourceRow: number[] = [];
  let merged = 0;
  let identical = 0;
  const row: Value[] = new Array(plan.length);

  // No closures are created per row: on a million rows they cost more than the checks themselves.
  for (let r = 0; r < table.rowCount; r++) {
    const id = (idSource[r] ?? '').trim();
    let idNumber = fileIds.get(id);
    if (idNumber === undefined && id !== '') fileIds.set(id, (idNumber = fileIds.size));
    let amount: Parsed | null = null;
    if (utbetaltSource) {
      amount = parseNumber(utbetaltSource[r]!);
      if (amount.ok) fileSum.add(amount.value);
      else if (utbetaltSource[r]!.trim() !== '') unreadable++;
    }
    let problems: CellProblem[] | null = null;
    if (table.ragged.has(r)) problems = addProblem(problems, '(raden)', 'fler fält än rubrikraden');
    if (id === '') problems = addProblem(problems, 'hushall_id', 'värde saknas');
    else if (id.length > MAX_TEXT) problems = addProblem(problems, 'hushall_id', `för långt id (över ${MAX_TEXT} tecken)`);
    for (let c = 0; c < plan.length; c++) {
      const p = plan[c]!;
      if (p.name === 'hushall_id') {
        row[c] = id;
        continue;
      }
      let t = p.source[r]!;
      if (t.length === 0 || t.trim() === '') {
        if (p.required) problems = addProblem(problems, p.name, 'värde saknas');
        row[c] = null;
        continue;
      }
      let v: ReturnType<Cast>;
      if (c === uIndex && !p.values) v = checkAmount(amount!);
      else {
        if (p.values) t = p.values.get(t.trim()) ?? p.normalisedValues!.get(normaliseName(t)) ?? t;
        v = p.cast(t);
      }
      if (v.ok) row[c] = v.value;
      else problems = addProblem(problems, p.name, v.reason);
    }
    if (problems === null && fsIndex >= 0 && row[fsIndex] !== null && (row[fsIndex] as number) > (row[uIndex] as number)) {
      problems = addProblem(problems, 'forsorjningsstod_kr', 'större än utbetalt_kr (försörjningsstödet är en del av det utbetalda)');
    }
    if (problems !== null) {
      rejected.push({ row: r + 1, problems });
      continue;
    }
    const month = row[monthIndex] as string;
    const key = idNumber! * 1_000_000 + Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7));
    const at = seen.get(key);
    if (at === undefined) {
      seen.set(key, out.hushall_id!.length);
      sourceRow.push(r);
      importedIds.push(idNumber!);
      out.hushall_id!.push(id);
      for (let c = 0; c < plan.length; c++) if (c !== idColumn) outColumns[c]!.push(row[c]!);
      continue;
    }
    const firstRow = sourceRow[at]!;
    const sameText = plan.every((p) => p.source[r] === p.source[firstRow]);
    const mergeProblem = mergeInto(out, plan, row, at);
    if (mergeProblem) {
      rejected.push({ row: r + 1, problems: [mergeProblem] });
      continue;
    }
    merged++;
    if (sameText) identical++;
  }
  const ids = new Set(importedIds);
  const importedSum = new Sum();
  for (const v of (out.utbetalt_kr ?? []) as number[]) importedSum.add(v);
  const notices: string[] = [];
  if (merged > 0) {
    notices.push(`${sv(merged)} rader hade samma hushåll och månad som en tidigare rad och lades ihop (beloppen summerade)`
      + (identical > 0 ? `; ${sv(identical)} av dem var exakt likadana som den första – kontrollera att exporten inte har dubbla rader.` : '.'));
  }
  return {
    columns: out as unknown as ContractColumns,
    rowCount: out.hushall_id!.length,
    rejected,
    fileTotals: { rows: table.rowCount, households: fileIds.size, utbetaltKr: roundOre(fileSum.valueOf()), unreadableAmounts: unreadable },
    importedTotals: { rows: table.rowCount - rejected.length, households: ids.size, utbetaltKr: roundOre(importedSum.valueOf()) },
    notices,
  };
}

type PlanItem = { name: ContractColumnName };

function addProblem(problems: CellProblem[] | null, column: CellProblem['column'], reason: string): CellProblem[] {
  const list = problems ?? [];
  list.push({ column, reason });
  return list;
}

function memo(cast: Cast): Cast {
  const cache = new Map<string, ReturnType<Cast>>();
  return (t) => {
    let v = cache.get(t);
    if (v === undefined) {
      v = cast(t);
      if (cache.size < 100_000) cache.set(t, v);
    }
    return v;
  };
}

function mergeInto(out: Record<string, Value[]>, plan: readonly PlanItem[], row: readonly Value[], at: number): CellProblem | null {
  const u = plan.findIndex((p) => p.name === 'utbetalt_kr');
  const total = (out.utbetalt_kr![at] as number) + (row[u] as number);
  if (total >= MAX_AMOUNT_KR) return { column: 'utbetalt_kr', reason: 'summan för hushållet och månaden blir 10 mnkr eller mer' };
  out.utbetalt_kr![at] = total;
  plan.forEach((p, c) => {
    if (p.name === 'forsorjningsstod_kr' && row[c] !== null) out[p.name]![at] = ((out[p.name]![at] as number | null) ?? 0) + (row[c] as number);
    else if (p.name !== 'utbetalt_kr' && p.name !== 'hushall_id' && out[p.name]![at] === null) out[p.name]![at] = row[c]!;
  });
  return null;
}

/** Neumaier-compensated sum, so a million amounts with öre add up to the exact öre total. */
class Sum {
  private s = 0;
  private c = 0;
  add(x: number): void {
    const t = this.s + x;
    this.c += Math.abs(this.s) >= Math.abs(x) ? this.s - t + x : x - t + this.s;
    this.s = t;
  }
  valueOf(): number {
    return this.s + this.c;
  }
}

function roundOre(kr: number): number {
  return Math.round(kr * 100) / 100;
}

function sv(n: number): string {
  return n.toLocaleString('sv-SE');
}
