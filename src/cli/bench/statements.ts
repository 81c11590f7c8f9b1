/**
 * The statements the bench times, built by the metrics API (never written here), so the bench
 * measures exactly the SQL the dashboard and the metrics CLI run.
 */
import { toIdentifier, type Connector } from '../../engine/connector.ts';
import type { BoundSql } from '../../engine/sql.ts';
import {
  durationDistributionSql,
  durationSql,
  flowSql,
  fromMonthIndex,
  householdMonthsSql,
  kpis,
  longTermSql,
  reactivationSql,
  runMetric,
  veryLongTermSql,
  type MetricFilters,
  type MetricsModel,
} from '../../metrics/index.ts';
import { lastMonths } from './datasets.ts';
import { recordStatements, type RecordingConnector } from './recording-connector.ts';

/** A named statement, ready to send to the browser page (params copied into a plain array). */
export interface NamedStatement {
  name: string;
  text: string;
  params: (string | number | boolean | null)[];
}

/**
 * Workaround, applied to both engines alike: DuckDB-WASM binds every JS number as DOUBLE, and
 * `range(DOUBLE, DOUBLE)` does not exist, so the metric queries' bucket lists (`range(?, ?)` in
 * metrics/scope.ts) fail in the browser with a Binder Error. An explicit cast makes the text run on
 * both; it is a no-op once the metrics layer casts its bounds itself.
 */
export function castRangeBounds(text: string): string {
  return text.replace(/\brange\(\?, \?\)/g, 'range(CAST(? AS BIGINT), CAST(? AS BIGINT))');
}

function named(name: string, q: BoundSql): NamedStatement {
  return { name, text: castRangeBounds(q.text), params: [...q.params] };
}

/** The filtered variant: one enhet over the last 12 months of data (what a unit manager looks at). */
export function filteredVariant(model: MetricsModel, enhet: string | null): MetricFilters {
  const { lo, hi } = lastMonths(model.firstMonth, model.lastMonth, 12);
  return { from: fromMonthIndex(lo), to: fromMonthIndex(hi), ...(enhet === null ? {} : { enhet: [enhet] }) };
}

/** The most common enhet in the data (null when the column is absent), for the filtered variants. */
export async function commonEnhet(db: Connector, model: MetricsModel): Promise<string | null> {
  if (!model.columns.enhet) return null;
  const source = toIdentifier(model.source);
  const rows = await runMetric<{ enhet: string }>(db, {
    text: `SELECT CAST(enhet AS VARCHAR) AS enhet FROM ${source} WHERE enhet IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`,
    params: [],
  });
  return rows[0]?.enhet ?? null;
}

/**
 * Every metric with default filters grouped by month and by year, and the filtered variant by month
 * (långvarigt is yearly by definition, so it is grouped by year and total instead); household-months
 * also per year for the filtered variant's enhet over all the data.
 */
export function metricStatements(model: MetricsModel, filtered: MetricFilters): NamedStatement[] {
  const all: MetricFilters = {};
  const f = 'filtrerat';
  return [
    named('hushållsmånader per månad', householdMonthsSql(model, all, 'month')),
    named('hushållsmånader per år', householdMonthsSql(model, all, 'year')),
    named(`hushållsmånader per månad, ${f}`, householdMonthsSql(model, filtered, 'month')),
    // Whole years under an attribute filter: the yearly household count's filtered route (issue 11).
    named('hushållsmånader per år, en enhet', householdMonthsSql(model, filtered.enhet ? { enhet: filtered.enhet } : {}, 'year')),
    named('inflöde/utflöde per månad', flowSql(model, all, 'month')),
    named('inflöde/utflöde per år', flowSql(model, all, 'year')),
    named(`inflöde/utflöde per månad, ${f}`, flowSql(model, filtered, 'month')),
    named('bidragstid per månad', durationSql(model, all, 'month')),
    named('bidragstid per år', durationSql(model, all, 'year')),
    named(`bidragstid per månad, ${f}`, durationSql(model, filtered, 'month')),
    named('bidragstid, fördelning', durationDistributionSql(model, all)),
    named(`bidragstid, fördelning, ${f}`, durationDistributionSql(model, filtered)),
    named('återaktualisering per månad', reactivationSql(model, all, 'month')),
    named('återaktualisering per år', reactivationSql(model, all, 'year')),
    named(`återaktualisering per månad, ${f}`, reactivationSql(model, filtered, 'month')),
    named('långvarigt per år', longTermSql(model, all, 'year')),
    named('långvarigt totalt', longTermSql(model, all, 'total')),
    named(`långvarigt totalt, ${f}`, longTermSql(model, filtered, 'total')),
    named('mycket långvarigt per månad', veryLongTermSql(model, all, 'month')),
    named('mycket långvarigt per år', veryLongTermSql(model, all, 'year')),
    named(`mycket långvarigt per månad, ${f}`, veryLongTermSql(model, filtered, 'month')),
  ];
}

/**
 * What one filter change on the metrics page asks the engine for: the KPI figures (default range,
 * the last 12 months, with the same months a year earlier) and the monthly series of the main
 * metrics over the whole data, all under the new filter. Recorded natively through `db`.
 */
export async function pageRefreshStatements(db: RecordingConnector, model: MetricsModel, filters: MetricFilters): Promise<NamedStatement[]> {
  const { statements } = await recordStatements(db, async (c) => {
    await kpis(c, model, filters);
    for (const q of [
      householdMonthsSql(model, filters, 'month'),
      flowSql(model, filters, 'month'),
      durationSql(model, filters, 'month'),
      reactivationSql(model, filters, 'month'),
      veryLongTermSql(model, filters, 'month'),
      longTermSql(model, filters, 'year'),
    ]) {
      await runMetric(c, q);
    }
  });
  return statements.map((s, i) => ({ name: `sidan ${i + 1}`, text: castRangeBounds(s.text), params: s.params }));
}
