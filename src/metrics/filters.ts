/**
 * The one compiler from `MetricFilters` to SQL. Metric queries (over the derived tables), notebook
 * metric cells and `${filters}` in notebook SQL cells (over the raw `utbetalningar` rows) all call
 * `filterSql`, so a filter means the same households on every page.
 *
 * Missing values (docs/metrics.md "Filter"): a row whose attribute is missing (NULL) matches no
 * value filter on that attribute. For `barn` this means a row without `antal_barn` is neither
 * "med barn" (`antal_barn > 0`) nor "utan barn" (`antal_barn = 0`); it is counted only when the barn
 * filter is off, and is grouped under "Uppgift saknas". An absent or empty list restricts nothing.
 */
import { joinSql, raw, sql, type BoundSql } from '../engine/sql.ts';
import { fromMonthIndex, toMonthIndex } from './month.ts';
import type { MetricFilters } from './types.ts';

/** The attribute filters, in a fixed order (the order of the conditions in the SQL). */
export const ATTRIBUTE_FILTERS = ['enhet', 'hushallstyp', 'forsorjningshinder', 'barn'] as const;
export type AttributeFilter = (typeof ATTRIBUTE_FILTERS)[number];

/** The contract column each attribute filter reads. */
export const FILTER_COLUMN: Readonly<Record<AttributeFilter, string>> = {
  enhet: 'enhet',
  hushallstyp: 'hushallstyp',
  forsorjningshinder: 'forsorjningshinder',
  barn: 'antal_barn',
};

/** How the rows being filtered store their month. */
export type MonthColumn =
  /** An integer month index (year × 12 + month − 1), as in the derived tables. */
  | { kind: 'index'; column: string }
  /** The contract's `manad`: a DATE, or text starting `YYYY-MM` (`unknown`: either). */
  | { kind: 'manad'; column: string; storage: 'date' | 'text' | 'unknown' };

export interface FilterSqlOptions {
  /** Column name of an attribute filter, e.g. `s_enhet` or `u.antal_barn` (default: the contract name). */
  column?: (filter: AttributeFilter) => string;
  /** Where the month is; without it `from`/`to` are not compiled (the caller bounds the months itself). */
  month?: MonthColumn;
}

function monthPart(filters: MetricFilters, month: MonthColumn): BoundSql[] {
  const parts: BoundSql[] = [];
  const col = raw(month.column);
  const { from, to } = filters;
  // Validated here so a malformed month never reaches the SQL text of any path.
  const lo = from === undefined ? undefined : toMonthIndex(from, 'från-månad');
  const hi = to === undefined ? undefined : toMonthIndex(to, 'till-månad');
  if (lo !== undefined && hi !== undefined && lo > hi) throw new RangeError(`Från-månaden ${from} ligger efter till-månaden ${to}`);
  if (month.kind === 'index') {
    if (lo !== undefined) parts.push(sql`${col} >= ${lo}`);
    if (hi !== undefined) parts.push(sql`${col} <= ${hi}`);
  } else if (month.storage === 'date') {
    // A plain date range lets DuckDB use zone maps: about ten times faster than the text form on 1.2 M rows.
    if (from !== undefined) parts.push(sql`${col} >= CAST(${`${from}-01`} AS DATE)`);
    if (hi !== undefined) parts.push(sql`${col} < CAST(${`${fromMonthIndex(hi + 1)}-01`} AS DATE)`);
  } else {
    // A DATE and 'YYYY-MM' text both start with the month's seven characters.
    const text = raw(`substr(CAST(${month.column} AS VARCHAR), 1, 7)`);
    if (from !== undefined && to !== undefined) parts.push(sql`${text} BETWEEN ${from} AND ${to}`);
    else if (from !== undefined) parts.push(sql`${text} >= ${from}`);
    else if (to !== undefined) parts.push(sql`${text} <= ${to}`);
  }
  return parts;
}

/**
 * The filters as one boolean SQL expression (`TRUE` when nothing restricts), values bound as `?`.
 * Lists become `IN (…)` (a NULL attribute is in no list), `barn` becomes `antal_barn > 0` / `= 0`.
 */
export function filterSql(filters: MetricFilters, options: FilterSqlOptions = {}): BoundSql {
  const column = options.column ?? ((f: AttributeFilter) => FILTER_COLUMN[f]);
  const parts: BoundSql[] = options.month ? monthPart(filters, options.month) : [];
  for (const name of ATTRIBUTE_FILTERS) {
    const col = raw(column(name));
    if (name === 'barn') {
      if (filters.barn === 'med') parts.push(sql`${col} > 0`);
      else if (filters.barn === 'utan') parts.push(sql`${col} = 0`);
      else if (filters.barn !== undefined) throw new RangeError(`Filtret barn ska vara med eller utan, inte ${JSON.stringify(filters.barn)}`);
      continue;
    }
    const values = filters[name];
    if (!values || values.length === 0) continue;
    parts.push(sql`${col} IN (${joinSql(values.map((v) => sql`${v}`), ', ')})`);
  }
  if (parts.length === 0) return sql`TRUE`;
  const joined = joinSql(parts, ' AND ');
  return { text: `(${joined.text})`, params: joined.params };
}

/** The attribute filters that restrict something (for checking that their columns exist). */
export function activeAttributeFilters(filters: MetricFilters): AttributeFilter[] {
  return ATTRIBUTE_FILTERS.filter((f) => (f === 'barn' ? filters.barn !== undefined : (filters[f]?.length ?? 0) > 0));
}

/**
 * Says which chosen values of one filter the data does not have (a link made on other data, a typo),
 * in Swedish; undefined when it has them all. Every page keeps such a choice (it is what the link asks
 * for) and shows this, rather than zeros without a word.
 */
export function valuesNotInData(label: string, chosen: readonly string[], options: readonly string[]): string | undefined {
  const missing = chosen.filter((v) => !options.includes(v));
  if (missing.length === 0) return undefined;
  return `${label}: ${missing.map((v) => `"${v}"`).join(', ')} finns inte i datan och ger därför inga hushåll. Välj bland filtrets alternativ eller rensa det.`;
}
