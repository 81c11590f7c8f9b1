/**
 * The household-month metrics computed straight from `hm` (a million rows at 1.2 M household-months):
 * the reference definitions. The dashboard and the CLI use the routed builders in household-queries.ts,
 * which read the pre-aggregated tables and must give exactly these rows (household-queries.test.ts).
 */
import { raw, sql, type BoundSql } from '../engine/sql.ts';
import { LONG_TERM_MONTHS, VERY_LONG_TERM_MONTHS } from './aggregates.ts';
import { adultColumns, sharedHouseholdColumns } from './household-columns.ts';
import { ATTRIBUTES } from './prepare.ts';
import { attributeWhere, bucketJoin, bucketsSql, groupBucket, groupLabel, monthRange } from './scope.ts';
import type { Grouping, MetricFilters, MetricsModel } from './types.ts';

/**
 * Household-month metrics, attributes read from each month's own row. Columns: grupp, months (months
 * of the range in the bucket), households (distinct, with payment in the bucket), household_months,
 * avg_households (per month), paid_kr, fs_kr, paid_per_household (paid_kr ÷ households),
 * paid_per_household_month (paid_kr ÷ household_months),
 * children (sum of antal_barn per month, averaged over the bucket's months), e_share and
 * handlingsplan_share (of active household-months). Optional-column metrics are NULL when the column is absent.
 */
export function householdMonthsDirectSql(model: MetricsModel, filters: MetricFilters, grouping: Grouping): BoundSql {
  const range = monthRange(model, filters);
  const c = model.columns;
  const ifColumn = (present: boolean, expr: string) => raw(present ? expr : 'NULL');
  // hm holds one row per household and month, so per month the row count is the household count;
  // longer buckets first collapse to one row per household and bucket (integers: cheap to group).
  const perHousehold = grouping === 'month'
    ? sql`SELECT ${groupBucket(model, grouping, 'mi', '')} AS k, 1 AS h, 1 AS n, utbetalt AS paid, fs, antal_barn AS barn,
        CAST(kanal = 'e-tjänst' AS INTEGER) AS e, CAST(handlingsplan AS INTEGER) AS hp,
        antal_vuxna AS vuxna, CAST(antal_barn > 0 AS INTEGER) AS hb
      FROM ${raw(model.tables.hm)} WHERE mi BETWEEN ${range.lo} AND ${range.hi} AND ${attributeWhere(model, filters, '')}`
    : sql`SELECT ${groupBucket(model, grouping, 'mi', '')} AS k, 1 AS h, count(*) AS n, sum(utbetalt) AS paid, sum(fs) AS fs,
        sum(antal_barn) AS barn, count(*) FILTER (WHERE kanal = 'e-tjänst') AS e, count(*) FILTER (WHERE handlingsplan) AS hp,
        sum(antal_vuxna) AS vuxna, count(*) FILTER (WHERE antal_barn > 0) AS hb
      FROM ${raw(model.tables.hm)} WHERE mi BETWEEN ${range.lo} AND ${range.hi} AND ${attributeWhere(model, filters, '')}
      GROUP BY k, hid`;
  return sql`WITH a AS (
      SELECT ${groupLabel(grouping, 'k')} AS grupp, sum(h) AS households, sum(n) AS household_months, sum(paid) AS paid_kr,
        sum(fs) AS fs_kr, sum(barn) AS barn, sum(e) AS e_months, sum(hp) AS hp_months,
        sum(vuxna) AS vuxna, sum(hb) AS hb
      FROM (${perHousehold}) GROUP BY k),
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
export function veryLongTermDirectSql(model: MetricsModel, filters: MetricFilters, grouping: Grouping): BoundSql {
  const range = monthRange(model, filters);
  const exactFrom = model.firstMonth + model.gap + VERY_LONG_TERM_MONTHS - 2;
  return sql`WITH a AS (
      SELECT ${groupLabel(grouping, 'k')} AS grupp, count(*) AS active, count(*) FILTER (WHERE long) AS vl
      FROM (SELECT ${groupBucket(model, grouping, 'mi', '')} AS k, mi - ps + 1 >= ${VERY_LONG_TERM_MONTHS} AS long
        FROM ${raw(model.tables.hm)}
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
 * grupp, years, households (household-years with payment), long_term, long_term_share.
 */
export function longTermDirectSql(model: MetricsModel, filters: MetricFilters, grouping: Grouping): BoundSql {
  if (grouping === 'month' || grouping === 'quarter') {
    throw new RangeError('Långvarigt bistånd räknas per kalenderår: gruppera per år eller attribut');
  }
  const range = monthRange(model, filters);
  const firstYear = Math.ceil(range.lo / 12);
  const lastYear = Math.floor((range.hi + 1) / 12) - 1;
  const years = grouping === 'year' ? 1 : Math.max(0, lastYear - firstYear + 1);
  const lastOf = [...ATTRIBUTES, 'antal_vuxna'].map((a) => `arg_max({'v': ${a}}, mi).v AS y_${a}`).join(', ');
  return sql`WITH hy AS (
      SELECT hid, mi // 12 AS y, count(*) AS months, ${raw(lastOf)}
      FROM ${raw(model.tables.hm)} WHERE mi BETWEEN ${firstYear * 12} AND ${lastYear * 12 + 11}
      GROUP BY hid, y)
    SELECT CAST(${groupLabel(grouping, 'k')} AS VARCHAR) AS grupp, CAST(${years} AS INTEGER) AS years,
      CAST(count(*) AS INTEGER) AS households,
      CAST(count(*) FILTER (WHERE months >= ${LONG_TERM_MONTHS}) AS INTEGER) AS long_term,
      CAST(count(*) FILTER (WHERE months >= ${LONG_TERM_MONTHS}) / count(*) AS DOUBLE) AS long_term_share,
      ${adultColumns(model, 'sum(y_antal_vuxna)', `coalesce(sum(y_antal_vuxna) FILTER (WHERE months >= ${LONG_TERM_MONTHS}), 0)`)}
    FROM (SELECT ${groupBucket(model, grouping, 'y * 12', 'y_')} AS k, months, y_antal_vuxna FROM hy WHERE ${attributeWhere(model, filters, 'y_')})
    GROUP BY k ORDER BY 1`;
}
