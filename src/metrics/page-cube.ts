/**
 * The Nyckeltal page's series and composition from the month cube (month-cube.ts) and the period rows
 * (page-tables.ts): the monthly household series and the composition bars need only sums per month ×
 * attributes, the flow series counts of periods per month, so a filter change answers them in
 * JavaScript instead of five statements through the engine (docs/bench.md, "Nyckeltal filterbyte"). Where the cube cannot answer (a column the data lacks), the SQL is run as before;
 * both give the rows of `householdMonthsSql` and `flowSql` (page-kpis.test.ts checks them against plain SQL).
 */
import type { Connector } from '../engine/connector.ts';
import { activeAttributeFilters, FILTER_COLUMN } from './filters.ts';
import { householdMonthsSql } from './household-queries.ts';
import { fromMonthIndex } from './month.ts';
import { cubeHouseholdMonths, loadMonthCube } from './month-cube.ts';
import type { KpiSources } from './page-kpis.ts';
import { keepRows, loadPageTables } from './page-tables.ts';
import { flowSql } from './period-queries.ts';
import { rowsOf, runMetric } from './run.ts';
import { monthRange } from './scope.ts';
import type { Grouping, MetricFilters, MetricsModel, OptionalColumns } from './types.ts';

/** The columns of `householdMonthsSql` the page draws. */
export interface PageHmRow {
  grupp: string;
  households: number;
  paid_kr: number;
  e_share: number | null;
  children: number | null;
  avg_households: number;
  household_share: number | null;
}

/** The month cube and the page tables of one model. */
export type PageSources = KpiSources;

// Read once per model (four statements, a few hundred thousand small rows), reused by every filter change.
const sources = new WeakMap<MetricsModel, Promise<PageSources>>();

/** The model's cube and page tables, read on first use. */
export function pageSources(db: Connector, model: MetricsModel): Promise<PageSources> {
  let src = sources.get(model);
  if (!src) {
    src = (async () => {
      const cube = await loadMonthCube(db, model);
      return { cube, tables: await loadPageTables(db, model, cube) };
    })();
    sources.set(model, src);
    src.catch(() => sources.delete(model));
  }
  return src;
}

/**
 * `householdMonthsSql(model, filters, grouping)` rows for a month or attribute grouping. For an
 * attribute grouping the distinct household count is not in the cube, so `households` is only
 * right for months; the page reads avg_households and household_share of its composition bars.
 */
export function pageHouseholdMonths(db: Connector, src: PageSources, model: MetricsModel, filters: MetricFilters, grouping: Grouping): Promise<PageHmRow[]> {
  const answer = cubeHouseholdMonths(src.cube, filters, grouping);
  if (answer) return Promise.resolve(rowsOf<PageHmRow>(answer.table));
  return runMetric<PageHmRow>(db, householdMonthsSql(model, filters, grouping));
}

/** The columns of `flowSql(…, 'month')` the page draws. */
export interface PageFlowRow { grupp: string; new_periods: number | null; returning_periods: number | null; exits: number | null }

/**
 * `flowSql(model, filters, 'month')` rows over the filter's months: starts by the attributes of the
 * period's first month, ends by those of its last, each only in months where it is observable.
 */
export function pageFlows(db: Connector, src: PageSources, model: MetricsModel, filters: MetricFilters): Promise<PageFlowRow[]> {
  for (const a of activeAttributeFilters(filters)) {
    if (!model.columns[FILTER_COLUMN[a] as keyof OptionalColumns]) return runMetric<PageFlowRow>(db, flowSql(model, filters, 'month'));
  }
  const { lo, hi } = monthRange(model, filters);
  const count = Math.max(0, hi - lo + 1);
  const started = new Float64Array(count), back = new Float64Array(count), ended = new Float64Array(count);
  const p = src.tables.periods;
  const keepStart = keepRows(src.cube, p.start, filters);
  const keepEnd = keepRows(src.cube, p.end, filters);
  for (let i = 0; i < p.length; i++) {
    const s = p.s[i]!;
    if (s >= lo && s <= hi && !p.leftCensored[i] && keepStart(i)) {
      started[s - lo]!++;
      back[s - lo]! += p.returning[i]!;
    }
    const e = p.e[i]!;
    if (e >= lo && e <= hi && !p.rightCensored[i] && keepEnd(i)) ended[e - lo]!++;
  }
  const inflowFrom = model.firstMonth + model.gap;
  const outflowTo = model.lastMonth - model.gap;
  return Promise.resolve(Array.from({ length: count }, (_, k) => {
    const m = lo + k;
    return {
      grupp: fromMonthIndex(m), new_periods: m >= inflowFrom ? started[k]! : null, returning_periods: m >= inflowFrom ? back[k]! : null,
      exits: m <= outflowTo ? ended[k]! : null,
    };
  }));
}
