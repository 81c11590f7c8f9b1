/**
 * Metric cells: a notebook asks the metrics layer for a measure under its global filters, so the
 * SQL that defines "aktiva hushåll", "inflöde" or "återaktualisering" exists in one place only.
 */
import type { BoundSql } from '../engine/sql.ts';
import { flowSql, durationSql, householdMonthsSql, longTermSql, reactivationSql, veryLongTermSql } from '../metrics/index.ts';
import type { MetricFilters, MetricsModel } from '../metrics/types.ts';
import { CellSyntaxError, entriesToText, readEntries, Reader, stripUndefined } from './cell-body.ts';
import { GLOBAL_FILTERS, METRIC_GROUPINGS, METRIC_MEASURES, type MetricSpec } from './types.ts';

/** Parses a metric cell's body: `measure:`, `grouping:`, optional `extend:` (months before the period) and `exclude:` (filters to ignore). */
export function parseMetricBody(body: string, firstLine: number, name: string): MetricSpec {
  const what = `måttcellen ${name}`;
  const r = new Reader(readEntries(body, firstLine, what).entries, what, firstLine - 1);
  const measure = r.oneOf('measure', METRIC_MEASURES, r.required('measure'))!;
  const grouping = r.oneOf('grouping', METRIC_GROUPINGS, r.optional('grouping') ?? 'month')!;
  const extend = r.number('extend', r.optional('extend'));
  const exclude = r.optional('exclude')?.split(',').map((x) => x.trim()).filter((x) => x !== '');
  r.finish();
  const unknown = exclude?.find((x) => !(GLOBAL_FILTERS as readonly string[]).includes(x));
  if (unknown !== undefined) throw new CellSyntaxError(`"exclude: ${unknown}" i ${what} är inget globalt filter (${GLOBAL_FILTERS.join(', ')}).`, r.line('exclude'));
  if (extend !== undefined && !(Number.isInteger(extend) && extend >= 0 && extend <= 120)) {
    throw new CellSyntaxError(`"extend: ${extend}" i ${what} ska vara ett heltal 0–120 (månader).`, r.line('extend'));
  }
  if (measure === 'longTerm' && (grouping === 'month' || grouping === 'quarter')) {
    throw new CellSyntaxError(`Långvarigt bistånd i ${what} räknas per kalenderår: välj grouping year, total eller ett attribut.`, firstLine - 1);
  }
  return stripUndefined({ measure, grouping, extend, exclude });
}

/** Writes a metric spec in canonical key order. */
export function serializeMetricBody(spec: MetricSpec): string {
  return entriesToText([
    ['measure', spec.measure],
    ['grouping', spec.grouping],
    ['extend', spec.extend === undefined ? undefined : String(spec.extend)],
    ['exclude', spec.exclude?.join(', ')],
  ]);
}

export { toMetricFilters } from './filters.ts';

/** The metrics layer's query for a metric cell (the builders in src/metrics, unchanged). */
export function metricCellSql(model: MetricsModel, spec: MetricSpec, filters: MetricFilters): BoundSql {
  switch (spec.measure) {
    case 'households':
      return householdMonthsSql(model, filters, spec.grouping);
    case 'flow':
      return flowSql(model, filters, spec.grouping);
    case 'duration':
      return durationSql(model, filters, spec.grouping);
    case 'reactivation':
      return reactivationSql(model, filters, spec.grouping);
    case 'longTerm':
      return longTermSql(model, filters, spec.grouping);
    case 'veryLongTerm':
      return veryLongTermSql(model, filters, spec.grouping);
  }
}
