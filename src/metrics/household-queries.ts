/**
 * Household-month metrics, routed to the pre-aggregated tables of aggregates.ts. The figures are
 * exactly those of the direct queries over `hm` in household-direct.ts (the reference definitions);
 * only the distinct household count over several months still reads `hm`, and only for the months
 * that are not whole calendar years. Grouped by year, whole years need no DISTINCT without attribute
 * filters, and one over few rows with them (householdYearCount).
 */
import { joinSql, raw, sql, type BoundSql } from '../engine/sql.ts';
import { VERY_LONG_TERM_MONTHS } from './aggregates.ts';
import { adultColumns, sharedHouseholdColumns } from './household-columns.ts';
import { activeAttributeFilters } from './filters.ts';
import { attributeWhere, bucketJoin, bucketsSql, groupBucket, groupLabel, monthRange, type MonthRange } from './scope.ts';
import type { Grouping, MetricFilters, MetricsModel } from './types.ts';

export { LONG_TERM_MONTHS, VERY_LONG_TERM_MONTHS } from './aggregates.ts';

/**
 * Distinct households with payment per bucket (`k`, `households`), for buckets longer than a month.
 * Whole calendar years come from the household-year table (one row per household, year and attribute
 * combination, so the attribute filters select exactly the households `hm` would); the months before
 * the first and after the last whole year come from `hm`. Quarters always read `hm`.
 */
function householdsSql(model: MetricsModel, filters: MetricFilters, grouping: Grouping, range: MonthRange): BoundSql {
  const where = attributeWhere(model, filters, '');
  const fromHm = (lo: number, hi: number) =>
    sql`SELECT ${groupBucket(model, grouping, 'mi', '')} AS k, hid FROM ${raw(model.tables.hm)} WHERE mi BETWEEN ${lo} AND ${hi} AND ${where}`;
  const firstYear = Math.ceil(range.lo / 12);
  const lastYear = Math.floor((range.hi + 1) / 12) - 1;
  if (grouping === 'quarter' || firstYear > lastYear) return distinctCount(fromHm(range.lo, range.hi));
  const edges: BoundSql[] = [];
  if (range.lo < firstYear * 12) edges.push(fromHm(range.lo, firstYear * 12 - 1));
  if (range.hi > lastYear * 12 + 11) edges.push(fromHm(lastYear * 12 + 12, range.hi));
  const years = sql`${raw(model.tables.householdYear)} WHERE y BETWEEN ${firstYear} AND ${lastYear} AND ${where}`;
  const yearKey = groupBucket(model, grouping, 'y * 12', '');
  if (grouping === 'year') {
    // One bucket per year: the partial years at the edges are buckets of their own, so each part is
    // counted alone and the counts are stacked; whole years need no DISTINCT (householdYearCount).
    return joinSql([householdYearCount(model, filters, years, { firstYear, lastYear }), ...edges.map(distinctCount)], ' UNION ALL ');
  }
  return distinctCount(joinSql([sql`SELECT ${yearKey} AS k, hid FROM ${years}`, ...edges], ' UNION ALL '));
}

/** `k, households` from rows `k, hid`: one row per household and bucket first, then count (cheaper than count(DISTINCT)). */
function distinctCount(rows: BoundSql): BoundSql {
  return sql`SELECT k, count(*) AS households FROM (SELECT k, hid FROM (${rows}) GROUP BY k, hid) GROUP BY k`;
}

/**
 * Households per whole year from the household-year rows `years` (a FROM … WHERE tail), without a
 * DISTINCT. Without attribute filters from the långvarigt table, which holds one count per household
 * and year (`n`, by the attributes of the household's last payment month: a few thousand rows). With
 * filters, a household with a single row that year (`only_of_year`, aggregates.ts) is that row, and
 * only those whose attributes changed in the year need the DISTINCT (a household paid in two enheter
 * counts once in the year, and once in each enhet when filtered by it).
 */
