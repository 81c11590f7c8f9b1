/**
 * From a page scenario to the figures a politician reads: the deterministic run (on the main thread,
 * it takes a few milliseconds) and the key results in plain Swedish. The same functions serve the
 * browser test's expectations, so the page and the check format a figure identically.
 */
import {
  checkScenarioFile,
  resolveScenario,
  ScenarioError,
  simulate,
  type BaselineCalibration,
  type Scenario,
  type ScenarioFile,
  type SimulationResult,
} from '../../simulation/index.ts';
import { formatKrCompact, formatMonth, formatNumber } from '../../format/sv.ts';
import { buildFile, type ScenarioState } from './scenario-state.ts';

/** A scenario that ran, or the Swedish reasons it could not. */
export type Outcome =
  | { ok: true; file: ScenarioFile; scenario: Scenario; result: SimulationResult }
  | { ok: false; issues: readonly string[] };

/** The scenario without its uncertainty ranges: `simulate` would otherwise run the Monte-Carlo inline. */
export function deterministic(scenario: Scenario): Scenario {
  const copy: { -readonly [K in keyof Scenario]: Scenario[K] } = { ...scenario };
  delete copy.uncertainty;
  return copy;
}

/** Builds, validates, resolves and runs one page scenario; never throws for a bad scenario. */
export function runState(state: ScenarioState, runs?: number, calibration?: BaselineCalibration): Outcome {
  let file: ScenarioFile;
  try {
    file = buildFile(state, runs);
  } catch (error) {
    return { ok: false, issues: [error instanceof Error ? error.message : String(error)] };
  }
  const checked = checkScenarioFile(JSON.parse(JSON.stringify(file)));
  if (!checked.ok) return { ok: false, issues: checked.issues };
  try {
    const scenario = resolveScenario(checked.file, calibration);
    return { ok: true, file: checked.file, scenario, result: simulate(deterministic(scenario)) };
  } catch (error) {
    if (error instanceof ScenarioError) return { ok: false, issues: error.issues };
    throw error;
  }
}

/** "Återbetald i månad 12 (december 2026)", or why not. */
export function paybackText(result: SimulationResult): string {
  const { paybackMonth, paybackMonthLabel } = result.summary;
  if (paybackMonth !== null && paybackMonthLabel) {
    return `Återbetald i månad ${formatNumber(paybackMonth)} (${formatMonth(paybackMonthLabel)})`;
  }
  const lowest = Math.min(...result.months.map((m) => m.cumulativeNetSavingsKr));
  if (lowest >= -0.01) return 'Går med överskott redan från första månaden';
  return `Betalar sig inte inom ${formatNumber(result.scenario.months)} månader`;
}

/** Key figures of one run, as numbers and as the text the page shows. */
export interface KeyFigures {
  paybackText: string;
  horizonNetKr: number;
  horizonNetText: string;
  freedFte: number;
  /** The part of `freedFte` reinvested in active work with clients (not counted as money saved). */
  reinvestedFte: number;
  freedFteText: string;
  householdsEnd: number;
  householdsEndText: string;
  automationCostKr: number;
  automationCostText: string;
  paymentSavingsKr: number;
  paymentSavingsText: string;
}

/** Figures at the horizon: cumulative net savings, FTE freed in the last month, households, totals. */
export function keyFigures(result: SimulationResult): KeyFigures {
  const last = result.months.at(-1)!;
  const sum = (pick: (y: SimulationResult['summary']['years'][number]) => number) =>
    result.summary.years.reduce((total, y) => total + pick(y), 0);
  const automationCostKr = sum((y) => y.automationCostKr);
  const paymentSavingsKr = sum((y) => y.paymentSavingsKr);
  const freedFte = last.fteBaseline - last.fte;
  const reinvestedFte = last.reinvestedHours / result.scenario.handling.hoursPerFteMonth;
  return {
    paybackText: paybackText(result),
    horizonNetKr: last.cumulativeNetSavingsKr,
    horizonNetText: formatKrCompact(last.cumulativeNetSavingsKr),
    freedFte,
    reinvestedFte,
    freedFteText: `${formatNumber(freedFte, 1)} årsarbetare${reinvestedFte > 0 ? `, varav ${formatNumber(reinvestedFte, 1)} till aktivt arbete` : ''}`,
    householdsEnd: last.households,
    householdsEndText: `${formatNumber(last.households)} (i dag ${formatNumber(last.baselineHouseholds)})`,
    automationCostKr,
    automationCostText: formatKrCompact(automationCostKr),
    paymentSavingsKr,
    paymentSavingsText: formatKrCompact(paymentSavingsKr),
  };
}

/** The horizon as words: "60 månader (januari 2026–december 2030)". */
export function horizonText(result: SimulationResult): string {
  const first = result.months[0]?.month ?? result.scenario.start;
  const last = result.months.at(-1)?.month ?? first;
  return `${formatNumber(result.scenario.months)} månader (${formatMonth(first)}–${formatMonth(last)})`;
}
