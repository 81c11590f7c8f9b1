/**
 * The deterministic monthly core. A scenario is compiled once into flat numeric parameters;
 * `runModel` then fills preallocated typed-array columns without allocating per month, so the
 * same code serves one deterministic run and thousands of uncertainty runs.
 */
import { fillSteadyState, hazardWithMean, meanDuration, stepStock, totalStock } from './caseload.ts';
import { rampAtArrays } from './ramp.ts';
import type { Scenario } from './types.ts';

/** Flat numeric form of a scenario; uncertainty runs overwrite single fields of a copy. */
export interface ModelParams {
  months: number;
  households: number;
  /** Cases per household and month (casesPerMonth ÷ households): cases scale with households. */
  casesPerHousehold: number;
  paymentPerHouseholdKr: number;
  meanDurationMonths: number;
  /** Shape of the exit hazard by duration; rescaled to `meanDurationMonths` in each run. */
  hazard: Float64Array;
  hoursPerCase: number;
  hoursPerFteMonth: number;
  costPerFteMonthKr: number;
  /** Share of freed hours reinvested in active work, and so not counted as money saved. */
  reinvestedShare: number;
  /** Share of the remaining freed hours whose cost is actually removed (cash). */
  staffCostReductionShare: number;
  rampMonths: Float64Array;
  rampValues: Float64Array;
  digitalShare: number;
  manualShare: number;
  feeNames: readonly string[];
  fees: Float64Array;
  /** 0 when the scenario has no robot licences. */
  clientsPerRobot: number;
  licencePerRobotYearKr: number;
  oneOffCostKr: number;
  fixedCostPerYearKr: number;
  durationReductionMonths: number;
  fewerHouseholds: number;
  startMonth: number;
  /** Share of households (and of inflow) the shorter bidragstid applies to. */
  targetShare: number;
}

/** One Float64Array per monthly output figure (see `MonthResult` for their meaning). */
export interface Columns {
  households: Float64Array;
  cases: Float64Array;
  automatedCases: Float64Array;
  manualCases: Float64Array;
  timeSaving: Float64Array;
  hoursBaseline: Float64Array;
  hours: Float64Array;
  freedHours: Float64Array;
  reinvestedHours: Float64Array;
  feesKr: Float64Array;
  licencesKr: Float64Array;
  automationCostKr: Float64Array;
  paymentsKr: Float64Array;
  freedTimeValueKr: Float64Array;
  staffCostSavingsKr: Float64Array;
  budgetEffectKr: Float64Array;
  cumulativeBudgetEffectKr: Float64Array;
  netSavingsKr: Float64Array;
  cumulativeNetSavingsKr: Float64Array;
  /** Payment savings from the shorter bidragstid alone, and from the fixed fewer households alone. */
  durationSavingsKr: Float64Array;
  fewerSavingsKr: Float64Array;
}

/** Scratch buffers for the caseload (one slot per duration bucket): the target group and the rest. */
export interface Workspace {
  base: Float64Array;
  reduced: Float64Array;
  stock: Float64Array;
  target: Float64Array;
}

/** Compiles a resolved scenario into flat parameters. */
export function compileScenario(s: Scenario): ModelParams {
  const shape = s.baseline.hazard?.length ? Float64Array.from(s.baseline.hazard) : Float64Array.of(1 / s.baseline.meanDurationMonths);
  const feeNames = Object.keys(s.automation.feesPerCaseKr);
  return {
    months: s.months,
    households: s.baseline.households,
    casesPerHousehold: s.baseline.casesPerMonth / s.baseline.households,
    paymentPerHouseholdKr: s.baseline.paymentPerHouseholdKr,
    meanDurationMonths: s.baseline.meanDurationMonths,
    hazard: shape,
    hoursPerCase: s.handling.hoursPerCase,
    hoursPerFteMonth: s.handling.hoursPerFteMonth,
    costPerFteMonthKr: s.handling.costPerFteMonthKr,
    reinvestedShare: s.handling.reinvestedShare,
    staffCostReductionShare: s.handling.staffCostReductionShare,
    rampMonths: Float64Array.from(s.automation.ramp, (p) => p[0]),
    rampValues: Float64Array.from(s.automation.ramp, (p) => p[1]),
    digitalShare: s.automation.digitalShare,
    manualShare: s.automation.manualShare,
    feeNames,
    fees: Float64Array.from(feeNames, (name) => s.automation.feesPerCaseKr[name]!),
    clientsPerRobot: s.automation.robots?.clientsPerRobot ?? 0,
    licencePerRobotYearKr: s.automation.robots?.licencePerRobotYearKr ?? 0,
    oneOffCostKr: s.automation.oneOffCostKr,
    fixedCostPerYearKr: s.automation.fixedCostPerYearKr,
    durationReductionMonths: s.effects.durationReductionMonths,
    fewerHouseholds: s.effects.fewerHouseholds,
    startMonth: s.effects.startMonth,
    targetShare: s.effects.targetShare,
  };
}

/** A deep copy whose typed arrays can be overwritten without touching the original. */
export function cloneParams(p: ModelParams): ModelParams {
  return { ...p, hazard: p.hazard.slice(), rampMonths: p.rampMonths.slice(), rampValues: p.rampValues.slice(), fees: p.fees.slice() };
}

/** Copies `src` into `dst` (same scenario shape) without allocating. */
export function copyParams(src: ModelParams, dst: ModelParams): void {
  const { hazard, rampMonths, rampValues, fees } = dst;
  Object.assign(dst, src);
  hazard.set(src.hazard);
  rampMonths.set(src.rampMonths);
  rampValues.set(src.rampValues);
  fees.set(src.fees);
  Object.assign(dst, { hazard, rampMonths, rampValues, fees });
}