function householdYearCount(model: MetricsModel, filters: MetricFilters, years: BoundSql, range: { firstYear: number; lastYear: number }): BoundSql {
  const k = groupBucket(model, 'year', 'y * 12', '');
  if (activeAttributeFilters(filters).length === 0) {
    return sql`SELECT y AS k, sum(n) AS households FROM ${raw(model.tables.longTerm)}
      WHERE y BETWEEN ${range.firstYear} AND ${range.lastYear} GROUP BY y`;
  }
  return sql`SELECT k, sum(households) AS households FROM (
      SELECT ${k} AS k, count(*) AS households FROM ${years} AND only_of_year GROUP BY k
      UNION ALL
      ${distinctCount(sql`SELECT ${k} AS k, hid FROM ${years} AND NOT only_of_year`)})
    GROUP BY k`;
}

/**
 * Household-month metrics, attributes read from each month's own row. Columns: grupp, months (months
 * of the range in the bucket), households (distinct, with payment in the bucket), household_months,
 * avg_households (per month), paid_kr, fs_kr, paid_per_household (paid_kr ÷ households),
 * paid_per_household_month (paid_kr ÷ household_months),
 * children (sum of antal_barn per month, averaged over the bucket's months), e_share and
 * handlingsplan_share (of active household-months), and the shared columns of household-columns.ts
 * (adults, persons, households_with_children, benefit_months_per_household, household_share).
 * Optional-column metrics are NULL when the column is absent.
 */
export function householdMonthsSql(model: MetricsModel, filters: MetricFilters, grouping: Grouping): BoundSql {
  const range = monthRange(model, filters);
  const c = model.columns;
  const ifColumn = (present: boolean, expr: string) => raw(present ? expr : 'NULL');
  const month = grouping === 'month';
  // Per month a household has one row, so households = household-months. The reference sums
  // CAST(kanal = 'e-tjänst' AS INTEGER) per month, which is NULL when no row has a kanal; longer
  // buckets count, which is 0. The routed query keeps both readings.
  const eMonths = raw(month ? 'CASE WHEN sum(e_n) > 0 THEN sum(e) END' : 'sum(e)');
  const hpMonths = raw(month ? 'CASE WHEN sum(hp_n) > 0 THEN sum(hp) END' : 'sum(hp)');
  const households = month ? sql`SELECT k, household_months AS households FROM s` : householdsSql(model, filters, grouping, range);
  return sql`WITH s AS (
      SELECT ${groupBucket(model, grouping, 'mi', '')} AS k, sum(n) AS household_months, sum(paid) AS paid_kr,
        sum(fs) AS fs_kr, sum(barn) AS barn, ${eMonths} AS e_months, ${hpMonths} AS hp_months,
        sum(vuxna) AS vuxna, sum(n) FILTER (WHERE antal_barn > 0) AS hb
      FROM ${raw(model.tables.monthAgg)} WHERE mi BETWEEN ${range.lo} AND ${range.hi} AND ${attributeWhere(model, filters, '')}
      GROUP BY k),
    h AS (${households}),
    a AS (SELECT ${groupLabel(grouping, 'k')} AS grupp, households, household_months, paid_kr, fs_kr, barn, e_months, hp_months,
        vuxna, hb
      FROM s JOIN h USING (k)),
    b AS (${bucketsSql(model, grouping, range, {})})
    SELECT CAST(grupp AS VARCHAR) AS grupp, CAST(months AS INTEGER) AS months,
      CAST(coalesce(households, 0) AS INTEGER) AS households,
      CAST(coalesce(household_months, 0) AS INTEGER) AS household_months,
      CAST(coalesce(household_months, 0) / months AS DOUBLE) AS avg_households,
      CAST(coalesce(paid_kr, 0) AS DOUBLE) AS paid_kr,
      CAST(${ifColumn(c.forsorjningsstod_kr, 'coalesce(fs_kr, 0)')} AS DOUBLE) AS fs_kr,
      CAST(CASE WHEN households > 0 THEN paid_kr / households END AS DOUBLE) AS paid_per_household,
      CAST(CASE WHEN household_months > 0 THEN paid_kr / household_months END AS DOUBLE) AS paid_per_household_month,
      CAST(${ifColumn(c.antal_barn, 'coalesce(barn, 0) / months')} AS DOUBLE) AS children,
      CAST(${ifColumn(c.kanal, 'CASE WHEN household_months > 0 THEN e_months / household_months END')} AS DOUBLE) AS e_share,
      CAST(${ifColumn(c.handlingsplan, 'CASE WHEN household_months > 0 THEN hp_months / household_months END')} AS DOUBLE)
        AS handlingsplan_share,
      ${sharedHouseholdColumns(model, grouping, range)}
    FROM ${bucketJoin(grouping)} WHERE months > 0 ORDER BY grupp`;
}

