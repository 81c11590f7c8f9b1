/**
 * From a page scenario to the figures a politician reads: the deterministic run (on the main thread,
 * it takes a few milliseconds) and the key results in plain Swedish, led by the cash budget effect
 * (money: see docs/simulation.md).
 */
import { runEdited, type BaselineCalibration, type Outcome, type Scenario, type SimulationResult } from '../../simulation/index.ts';
import { formatKr, formatKrCompact, formatMonth, formatNumber } from '../../format/sv.ts';
import { buildFile, type ScenarioState } from './scenario-state.ts';

export type { Outcome };

/** Builds, validates, resolves and runs one page scenario; never throws for a bad scenario. */
export function runState(state: ScenarioState, runs?: number, calibration?: BaselineCalibration): Outcome {
  return runEdited(() => buildFile(state, runs), calibration);
}

/** "Återbetald i månad 12 (december 2026)", or why not, for a payback month on a cumulative series. */
function paybackWords(month: number | null, label: string | null, cumulative: readonly number[], horizon: number): string {
  if (month !== null && label) return `Återbetald i månad ${formatNumber(month)} (${formatMonth(label)})`;
  if (Math.min(...cumulative) >= -0.01) return 'Går med överskott redan från första månaden';
  return `Betalar sig inte inom ${formatNumber(horizon)} månader`;
}

/** Payback on the cash budget effect: "Återbetald i månad 12 (december 2026)", or why not. */
export function paybackText(result: SimulationResult): string {
  const { paybackMonth, paybackMonthLabel } = result.summary;
  return paybackWords(paybackMonth, paybackMonthLabel, result.months.map((m) => m.cumulativeBudgetEffectKr), result.scenario.months);
}

/** Payback when the value of freed time is counted as if it were money (secondary figure). */
export function paybackInclFreedTimeText(result: SimulationResult): string {
  const { paybackMonthInclFreedTime, paybackMonthInclFreedTimeLabel } = result.summary;
  return paybackWords(paybackMonthInclFreedTime, paybackMonthInclFreedTimeLabel, result.months.map((m) => m.cumulativeNetSavingsKr), result.scenario.months);
}

/** Key figures of one run, as numbers and as the text the page shows; every sum is over the horizon. */
export interface KeyFigures {
  /** Payback on cash (the budget effect). */
  paybackText: string;
  paybackInclFreedTimeText: string;
  /** Cash: paymentSavingsKr + staffCostSavingsKr − automationCostKr. */
  budgetEffectKr: number;
  budgetEffectText: string;
  paymentSavingsKr: number;
  paymentSavingsText: string;
  staffCostSavingsKr: number;
  staffCostSavingsText: string;
  automationCostKr: number;
  automationCostText: string;
  /** Value of freed, not reinvested time that is NOT taken out of staff costs: time, not cash. */
  freedTimeNotCashKr: number;
  freedTimeNotCashText: string;
  /** Budget effect plus the value of freed time (the old "nettobesparing"). */
  horizonNetKr: number;
  horizonNetText: string;
  freedFte: number;
  /** The part of `freedFte` reinvested in active work with clients (not counted as money saved). */
  reinvestedFte: number;
  freedFteText: string;
  householdsEnd: number;
  householdsEndText: string;
}

/** Figures at the horizon: cumulative budget effect and its parts, FTE freed in the last month, households. */
export function keyFigures(result: SimulationResult): KeyFigures {
  const last = result.months.at(-1)!;
  const sum = (pick: (m: SimulationResult['months'][number]) => number) => result.months.reduce((total, m) => total + pick(m), 0);
  const automationCostKr = sum((m) => m.automationCostKr);
  const paymentSavingsKr = sum((m) => m.paymentSavingsKr);
  const staffCostSavingsKr = sum((m) => m.staffCostSavingsKr);
  const freedTimeNotCashKr = sum((m) => m.freedTimeValueKr - m.staffCostSavingsKr);
  const freedFte = last.fteBaseline - last.fte;
  const reinvestedFte = last.reinvestedHours / result.scenario.handling.hoursPerFteMonth;
  return {
    paybackText: paybackText(result),
    paybackInclFreedTimeText: paybackInclFreedTimeText(result),
    budgetEffectKr: last.cumulativeBudgetEffectKr,
    budgetEffectText: formatKrCompact(last.cumulativeBudgetEffectKr),
    paymentSavingsKr,
    paymentSavingsText: formatKrCompact(paymentSavingsKr),
    staffCostSavingsKr,
    staffCostSavingsText: formatKrCompact(staffCostSavingsKr),
    automationCostKr,
    automationCostText: formatKrCompact(automationCostKr),
    freedTimeNotCashKr,
    freedTimeNotCashText: formatKrCompact(freedTimeNotCashKr),
    horizonNetKr: last.cumulativeNetSavingsKr,
    horizonNetText: formatKrCompact(last.cumulativeNetSavingsKr),
    freedFte,
    reinvestedFte,
    freedFteText: `${formatNumber(freedFte, 1)} årsarbetare${reinvestedFte > 0 ? `, varav ${formatNumber(reinvestedFte, 1)} till aktivt arbete` : ''}`,
    householdsEnd: last.households,
    householdsEndText: `${formatNumber(last.households)} (i dag ${formatNumber(last.baselineHouseholds)})`,
  };
}

/**
 * Where the baseline comes from, in one sentence: the loaded data (calibrated) or a worked example's
 * fixed figures from the seed municipality.
 */
export function baselineText(scenario: Scenario, example: boolean): string {
  const b = scenario.baseline;
  const figures =
    `${formatNumber(b.households)} hushåll, ${formatKr(b.paymentPerHouseholdKr)} per hushåll och månad, ` +
    `genomsnittlig periodlängd ${formatNumber(b.meanDurationMonths, 1)} månader`;
  if (b.calibrated) return `Utgångsläge från data: ${figures}`;
  return example ? `Exempel från underlaget, med kommunens egna siffror: ${figures}` : `Utgångsläge från scenariofilen: ${figures}`;
}

/** The horizon as words: "60 månader (januari 2026–december 2030)". */
export function horizonText(result: SimulationResult): string {
  const first = result.months[0]?.month ?? result.scenario.start;
  const last = result.months.at(-1)?.month ?? first;
  return `${formatNumber(result.scenario.months)} månader (${formatMonth(first)}–${formatMonth(last)})`;
}
