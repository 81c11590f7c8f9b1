import type { Connector } from '../engine/connector.ts';
import { longTermSql, householdMonthsSql } from './household-queries.ts';
import { isDurationBiased } from './duration-bias.ts';
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
  /** Of newHouseholds, the starts whose household had an earlier period in the data (återkommande); null like newHouseholds. */
  returningHouseholds: number | null;
  /** Null when the G months after are not covered by the data (right-censored month). */
  exits: number | null;
  /** Null when the data has no antal_barn column. */
  children: number | null;
  /** Null when the data has no kanal column, or no household was active. */
  eShare: number | null;
  /** Adults + children in the active households; null without antal_vuxna or antal_barn. */
  persons: number | null;
  /** Active households with at least one child; null without antal_barn. */
  householdsWithChildren: number | null;
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
  /**
   * True when the year's bidragstid is shortened by the start of the data (duration-bias.ts): its
   * periods could not be seen to last 48 months. The figures stay in the JSON; pages mark them.
   */
  durationBiased: boolean;
  /** Ended periods of the year left out of bidragstid because they were running when the data starts. */
  durationRunningAtStart: number;
  /** Socialstyrelsen's biståndsmånader per hushåll: payment months in the year ÷ households; null for a partly covered year. */
  benefitMonthsPerHousehold: number | null;
  /** Kolada's reading: share of the year's followed-up ends not re-activated within W months. */
  notReactivatedRate: number | null;
  /** Långvarigt weighted by adults (antal_vuxna); null without the column or for a partly covered year. */
  longTermAdultShare: number | null;
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

interface HouseholdRow {
  grupp: string; households: number; paid_kr: number; children: number | null; e_share: number | null;
  persons: number | null; households_with_children: number | null; benefit_months_per_household: number | null;
}
interface FlowRow { grupp: string; new_periods: number | null; returning_periods: number | null; exits: number | null }
interface DurationRow { grupp: string; mean_months: number | null; median_months: number | null; running_at_start: number }
interface ReactivationRow { grupp: string; followed_up: number; reactivated: number; reactivation_rate: number | null; not_reactivated_rate: number | null }
interface LongTermRow { grupp: string; households: number; long_term: number; long_term_share: number | null; long_term_adult_share: number | null }

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
      returningHouseholds: flow?.returning_periods ?? null,
      exits: flow?.exits ?? null,
      children: m.children,
      eShare: m.e_share,
      persons: m.persons,
      householdsWithChildren: m.households_with_children,
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
      durationBiased: isDurationBiased(model, Number(y.grupp) * 12),
      durationRunningAtStart: d?.running_at_start ?? 0,
      benefitMonthsPerHousehold: y.benefit_months_per_household,
      notReactivatedRate: followed ? re.not_reactivated_rate : null,
      longTermAdultShare: lt?.long_term_adult_share ?? null,
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
