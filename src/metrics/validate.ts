import { toIdentifier, type Connector } from '../engine/connector.ts';
import { raw, sql, type RawSql } from '../engine/sql.ts';
import { defaultMonthRange, type MonthRange } from '../import/months.ts';
import type { OptionalColumns } from './types.ts';

/** Bad input data: the Swedish message names the column and the first bad (1-based) data row. */
export class MetricsInputError extends Error {
  constructor(
    message: string,
    readonly column?: string,
    readonly row?: number,
  ) {
    super(message);
    this.name = 'MetricsInputError';
  }
}

/** The contract's required columns, in the order they are reported when missing. */
export const REQUIRED_COLUMNS = ['hushall_id', 'manad', 'utbetalt_kr'] as const;

/** What validation learnt about the source table. */
export interface SourceInfo {
  /** How `manad` is turned into a month: text `YYYY-MM[-DD]` or a DATE/TIMESTAMP. */
  manadKind: 'text' | 'date';
  columns: OptionalColumns;
}

interface Check {
  column: string;
  problem: string;
  /** SQL condition that is true on a bad row (code-authored). */
  bad: string;
  /** True when `bad` reads only `manad`: then it is checked once per distinct value first. */
  perValue?: boolean;
}

const OPTIONAL: readonly (keyof OptionalColumns)[] = [
  'forsorjningsstod_kr', 'hushallstyp', 'antal_vuxna', 'antal_barn', 'forsorjningshinder', 'enhet', 'kanal', 'handlingsplan',
];

const isNumber = (c: string) => `TRY_CAST(${c} AS DOUBLE)`;

/** NaN, ±Infinity and amounts of 10 mnkr or more per household-month would turn totals into null or nonsense. */
function amountChecks(c: string): Check[] {
  return [
    { column: c, problem: 'negativt belopp', bad: `${isNumber(c)} < 0` },
    { column: c, problem: 'inte ett ändligt tal', bad: `NOT isfinite(${isNumber(c)})` },
    { column: c, problem: 'orimligt belopp (10 mnkr eller mer för ett hushåll och en månad)', bad: `isfinite(${isNumber(c)}) AND ${isNumber(c)} >= 10000000` },
  ];
}

function checksFor(types: Map<string, string>, monthRange: MonthRange): { checks: Check[]; manadKind: SourceInfo['manadKind'] } {
  const manadType = types.get('manad') ?? '';
  const manadKind = /^(DATE|TIMESTAMP)/.test(manadType) ? 'date' : 'text';
  const checks: Check[] = [
    { column: 'hushall_id', problem: 'värde saknas', bad: `hushall_id IS NULL OR trim(CAST(hushall_id AS VARCHAR)) = ''` },
    { column: 'manad', problem: 'värde saknas', bad: 'manad IS NULL' },
  ];
  if (manadKind === 'text') {
    // A text month must be YYYY-MM (or a real date YYYY-MM-DD, whose month is used).
    const text = 'CAST(manad AS VARCHAR)';
    checks.push({
      column: 'manad',
      problem: 'inte en månad (ÅÅÅÅ-MM)',
      bad: `NOT regexp_full_match(${text}, '\\d{4}-(0[1-9]|1[0-2])') AND TRY_CAST(${text} AS DATE) IS NULL`,
      perValue: true,
    });
  }
  // Months outside 1990 – next year are typing errors; one 9999-12 row would stretch every report over
  // 95 000 months, and a 1900-01 row changes bidragstid (docs/metrics.md, "Input and validation").
  const year = manadKind === 'date' ? 'year(manad)' : 'TRY_CAST(substr(CAST(manad AS VARCHAR), 1, 4) AS INTEGER)';
  const { firstYear, lastYear } = monthRange;
  checks.push({ column: 'manad', problem: `månaden ligger utanför ${firstYear}–${lastYear}`, bad: `${year} NOT BETWEEN ${firstYear} AND ${lastYear}`, perValue: true });
  checks.push(
    { column: 'utbetalt_kr', problem: 'värde saknas', bad: 'utbetalt_kr IS NULL' },
    { column: 'utbetalt_kr', problem: 'inte ett tal', bad: `${isNumber('utbetalt_kr')} IS NULL` },
    ...amountChecks('utbetalt_kr'),
  );
  if (types.has('forsorjningsstod_kr')) {
    const c = 'forsorjningsstod_kr';
    checks.push(
      { column: c, problem: 'inte ett tal', bad: `${c} IS NOT NULL AND ${isNumber(c)} IS NULL` },
      ...amountChecks(c),
    );
  }
  const integerAtLeast = (c: string, min: number) => ({
    column: c,
    problem: `inte ett heltal ≥ ${min}`,
    bad: `${c} IS NOT NULL AND (TRY_CAST(${c} AS DOUBLE) IS NULL OR TRY_CAST(${c} AS DOUBLE) < ${min} OR TRY_CAST(${c} AS DOUBLE) <> floor(TRY_CAST(${c} AS DOUBLE)))`,
  });
  if (types.has('antal_vuxna')) checks.push(integerAtLeast('antal_vuxna', 1));
  if (types.has('antal_barn')) checks.push(integerAtLeast('antal_barn', 0));
  if (types.has('handlingsplan')) {
    checks.push({ column: 'handlingsplan', problem: 'inte sant/falskt', bad: 'handlingsplan IS NOT NULL AND TRY_CAST(handlingsplan AS BOOLEAN) IS NULL' });
  }
  return { checks, manadKind };
}

