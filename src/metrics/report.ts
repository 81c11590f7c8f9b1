import type { Connector } from '../engine/connector.ts';
import { longTermSql, householdMonthsSql } from './household-queries.ts';
import { durationSql, flowSql, reactivationSql } from './period-queries.ts';
import { prepareMetrics } from './prepare.ts';
import { runMetric } from './run.ts';
import type { MetricFilters, MetricsModel, PrepareOptions } from './types.ts';

/** One month of the report (issue 3's CLI JSON shape). */
export interface MonthlyRow {
  month: string;
  households: number;
  paidKr: number;
  /** Null when the G months before are not covered by the data (left-censored month). */
  newHouseholds: number | null;
  /** Null when the G months after are not covered by the data (right-censored month). */
  exits: number | null;
  /** Null when the data has no antal_barn column. */
  children: number | null;
  /** Null when the data has no kanal column, or no household was active. */
  eShare: number | null;
}

/** One calendar year of the report (issue 3's CLI JSON shape). */
export interface YearlyRow {
  year: number;
  households: number;
  paidKr: number;
  longTermHouseholds: number | null;
  longTermShare: number | null;
  exits: number | null;
  reactivated: number | null;
  reactivationRate: number | null;
  meanDurationMonths: number | null;
  medianDurationMonths: number | null;
}

/** The report the CLI prints and the browser shows. */
export interface Report {
  monthly: MonthlyRow[];
  yearly: YearlyRow[];
}

/** Options for `computeReport`: the month range plus the model parameters. */
export interface ReportOptions extends PrepareOptions {
  from?: string;
  to?: string;
}

interface HouseholdRow { grupp: string; households: number; paid_kr: number; children: number | null; e_share: number | null }
interface FlowRow { grupp: string; new_periods: number | null; exits: number | null }
interface DurationRow { grupp: string; mean_months: number | null; median_months: number | null }
interface ReactivationRow { grupp: string; followed_up: number; reactivated: number; reactivation_rate: number | null }
interface LongTermRow { grupp: string; households: number; long_term: number; long_term_share: number | null }

/** Kronor to whole öre, so that summation order can never show up as 0.000001 differences. */
const toOre = (kr: number) => Math.round(kr * 100) / 100;

function byGroup<T extends { grupp: string }>(rows: readonly T[]): Map<string, T> {
  return new Map(rows.map((r) => [r.grupp, r]));
}

/** Builds the report from an already prepared model (the browser prepares once and reuses it). */
export async function reportFromModel(db: Connector, model: MetricsModel, range: Pick<MetricFilters, 'from' | 'to'> = {}): Promise<Report> {
  const filters: MetricFilters = { from: range.from, to: range.to };
  const months = await runMetric<HouseholdRow>(db, householdMonthsSql(model, filters, 'month'));
  const monthFlows = byGroup(await runMetric<FlowRow>(db, flowSql(model, filters, 'month')));
  const monthly = months.map((m): MonthlyRow => {
    const flow = monthFlows.get(m.grupp);
    return {
      month: m.grupp,
      households: m.households,
      paidKr: toOre(m.paid_kr),
      newHouseholds: flow?.new_periods ?? null,
      exits: flow?.exits ?? null,
      children: m.children,
      eShare: m.e_share,
    };
  });

  const years = await runMetric<HouseholdRow>(db, householdMonthsSql(model, filters, 'year'));
  const yearFlows = byGroup(await runMetric<FlowRow>(db, flowSql(model, filters, 'year')));
  const durations = byGroup(await runMetric<DurationRow>(db, durationSql(model, filters, 'year')));
  const reactivations = byGroup(await runMetric<ReactivationRow>(db, reactivationSql(model, filters, 'year')));
  const longTerm = byGroup(await runMetric<LongTermRow>(db, longTermSql(model, filters, 'year')));
  const yearly = years.map((y): YearlyRow => {
    const lt = longTerm.get(y.grupp);
    const re = reactivations.get(y.grupp);
    const followed = re !== undefined && re.followed_up > 0;
    const d = durations.get(y.grupp);
    return {
      year: Number(y.grupp),
      households: y.households,
      paidKr: toOre(y.paid_kr),
      longTermHouseholds: lt?.long_term ?? null,
      longTermShare: lt?.long_term_share ?? null,
      exits: yearFlows.get(y.grupp)?.exits ?? null,
      reactivated: followed ? re.reactivated : null,
      reactivationRate: followed ? re.reactivation_rate : null,
      meanDurationMonths: d?.mean_months ?? null,
      medianDurationMonths: d?.median_months ?? null,
    };
  });
  return { monthly, yearly };
}

/**
 * Validates the source table, derives the metric tables and computes the monthly and yearly report:
 * the one function behind `npm run metrics` and the dashboard's report, so both show the same figures.
 */
export async function computeReport(db: Connector, options: ReportOptions = {}): Promise<Report> {
  const model = await prepareMetrics(db, options);
  return reportFromModel(db, model, options);
}
