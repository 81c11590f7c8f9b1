/**
 * One-at-a-time sensitivity for the tornado chart: each field is set to a low and a high value
 * (everything else at its scenario value) and the cumulative cash budget effect at the horizon is recorded.
 */
import { findField } from './fields.ts';
import { cloneParams, compileScenario, copyParams, createColumns, createWorkspace, runModel } from './model.ts';
import { paramAccessor } from './param-paths.ts';
import type { Scenario } from './types.ts';

/** A field to vary; without low/high it is varied ±20 % around its scenario value, within its range. */
export interface SensitivityField {
  path: string;
  low?: number;
  high?: number;
}

/** One bar of the tornado: input values and the cumulative cash budget effect (kr) they give at the horizon. */
export interface SensitivityItem {
  path: string;
  label: string;
  low: number;
  high: number;
  lowValue: number;
  highValue: number;
  /** Cumulative budget effect at the horizon with every field at its scenario value. */
  baseValue: number;
}

/** Fields varied when the scenario has no uncertainty ranges and none are given. */
export const DEFAULT_SENSITIVITY_PATHS = [
  'baseline.paymentPerHouseholdKr',
  'baseline.meanDurationMonths',
  'handling.hoursPerCase',
  'handling.costPerFteMonthKr',
  'handling.reinvestedShare',
  'handling.staffCostReductionShare',
  'automation.digitalShare',
  'automation.manualShare',
  'automation.robots.licencePerRobotYearKr',
  'automation.oneOffCostKr',
  'automation.fixedCostPerYearKr',
  'effects.durationReductionMonths',
  'effects.fewerHouseholds',
  'effects.targetShare',
] as const;

function defaultFields(scenario: Scenario): SensitivityField[] {
  if (scenario.uncertainty) {
    return Object.entries(scenario.uncertainty.ranges).map(([path, [low, high]]) => ({ path, low, high }));
  }
  const fees = Object.keys(scenario.automation.feesPerCaseKr).map((name) => ({ path: `automation.feesPerCaseKr.${name}` }));
  const last = scenario.automation.ramp.length - 1;
  const ramp = last >= 0 ? [{ path: `automation.ramp.${last}.1` }] : [];
  return [...DEFAULT_SENSITIVITY_PATHS.map((path) => ({ path })), ...ramp, ...fees];
}

/** Tornado data, largest swing first; fields the scenario lacks or that cannot move are left out. */
export function sensitivity(scenario: Scenario, fields: readonly SensitivityField[] = defaultFields(scenario)): SensitivityItem[] {
  const base = compileScenario(scenario);
  const work = cloneParams(base);
  const columns = createColumns(base.months);
  const workspace = createWorkspace(base.hazard.length);
  const last = base.months - 1;
  const horizon = (path: string | null, value: number): number => {
    copyParams(base, work);
    if (path) paramAccessor(base, path)!.set(work, value);
    runModel(work, columns, workspace);
    return columns.cumulativeBudgetEffectKr[last]!;
  };
  const baseValue = horizon(null, 0);
  const items: SensitivityItem[] = [];
  for (const { path, low, high } of fields) {
    const accessor = paramAccessor(base, path);
    const field = findField(path);
    if (!accessor || !field) continue;
    const value = accessor.get(base);
    const lo = low ?? Math.max(field.min, value * 0.8);
    const hi = high ?? Math.min(field.max, value * 1.2);
    if (lo === hi) continue;
    items.push({ path, label: field.label, low: lo, high: hi, lowValue: horizon(path, lo), highValue: horizon(path, hi), baseValue });
  }
  return items.sort((a, b) => Math.abs(b.highValue - b.lowValue) - Math.abs(a.highValue - a.lowValue));
}

/** Swedish label of a field path, for charts and tables. */
export function fieldLabel(path: string): string {
  return findField(path)?.label ?? path;
}