/** Allocates output columns for `months` months. */
export function createColumns(months: number): Columns {
  const column = () => new Float64Array(months);
  return {
    households: column(), cases: column(), automatedCases: column(), manualCases: column(), timeSaving: column(),
    hoursBaseline: column(), hours: column(), freedHours: column(), reinvestedHours: column(), feesKr: column(), licencesKr: column(), automationCostKr: column(),
    paymentsKr: column(), freedTimeValueKr: column(), staffCostSavingsKr: column(), budgetEffectKr: column(),
    cumulativeBudgetEffectKr: column(), netSavingsKr: column(), cumulativeNetSavingsKr: column(),
    durationSavingsKr: column(), fewerSavingsKr: column(),
  };
}

/** Allocates caseload buffers for a hazard of `length` duration buckets. */
export function createWorkspace(length: number): Workspace {
  const buffer = () => new Float64Array(length);
  return { base: buffer(), reduced: buffer(), stock: buffer(), target: buffer() };
}

/** Runs the monthly model for `p` into `out`, using `ws` as scratch space. */
export function runModel(p: ModelParams, out: Columns, ws: Workspace): void {
  const length = p.hazard.length;
  hazardWithMean(p.hazard, p.meanDurationMonths, ws.base);
  // Inflow from the (rescaled) hazard's own mean, so that with no effects the stock stays exactly put.
  const mean = meanDuration(ws.base);
  const inflow = p.households / mean;
  fillSteadyState(ws.base, inflow, ws.stock);
  // Rescale away float drift so that month 1 shows exactly the starting households; then split the
  // stock into the target group (whose bidragstid may shorten) and the rest, in the same shape.
  const drift = p.households / totalStock(ws.stock, length);
  const q = p.targetShare;
  for (let d = 0; d < length; d++) {
    const value = ws.stock[d]! * drift;
    ws.target[d] = value * q;
    ws.stock[d] = value * (1 - q);
  }
  // A spell cannot be shorter than one month: the reduction is capped at mean − 1.
  const reduction = Math.min(p.durationReductionMonths, mean - 1);
  if (reduction > 0) hazardWithMean(ws.base, mean - reduction, ws.reduced);

  let feePerCase = 0;
  for (let i = 0; i < p.fees.length; i++) feePerCase += p.fees[i]!;
  const automatedShare = p.digitalShare * (1 - p.manualShare);
  const kronorPerHour = p.costPerFteMonthKr / p.hoursPerFteMonth;
  const baselinePayments = p.households * p.paymentPerHouseholdKr;
  let cumulativeNet = 0;
  let cumulativeBudget = 0;

  for (let i = 0; i < p.months; i++) {
    const k = i + 1;
    const effective = k >= p.startMonth;
    const stock = totalStock(ws.stock, length) + totalStock(ws.target, length);
    const households = Math.max(0, stock - (effective ? p.fewerHouseholds : 0));
    const cases = households * p.casesPerHousehold;
    const automated = cases * automatedShare;
    const saving = rampAtArrays(p.rampMonths, p.rampValues, p.rampMonths.length, k);
    const hoursBaseline = cases * p.hoursPerCase;
    // manual × h + automated × h × (1 − s), written as baseline − freed so that s = 0 frees exactly 0 h.
    const freed = automated * p.hoursPerCase * saving;
    const reinvested = freed * p.reinvestedShare;
    const fees = cases * p.digitalShare * feePerCase;
    // 1e-9 keeps a float like 151.0000000001 households from buying one robot too many.
    const robots = p.clientsPerRobot > 0 ? Math.ceil((households * p.digitalShare) / p.clientsPerRobot - 1e-9) : 0;
    const licences = (robots * p.licencePerRobotYearKr) / 12;
    const automationCost = fees + licences + (k === 1 ? p.oneOffCostKr : 0) + p.fixedCostPerYearKr / 12;
    const payments = households * p.paymentPerHouseholdKr;
    // Reinvested hours still cost salary; their return is the shorter bidragstid (in the payments),
    // so valuing them in kr as well would count the same hours twice.
    const freedValue = (freed - reinvested) * kronorPerHour;
    // Freed time is cash only where staffing costs actually fall (posts removed or left unfilled).
    const staffSavings = freedValue * p.staffCostReductionShare;
    const paymentSavings = baselinePayments - payments;
    const budget = paymentSavings + staffSavings - automationCost;
    const net = paymentSavings + freedValue - automationCost;
    cumulativeNet += net;
    cumulativeBudget += budget;

    out.households[i] = households;
    out.cases[i] = cases;
    out.automatedCases[i] = automated;
    out.manualCases[i] = cases - automated;
    out.timeSaving[i] = saving;
    out.hoursBaseline[i] = hoursBaseline;
    out.hours[i] = hoursBaseline - freed;
    out.freedHours[i] = freed;
    out.reinvestedHours[i] = reinvested;
    out.feesKr[i] = fees;
    out.licencesKr[i] = licences;
    out.automationCostKr[i] = automationCost;
    out.paymentsKr[i] = payments;
    out.freedTimeValueKr[i] = freedValue;
    out.staffCostSavingsKr[i] = staffSavings;
    out.budgetEffectKr[i] = budget;
    out.cumulativeBudgetEffectKr[i] = cumulativeBudget;
    out.netSavingsKr[i] = net;
    out.cumulativeNetSavingsKr[i] = cumulativeNet;
    out.durationSavingsKr[i] = (p.households - stock) * p.paymentPerHouseholdKr;
    out.fewerSavingsKr[i] = (stock - households) * p.paymentPerHouseholdKr;

    stepStock(ws.stock, ws.base, inflow * (1 - q));
    stepStock(ws.target, effective && reduction > 0 ? ws.reduced : ws.base, inflow * q);
  }
}