/**
 * Mycket långvarigt: active households whose current period is ≥ 36 months long at the month.
 * A month counts only when the figure is exact: left-censored periods could be longer than seen,
 * which no longer matters from month first + G + 34 on. Columns: grupp, months, observed_months,
 * very_long_term (per observed month), very_long_term_share (of active household-months then).
 */
export function veryLongTermSql(model: MetricsModel, filters: MetricFilters, grouping: Grouping): BoundSql {
  const range = monthRange(model, filters);
  const exactFrom = model.firstMonth + model.gap + VERY_LONG_TERM_MONTHS - 2;
  return sql`WITH a AS (
      SELECT ${groupLabel(grouping, 'k')} AS grupp, sum(n) AS active, sum(vl) AS vl
      FROM (SELECT ${groupBucket(model, grouping, 'mi', '')} AS k, n, vl FROM ${raw(model.tables.monthAgg)}
        WHERE mi BETWEEN ${range.lo} AND ${range.hi} AND mi >= ${exactFrom} AND ${attributeWhere(model, filters, '')})
      GROUP BY k),
    b AS (${bucketsSql(model, grouping, range, { observed_months: sql`mi >= ${exactFrom}` })})
    SELECT CAST(grupp AS VARCHAR) AS grupp, CAST(months AS INTEGER) AS months, CAST(observed_months AS INTEGER) AS observed_months,
      CAST(CASE WHEN observed_months > 0 THEN coalesce(vl, 0) / observed_months END AS DOUBLE) AS very_long_term,
      CAST(CASE WHEN active > 0 THEN vl / active END AS DOUBLE) AS very_long_term_share
    FROM ${bucketJoin(grouping)} WHERE months > 0 ORDER BY grupp`;
}

/**
 * Långvarigt: per household and calendar year, payment months ≥ 10. Only years the data covers fully
 * and that lie wholly inside the filter range; a household is attributed to its last payment month of
 * the year. Groupable by year, total or an attribute (then summed over household-years). Columns:
 * grupp, years, households (household-years with payment), long_term, long_term_share, and weighted
 * by adults (antal_vuxna in the household's last payment month of the year): adults, long_term_adults,
 * long_term_adult_share (NULL without the column).
 */
export function longTermSql(model: MetricsModel, filters: MetricFilters, grouping: Grouping): BoundSql {
  if (grouping === 'month' || grouping === 'quarter') {
    throw new RangeError('Långvarigt bistånd räknas per kalenderår: gruppera per år eller attribut');
  }
  const range = monthRange(model, filters);
  const firstYear = Math.ceil(range.lo / 12);
  const lastYear = Math.floor((range.hi + 1) / 12) - 1;
  const years = grouping === 'year' ? 1 : Math.max(0, lastYear - firstYear + 1);
  return sql`SELECT CAST(${groupLabel(grouping, 'k')} AS VARCHAR) AS grupp, CAST(${years} AS INTEGER) AS years,
      CAST(sum(n) AS INTEGER) AS households,
      CAST(coalesce(sum(n) FILTER (WHERE long), 0) AS INTEGER) AS long_term,
      CAST(CAST(coalesce(sum(n) FILTER (WHERE long), 0) AS BIGINT) / CAST(sum(n) AS BIGINT) AS DOUBLE) AS long_term_share,
      ${adultColumns(model, 'sum(vuxna)', 'coalesce(sum(vuxna) FILTER (WHERE long), 0)')}
    FROM (SELECT ${groupBucket(model, grouping, 'y * 12', 'y_')} AS k, n, long, vuxna FROM ${raw(model.tables.longTerm)}
      WHERE y BETWEEN ${firstYear} AND ${lastYear} AND ${attributeWhere(model, filters, 'y_')})
    GROUP BY k ORDER BY 1`;
}
