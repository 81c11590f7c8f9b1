/**
 * Columns that the routed and the direct household-month queries share, computed from the same
 * per-bucket sums (`vuxna`, `barn`, `hb` = household-months with children, `households`,
 * `household_months`, `months`), so the two routes cannot drift apart on them.
 */
import { raw, type RawSql } from '../engine/sql.ts';
import { isTimeGrouping, type MonthRange } from './scope.ts';
import type { Grouping, MetricsModel } from './types.ts';

/**
 * True when every bucket is one whole calendar year that the data covers: Socialstyrelsen's
 * biståndsmånader per hushåll is a yearly measure, and over a part of a year it would be shorter.
 */
function wholeYear(grouping: Grouping, range: MonthRange): string {
  if (grouping === 'year') return 'months = 12';
  if (grouping === 'month' || grouping === 'quarter') return 'FALSE';
  return range.lo % 12 === 0 && range.hi === range.lo + 11 ? 'TRUE' : 'FALSE';
}

/**
 * adults, persons (adults + children) and households_with_children (per month, averaged over the
 * bucket's months; NULL without the column), benefit_months_per_household (payment months ÷
 * households, whole calendar years only) and household_share (a group's share of the active
 * household-months, for attribute groupings only).
 */
export function sharedHouseholdColumns(model: MetricsModel, grouping: Grouping, range: MonthRange): RawSql {
  const c = model.columns;
  const adults = c.antal_vuxna ? 'coalesce(vuxna, 0) / months' : 'NULL';
  const persons = c.antal_vuxna && c.antal_barn ? '(coalesce(vuxna, 0) + coalesce(barn, 0)) / months' : 'NULL';
  const withChildren = c.antal_barn ? 'coalesce(hb, 0) / months' : 'NULL';
  const share = isTimeGrouping(grouping)
    ? 'NULL'
    : 'coalesce(household_months, 0) / nullif(sum(coalesce(household_months, 0)) OVER (), 0)';
  return raw(`CAST(${adults} AS DOUBLE) AS adults,
      CAST(${persons} AS DOUBLE) AS persons,
      CAST(${withChildren} AS DOUBLE) AS households_with_children,
      CAST(CASE WHEN ${wholeYear(grouping, range)} AND households > 0 THEN household_months / households END AS DOUBLE)
        AS benefit_months_per_household,
      CAST(${share} AS DOUBLE) AS household_share`);
}

/**
 * The adult-weighted långvarigt columns from the sums of adults over all and over the long-term
 * household-years: adults, long_term_adults, long_term_adult_share (NULL without antal_vuxna).
 * Socialstyrelsen reports långvarigt bistånd per adult recipient; this is that reading.
 */
export function adultColumns(model: MetricsModel, all: string, long: string): RawSql {
  if (!model.columns.antal_vuxna) {
    return raw('CAST(NULL AS INTEGER) AS adults, CAST(NULL AS INTEGER) AS long_term_adults, CAST(NULL AS DOUBLE) AS long_term_adult_share');
  }
  return raw(`CAST(${all} AS INTEGER) AS adults, CAST(${long} AS INTEGER) AS long_term_adults,
      CAST(CAST(${long} AS BIGINT) / nullif(CAST(${all} AS BIGINT), 0) AS DOUBLE) AS long_term_adult_share`);
}
