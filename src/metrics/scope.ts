import { joinSql, raw, sql, type BoundSql, type RawSql } from '../engine/sql.ts';
import { activeAttributeFilters, FILTER_COLUMN, filterSql } from './filters.ts';
import { toMonthIndex } from './month.ts';
import type { Grouping, MetricFilters, MetricsModel, OptionalColumns } from './types.ts';

/** Label used for a group whose attribute is missing in the data. */
export const MISSING_LABEL = 'Uppgift saknas';

/**
 * Which row's attributes a filter or grouping reads: `''` = the household-month's own row in `hm`,
 * `s_` / `e_` = the period's first / last payment month in `perioder`, `y_` = the household's last
 * payment month of the year (long-term metrics).
 */
export type AttributePrefix = '' | 's_' | 'e_' | 'y_';

/** The months a query looks at: the filter's from–to clipped to the data coverage (inclusive). */
export interface MonthRange {
  lo: number;
  hi: number;
}

/** The filter's month range, clipped to the data's coverage; lo > hi means "no months". */
export function monthRange(model: MetricsModel, filters: MetricFilters): MonthRange {
  const from = filters.from === undefined ? model.firstMonth : toMonthIndex(filters.from, 'från-månad');
  const to = filters.to === undefined ? model.lastMonth : toMonthIndex(filters.to, 'till-månad');
  if (from > to) throw new RangeError(`Från-månaden ${filters.from} ligger efter till-månaden ${filters.to}`);
  return { lo: Math.max(from, model.firstMonth), hi: Math.min(to, model.lastMonth) };
}

function requireColumn(model: MetricsModel, column: keyof OptionalColumns, use: string): void {
  if (!model.columns[column]) throw new RangeError(`${use} kan inte användas: kolumnen ${column} saknas i data`);
}

/**
 * The attribute filters as one condition over the columns with `prefix` (filters.ts compiles it, the
 * same compiler notebooks use for `${filters}`); checks first that the data has the columns.
 */
export function attributeWhere(model: MetricsModel, filters: MetricFilters, prefix: AttributePrefix): BoundSql {
  for (const name of activeAttributeFilters(filters)) {
    requireColumn(model, FILTER_COLUMN[name] as keyof OptionalColumns, `Filtret ${name}`);
  }
  return filterSql(filters, { column: (name) => prefix + FILTER_COLUMN[name] });
}

/**
 * The bucket a row falls in, cheap to group by: an integer for time groupings (month index,
 * quarter index = month ÷ 3, year, 0 for total) or the attribute's text. Turn it into the shown
 * label with `groupLabel` after aggregating, so the formatting runs once per group, not per row.
 */
export function groupBucket(model: MetricsModel, grouping: Grouping, month: string, prefix: AttributePrefix): RawSql {
  switch (grouping) {
    case 'month':
      return raw(month);
    case 'quarter':
      return raw(`(${month}) // 3`);
    case 'year':
      return raw(`(${month}) // 12`);
    case 'total':
      return raw('0');
    case 'barn':
      requireColumn(model, 'antal_barn', 'Grupperingen barn');
      return raw(`CASE WHEN ${prefix}antal_barn > 0 THEN 'med barn' WHEN ${prefix}antal_barn = 0 THEN 'utan barn' ELSE '${MISSING_LABEL}' END`);
    default:
      requireColumn(model, grouping, `Grupperingen ${grouping}`);
      return raw(`coalesce(${prefix}${grouping}, '${MISSING_LABEL}')`);
  }
}

/** The VARCHAR label of bucket column `k`: `2021-05`, `2021-K2`, `2021`, `Totalt` or the attribute. */
export function groupLabel(grouping: Grouping, k: string): RawSql {
  switch (grouping) {
    case 'month':
      return raw(`printf('%04d-%02d', ${k} // 12, ${k} % 12 + 1)`);
    case 'quarter':
      return raw(`printf('%04d-K%d', ${k} // 4, ${k} % 4 + 1)`);
    case 'year':
      return raw(`printf('%04d', ${k})`);
    case 'total':
      return raw(`'Totalt'`);
    default:
      return raw(`CAST(${k} AS VARCHAR)`);
  }
}

/** The group label computed straight from a row (for small inputs such as the month list). */
export function groupKey(model: MetricsModel, grouping: Grouping, month: string, prefix: AttributePrefix): RawSql {
  return groupLabel(grouping, groupBucket(model, grouping, month, prefix).text);
}

/** True for month / quarter / year / total, whose buckets are listed even when empty. */
export function isTimeGrouping(grouping: Grouping): boolean {
  return grouping === 'month' || grouping === 'quarter' || grouping === 'year' || grouping === 'total';
}

/**
 * A CTE body listing the buckets with `months` (months of the range in the bucket) and one count per
 * observability condition (e.g. months whose inflow is observable). Time groupings list every bucket
 * of the range; attribute groupings get the range totals, joined to each group later.
 */
export function bucketsSql(model: MetricsModel, grouping: Grouping, range: MonthRange, observable: Record<string, BoundSql>): BoundSql {
  const counts = Object.entries(observable).map(([name, cond]) => sql`CAST(count(*) FILTER (WHERE ${cond}) AS INTEGER) AS ${raw(name)}`);
  const key = isTimeGrouping(grouping) ? sql`${groupKey(model, grouping, 'mi', '')} AS grupp, ` : sql``;
  const tail = isTimeGrouping(grouping) ? sql` GROUP BY grupp` : sql``;
  return sql`SELECT ${key}CAST(count(*) AS INTEGER) AS months${raw(counts.length ? ', ' : '')}${joinSql(counts, ', ')}
    FROM (SELECT CAST(m AS INTEGER) AS mi FROM range(${range.lo}, ${range.hi + 1}) t(m))${tail}`;
}

/** Joins the aggregate `a` to the buckets `b`: every time bucket is listed, attribute groups as found. */
export function bucketJoin(grouping: Grouping): BoundSql {
  return isTimeGrouping(grouping) ? sql`b LEFT JOIN a USING (grupp)` : sql`a CROSS JOIN b`;
}
