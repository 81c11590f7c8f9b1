import type { Connector } from '../engine/connector.ts';
import { formatPercent } from '../format/sv.ts';
import { householdMonthsSql } from './household-queries.ts';
import { defaultKpiPeriod, kpis, type KpiValue } from './kpis.ts';
import { flowSql } from './period-queries.ts';
import { reportFromModel, type Report } from './report.ts';
import { runMetric } from './run.ts';
import type { Grouping, MetricFilters, MetricsModel } from './types.ts';

// The Nyckeltal page's figures live in the metrics layer so that the pre-computed first screen
// (snapshot.ts, written by `npm run prepare-data`) is built by exactly the code the page runs.

/** Everything the metrics page draws for one view, as plain columns. */
export interface MetricsPageData {
  model: MetricsModel;
  kpis: KpiValue[];
  months: string[];
  households: Float64Array;
  paid: Float64Array;
  inflow: (number | null)[];
  /** Of inflow, the starts whose household had an earlier period in the data. */
  returning: (number | null)[];
  outflow: (number | null)[];
  eShare: (number | null)[];
  children: (number | null)[];
  composition: { label: string; categories: string[]; values: number[] }[];
  report: Report;
}

interface HmRow {
  grupp: string; households: number; paid_kr: number; e_share: number | null; children: number | null; avg_households: number;
  household_share: number | null;
}
interface FlowRow { grupp: string; new_periods: number | null; returning_periods: number | null; exits: number | null }

const COMPOSITION: { grouping: Grouping; label: string }[] = [
  { grouping: 'forsorjningshinder', label: 'Hushåll per försörjningshinder (snitt per månad, andel av aktiva hushåll)' },
  { grouping: 'hushallstyp', label: 'Hushåll per hushållstyp (snitt per månad)' },
  { grouping: 'enhet', label: 'Hushåll per enhet (snitt per månad)' },
];

// The yearly report covers the whole municipality and does not depend on the filters, so a filter
// change reuses it; it is recomputed only when G or W give a new model.
const reports = new WeakMap<MetricsModel, Promise<Report>>();

function reportFor(db: Connector, model: MetricsModel): Promise<Report> {
  let report = reports.get(model);
  if (!report) {
    report = reportFromModel(db, model);
    reports.set(model, report);
    report.catch(() => reports.delete(model));
  }
  return report;
}

/**
 * Runs the page's queries for one view: KPIs for the chosen months, monthly series over the whole
 * data with the attribute filters, composition over the chosen months, and the yearly report.
 */
export async function loadMetricsPage(db: Connector, model: MetricsModel, filters: MetricFilters): Promise<MetricsPageData> {
  const attributes: MetricFilters = { ...filters, from: undefined, to: undefined };
  const [kpiValues, hm, flows, report, ...parts] = await Promise.all([
    kpis(db, model, filters),
    runMetric<HmRow>(db, householdMonthsSql(model, attributes, 'month')),
    runMetric<FlowRow>(db, flowSql(model, attributes, 'month')),
    reportFor(db, model),
    ...COMPOSITION.filter((c) => model.columns[c.grouping as keyof MetricsModel['columns']]).map(async (c) => {
      const period = kpiPeriod(model, filters);
      const rows = await runMetric<HmRow>(db, householdMonthsSql(model, { ...filters, ...period }, c.grouping));
      // Försörjningshinder is also given as a share of the active households (the way it is reported to
      // the nämnd); a share of a group under 5 households is protected like the count.
      const categories = c.grouping === 'forsorjningshinder'
        ? rows.map((r) => `${r.grupp} (${r.avg_households > 0 && r.avg_households < 5 ? 'skyddat' : formatPercent(r.household_share)})`)
        : rows.map((r) => r.grupp);
      return { label: c.label, categories, values: rows.map((r) => r.avg_households) };
    }),
  ]);
  const flowBy = new Map(flows.map((f) => [f.grupp, f]));
  return {
    model,
    kpis: kpiValues,
    months: hm.map((r) => r.grupp),
    households: Float64Array.from(hm, (r) => r.households),
    paid: Float64Array.from(hm, (r) => r.paid_kr),
    inflow: hm.map((r) => flowBy.get(r.grupp)?.new_periods ?? null),
    returning: hm.map((r) => flowBy.get(r.grupp)?.returning_periods ?? null),
    outflow: hm.map((r) => flowBy.get(r.grupp)?.exits ?? null),
    eShare: hm.map((r) => r.e_share),
    children: hm.map((r) => r.children),
    composition: parts,
    report,
  };
}

/** The KPI months: the chosen range, or the metrics layer's default (`defaultKpiPeriod`, as `kpis` uses). */
function kpiPeriod(model: MetricsModel, filters: MetricFilters): Pick<MetricFilters, 'from' | 'to'> {
  if (filters.from || filters.to) return { from: filters.from, to: filters.to };
  return defaultKpiPeriod(model);
}
