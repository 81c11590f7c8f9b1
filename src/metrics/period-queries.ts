import { raw, sql, type BoundSql } from '../engine/sql.ts';
import { attributeWhere, bucketJoin, bucketsSql, groupBucket, groupLabel, monthRange } from './scope.ts';
import type { Grouping, MetricFilters, MetricsModel } from './types.ts';

/** The model's period table. */
const P = (model: MetricsModel) => raw(model.tables.periods);

/**
 * Inflöde and utflöde. New periods are grouped by first month with the attributes there, ends by last
 * payment month with the attributes there. Only observable months count (inflow: the G months before
 * are covered; outflow: the G months after); a bucket without any observable month gives NULL.
 * A counted start is återkommande (`returning_periods`) when the household has an earlier period in
 * the data (`nr > 1`), left-censored or not; the others are nya as far as the data reaches back.
 * Columns: grupp, months, inflow_months, new_periods (all påbörjade perioder), returning_periods,
 * outflow_months, exits.
 */
export function flowSql(model: MetricsModel, filters: MetricFilters, grouping: Grouping): BoundSql {
  const { lo, hi } = monthRange(model, filters);
  const inflowFrom = model.firstMonth + model.gap;
  const outflowTo = model.lastMonth - model.gap;
  return sql`WITH a AS (
      SELECT ${groupLabel(grouping, 'k')} AS grupp, sum(n_in) AS n_in, sum(n_back) AS n_back, sum(n_out) AS n_out FROM (
        SELECT ${groupBucket(model, grouping, 's', 's_')} AS k, 1 AS n_in, CAST(nr > 1 AS INTEGER) AS n_back, 0 AS n_out FROM ${P(model)}
        WHERE s BETWEEN ${lo} AND ${hi} AND NOT left_censored AND ${attributeWhere(model, filters, 's_')}
        UNION ALL
        SELECT ${groupBucket(model, grouping, 'e', 'e_')} AS k, 0, 0, 1 FROM ${P(model)}
        WHERE e BETWEEN ${lo} AND ${hi} AND NOT right_censored AND ${attributeWhere(model, filters, 'e_')})
      GROUP BY k),
    b AS (${bucketsSql(model, grouping, { lo, hi }, { inflow_months: sql`mi >= ${inflowFrom}`, outflow_months: sql`mi <= ${outflowTo}` })})
    SELECT CAST(grupp AS VARCHAR) AS grupp, CAST(months AS INTEGER) AS months,
      CAST(inflow_months AS INTEGER) AS inflow_months,
      CAST(CASE WHEN inflow_months > 0 THEN coalesce(n_in, 0) END AS INTEGER) AS new_periods,
      CAST(CASE WHEN inflow_months > 0 THEN coalesce(n_back, 0) END AS INTEGER) AS returning_periods,
      CAST(outflow_months AS INTEGER) AS outflow_months,
      CAST(CASE WHEN outflow_months > 0 THEN coalesce(n_out, 0) END AS INTEGER) AS exits
    FROM ${bucketJoin(grouping)} WHERE months > 0 ORDER BY grupp`;
}

/**
 * Ended (not right-censored) periods whose last month is in the range, attributes at the end; without
 * `withRunning` only those that started after the data did (not left-censored).
 */
function endedWhere(model: MetricsModel, filters: MetricFilters, withRunning = false): BoundSql {
  const { lo, hi } = monthRange(model, filters);
  const running = withRunning ? sql`` : sql` AND NOT left_censored`;
  return sql`e BETWEEN ${lo} AND ${hi} AND NOT right_censored${running} AND ${attributeWhere(model, filters, 'e_')}`;
}

/**
 * Bidragstid of ended, not left-censored periods, by the bucket of their last payment month.
 * Columns: grupp, ended_periods, mean_months, median_months (e − s + 1), mean_paid_months (biståndsmånader),
 * running_at_start (ended periods left out because they were running when the data starts: the longest
 * ones, so their number says how much the start of the data shortens the mean; see duration-bias.ts).
 */
export function durationSql(model: MetricsModel, filters: MetricFilters, grouping: Grouping): BoundSql {
  return sql`WITH a AS (
      SELECT ${groupLabel(grouping, 'k')} AS grupp, count(*) FILTER (WHERE NOT left_censored) AS n,
        avg(langd) FILTER (WHERE NOT left_censored) AS mean_len, median(langd) FILTER (WHERE NOT left_censored) AS median_len,
        avg(paid_months) FILTER (WHERE NOT left_censored) AS mean_paid, count(*) FILTER (WHERE left_censored) AS n_running
      FROM (SELECT ${groupBucket(model, grouping, 'e', 'e_')} AS k, langd, paid_months, left_censored FROM ${P(model)}
        WHERE ${endedWhere(model, filters, true)})
      GROUP BY k),
    b AS (${bucketsSql(model, grouping, monthRange(model, filters), {})})
    SELECT CAST(grupp AS VARCHAR) AS grupp, CAST(coalesce(n, 0) AS INTEGER) AS ended_periods,
      CAST(mean_len AS DOUBLE) AS mean_months, CAST(median_len AS DOUBLE) AS median_months,
      CAST(mean_paid AS DOUBLE) AS mean_paid_months, CAST(coalesce(n_running, 0) AS INTEGER) AS running_at_start
    FROM ${bucketJoin(grouping)} WHERE months > 0 ORDER BY grupp`;
}

/** Distribution of bidragstid over the same periods as `durationSql`: columns langd (months), periods. */
export function durationDistributionSql(model: MetricsModel, filters: MetricFilters): BoundSql {
  return sql`SELECT CAST(langd AS INTEGER) AS langd, CAST(count(*) AS INTEGER) AS periods
    FROM ${P(model)} WHERE ${endedWhere(model, filters)} GROUP BY langd ORDER BY langd`;
}

/**
 * Återaktualisering inom W: of the periods ended in the bucket whose follow-up is covered
 * (e + W ≤ last data month), those whose household starts a new period with first month ≤ e + W.
 * Attributes at the end month. Columns: grupp, followed_up, reactivated, reactivation_rate,
 * not_reactivated_rate (NULL when no period is followed up).
 */
export function reactivationSql(model: MetricsModel, filters: MetricFilters, grouping: Grouping): BoundSql {
  const { lo, hi } = monthRange(model, filters);
  const w = model.window;
  return sql`WITH a AS (
      SELECT ${groupLabel(grouping, 'k')} AS grupp, count(*) AS n, count(*) FILTER (WHERE back) AS back
      FROM (SELECT ${groupBucket(model, grouping, 'e', 'e_')} AS k, next_s IS NOT NULL AND next_s <= e + ${w} AS back
        FROM ${P(model)}
        WHERE e BETWEEN ${lo} AND ${hi} AND NOT right_censored AND e + ${w} <= ${model.lastMonth}
          AND ${attributeWhere(model, filters, 'e_')})
      GROUP BY k),
    b AS (${bucketsSql(model, grouping, { lo, hi }, {})})
    SELECT CAST(grupp AS VARCHAR) AS grupp, CAST(coalesce(n, 0) AS INTEGER) AS followed_up,
      CAST(coalesce(back, 0) AS INTEGER) AS reactivated,
      CAST(CASE WHEN n > 0 THEN back / n END AS DOUBLE) AS reactivation_rate,
      CAST(CASE WHEN n > 0 THEN 1 - back / n END AS DOUBLE) AS not_reactivated_rate
    FROM ${bucketJoin(grouping)} WHERE months > 0 ORDER BY grupp`;
}
