import type { Connector } from '../engine/connector.ts';
import { isSmallCount, protectBreakdown, type SuppressionOptions } from '../format/suppression.ts';
import { formatPercent } from '../format/sv.ts';
import { defaultKpiPeriod, kpis, type KpiValue } from './kpis.ts';
import { pageFlows, pageHouseholdMonths, pageSources, type PageHmRow } from './page-cube.ts';
import { kpiFiguresFromTables } from './page-kpis.ts';
import { reportFromModel, type Report } from './report.ts';
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
  /** Protected categories (docs/metrics.md, "Små antal") carry "(<5)" or "(skyddat)" in their name and no value. */
  composition: { label: string; categories: string[]; values: (number | null)[] }[];
  report: Report;
}


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
 * data with the attribute filters, composition over the chosen months, and the yearly report. The
 * first view of a model reads the month cube and page tables (page-cube.ts); every later filter
 * change answers from them in JavaScript, with the SQL only where they cannot (months that are not
 * whole calendar years, a column the data lacks).
 */
export async function loadMetricsPage(db: Connector, model: MetricsModel, filters: MetricFilters, options: SuppressionOptions = {}): Promise<MetricsPageData> {
  const attributes: MetricFilters = { ...filters, from: undefined, to: undefined };
  const src = await pageSources(db, model);
  const [kpiValues, hm, flows, report, ...parts] = await Promise.all([
    kpis(db, model, filters, (ids, f) => kpiFiguresFromTables(src, model, ids, f)),
    pageHouseholdMonths(db, src, model, attributes, 'month'),
    pageFlows(db, src, model, attributes),
    reportFor(db, model),
    ...COMPOSITION.filter((c) => model.columns[c.grouping as keyof MetricsModel['columns']]).map(async (c) => {
      const period = kpiPeriod(model, filters);
      const rows: PageHmRow[] = await pageHouseholdMonths(db, src, model, { ...filters, ...period }, c.grouping);
      // The categories add up to the active households shown on the cards: a breakdown with a total, so a
      // lone small category takes the next smallest with it (complementary protection).
      const shown = protectBreakdown({
        title: c.label, groupColumn: 1, totalShown: true,
        columns: [{ label: 'Grupp', kind: 'text', role: 'label' }, { label: 'Hushåll', kind: 'count', role: 'count' }],
        rows: rows.map((r) => [r.grupp, r.avg_households]),
      }, options);
      // Försörjningshinder is also given as a share of the active households (the way it is reported to the nämnd).
      const categories = rows.map((r, i) => {
        const cell = shown.rows[i]![1]!;
        if (cell.protected) return `${r.grupp} (${cell.text})`;
        return c.grouping === 'forsorjningshinder' ? `${r.grupp} (${formatPercent(r.household_share)})` : r.grupp;
      });
      return { label: c.label, categories, values: rows.map((r, i) => (shown.rows[i]![1]!.protected ? null : r.avg_households)) };
    }),
  ]);
  const flowBy = new Map(flows.map((f) => [f.grupp, f]));
  // A month of fewer than 5 households draws no point in any series (NaN is left out of the line), and a
  // flow of 1–4 periods none in its own; the axes keep plain numbers.
  const small = hm.map((r) => isSmallCount(r.households, options));
  const ofGroup = <T>(i: number, v: T): T | null => (small[i] ? null : v);
  const flow = (i: number, v: number | null | undefined) => (small[i] || isSmallCount(v, options) ? null : v ?? null);
  return {
    model,
    kpis: kpiValues,
    months: hm.map((r) => r.grupp),
    households: Float64Array.from(hm, (r, i) => (small[i] ? NaN : r.households)),
    paid: Float64Array.from(hm, (r, i) => (small[i] ? NaN : r.paid_kr)),
    inflow: hm.map((r, i) => flow(i, flowBy.get(r.grupp)?.new_periods)),
    returning: hm.map((r, i) => flow(i, flowBy.get(r.grupp)?.returning_periods)),
    outflow: hm.map((r, i) => flow(i, flowBy.get(r.grupp)?.exits)),
    eShare: hm.map((r, i) => ofGroup(i, r.e_share)),
    children: hm.map((r, i) => ofGroup(i, r.children)),
    composition: parts,
    report,
  };
}

/** The KPI months: the chosen range, or the metrics layer's default (`defaultKpiPeriod`, as `kpis` uses). */
function kpiPeriod(model: MetricsModel, filters: MetricFilters): Pick<MetricFilters, 'from' | 'to'> {
  if (filters.from || filters.to) return { from: filters.from, to: filters.to };
  return defaultKpiPeriod(model);
}
