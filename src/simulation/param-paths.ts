/**
 * Reading and writing single numeric fields of compiled parameters by their scenario path
 * (`automation.digitalShare`, `automation.feesPerCaseKr.grund`, `automation.ramp.1.1`), for the
 * uncertainty runs and the sensitivity chart.
 */
import type { ModelParams } from './model.ts';

/** Get/set pair for one field of `ModelParams`. */
export interface ParamAccessor {
  get(p: ModelParams): number;
  set(p: ModelParams, value: number): void;
}

type ScalarKey =
  | 'households' | 'paymentPerHouseholdKr' | 'meanDurationMonths' | 'hoursPerCase' | 'costPerFteMonthKr' | 'reinvestedShare'
  | 'digitalShare' | 'manualShare' | 'clientsPerRobot' | 'licencePerRobotYearKr' | 'oneOffCostKr'
  | 'fixedCostPerYearKr' | 'durationReductionMonths' | 'fewerHouseholds' | 'staffCostReductionShare' | 'targetShare';

const SCALARS: Record<string, ScalarKey> = {
  'baseline.households': 'households',
  'baseline.paymentPerHouseholdKr': 'paymentPerHouseholdKr',
  'baseline.meanDurationMonths': 'meanDurationMonths',
  'handling.hoursPerCase': 'hoursPerCase',
  'handling.costPerFteMonthKr': 'costPerFteMonthKr',
  'handling.reinvestedShare': 'reinvestedShare',
  'handling.staffCostReductionShare': 'staffCostReductionShare',
  'effects.targetShare': 'targetShare',
  'automation.digitalShare': 'digitalShare',
  'automation.manualShare': 'manualShare',
  'automation.robots.clientsPerRobot': 'clientsPerRobot',
  'automation.robots.licencePerRobotYearKr': 'licencePerRobotYearKr',
  'automation.oneOffCostKr': 'oneOffCostKr',
  'automation.fixedCostPerYearKr': 'fixedCostPerYearKr',
  'effects.durationReductionMonths': 'durationReductionMonths',
  'effects.fewerHouseholds': 'fewerHouseholds',
};

function scalar(key: ScalarKey): ParamAccessor {
  return { get: (p) => p[key], set: (p, value) => void (p[key] = value) };
}

function element(pick: (p: ModelParams) => Float64Array, index: number): ParamAccessor {
  return { get: (p) => pick(p)[index]!, set: (p, value) => void (pick(p)[index] = value) };
}

/**
 * The accessor for `path` in parameters compiled from one scenario, or null when that scenario has
 * no such field (an unknown fee name, a ramp point that does not exist, robots not configured).
 */
export function paramAccessor(base: ModelParams, path: string): ParamAccessor | null {
  const key = SCALARS[path];
  if (key) {
    const robotField = key === 'clientsPerRobot' || key === 'licencePerRobotYearKr';
    return robotField && base.clientsPerRobot === 0 ? null : scalar(key);
  }
  if (path === 'baseline.casesPerMonth') {
    // Stored per household so that cases follow households; set against the run's households.
    return {
      get: (p) => p.casesPerHousehold * p.households,
      set: (p, value) => void (p.casesPerHousehold = value / p.households),
    };
  }
  const fee = /^automation\.feesPerCaseKr\.(.+)$/.exec(path);
  if (fee) {
    const index = base.feeNames.indexOf(fee[1]!);
    return index < 0 ? null : element((p) => p.fees, index);
  }
  const ramp = /^automation\.ramp\.(\d+)\.1$/.exec(path);
  if (ramp) {
    const index = Number(ramp[1]);
    return index < base.rampValues.length ? element((p) => p.rampValues, index) : null;
  }
  return null;
}

/** Orders paths so that `baseline.households` is set before fields defined relative to it. */
export function byApplicationOrder(a: string, b: string): number {
  const rank = (path: string) => (path === 'baseline.households' ? 0 : 1);
  return rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);
}