/**
 * Checks `source` against the data contract (one aggregate pass when the data is good; row numbers
 * are looked up only when it is not) and returns what the derivation needs.
 * Throws `MetricsInputError` for a missing table or required column, or the first bad row.
 */
export async function validateSource(db: Connector, source: string, monthRange: MonthRange = defaultMonthRange()): Promise<SourceInfo> {
  const table = toIdentifier(source);
  const describe = sql`SELECT lower(column_name) AS name, CAST(data_type AS VARCHAR) AS type
    FROM information_schema.columns WHERE table_name = ${source}`;
  const described = await db.query(describe.text, describe.params);
  if (described.numRows === 0) throw new MetricsInputError(`Tabellen ${source} saknas eller har inga kolumner`);
  const types = new Map<string, string>();
  for (let i = 0; i < described.numRows; i++) types.set(String(described.getChild('name')?.get(i)), String(described.getChild('type')?.get(i)));
  for (const column of REQUIRED_COLUMNS) {
    if (!types.has(column)) throw new MetricsInputError(`Kolumnen ${column} saknas i data (obligatorisk kolumn)`, column);
  }
  const { checks, manadKind } = checksFor(types, monthRange);
  // Fast pass: does any row fail any check? One aggregate without row numbers, and the month
  // pattern on the distinct months only (a regular expression per row dominates on a million rows).
  const rowChecks = checks.filter((c) => !c.perValue).map((c) => `(${c.bad})`).join(' OR ');
  const valueChecks = checks.filter((c) => c.perValue).map((c) => `(${c.bad})`);
  const valueBad = valueChecks.length === 0 ? '0'
    : `(SELECT count(*) FROM (SELECT DISTINCT manad FROM ${table}) WHERE ${valueChecks.join(' OR ')})`;
  const fast = await db.query(`SELECT CAST(count(*) AS INTEGER) AS n, CAST(count(*) FILTER (WHERE ${rowChecks}) + ${valueBad} AS INTEGER) AS bad FROM ${table}`);
  const n = Number(fast.getChild('n')?.get(0));
  if (n === 0) throw new MetricsInputError(`Tabellen ${source} innehåller inga rader`);
  const columns = Object.fromEntries(OPTIONAL.map((c) => [c, types.has(c)])) as unknown as OptionalColumns;
  if (Number(fast.getChild('bad')?.get(0)) === 0) return { manadKind, columns };

  const kind = await db.query('SELECT table_type FROM information_schema.tables WHERE table_name = ?', [source]);
  // Views have no rowid; a base table keeps file order in rowid, which gives the data row number.
  const rowNumber: RawSql = raw(String(kind.getChild('table_type')?.get(0)).includes('VIEW') ? 'row_number() OVER ()' : 'rowid + 1');
  // Something is wrong: pass 1 finds the first bad row per check; pass 2 reads only that row's value
  // (casting every value to text in pass 1 would dominate the time on a million rows).
  const aggregates = checks.map((c, i) => `CAST(min(__r) FILTER (WHERE ${c.bad}) AS DOUBLE) AS r${i}`).join(', ');
  const q = sql`SELECT ${raw(aggregates)}
    FROM (SELECT *, ${rowNumber} AS __r FROM ${raw(table)})`;
  const result = await db.query(q.text, q.params);
  const row = result.get(0)?.toJSON() as Record<string, unknown> | undefined;
  let first: { check: Check; row: number } | null = null;
  checks.forEach((check, i) => {
    const bad = row?.[`r${i}`];
    if (bad !== null && bad !== undefined && (first === null || Number(bad) < first.row)) first = { check, row: Number(bad) };
  });
  if (first !== null) {
    const { check, row: at } = first as { check: Check; row: number };
    const read = sql`SELECT CAST(${raw(check.column)} AS VARCHAR) AS v FROM (SELECT *, ${rowNumber} AS __r FROM ${raw(table)}) WHERE __r = ${at}`;
    const value: unknown = (await db.query(read.text, read.params)).getChild('v')?.get(0);
    const shown = value === null || value === undefined || value === '' ? '' : ` (${String(value)})`;
    throw new MetricsInputError(`Kolumnen ${check.column}: ${check.problem} på rad ${at}${shown}`, check.column, at);
  }
  return { manadKind, columns };
}
