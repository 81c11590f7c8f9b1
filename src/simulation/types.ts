/**
 * Plain-data types of the simulation: the resolved scenario it receives and the result it returns.
 * A scenario file is validated and resolved (defaults, calibration) by `scenario.ts` and
 * `resolve.ts` before it reaches `simulate`.
 */

/** A ramp point: from month `[0]` on, the automated handling saves share `[1]` of the time. */
export type RampPoint = readonly [month: number, timeSaving: number];

/** Uncertainty: a `[min, max]` range per dotted numeric field path, sampled uniformly. */
export interface Uncertainty {
  readonly runs: number;
  readonly ranges: Readonly<Record<string, readonly [number, number]>>;
}

/** A scenario with all defaults and calibrated figures filled in: what `simulate` runs. */
export interface Scenario {
  readonly name: string;
  readonly description: string;
  /** First simulated month, `YYYY-MM`. */
  readonly start: string;
  readonly months: number;
  readonly seed: number;
  readonly baseline: {
    readonly households: number;
    readonly casesPerMonth: number;
    readonly paymentPerHouseholdKr: number;
    readonly meanDurationMonths: number;
    /** Exit hazard by months on assistance (index d = after d + 1 months); last entry holds for all longer spells. */
    readonly hazard?: readonly number[];
    /** True when the figures above were taken from case data. */
    readonly calibrated: boolean;
  };
  readonly handling: {
    readonly hoursPerCase: number;
    readonly hoursPerFteMonth: number;
    readonly costPerFteMonthKr: number;
    /**
     * Share (0–1) of the freed hours reinvested in active work with clients. Those hours are not
     * counted as money saved: their effect is the shorter bidragstid in `effects`.
     */
    readonly reinvestedShare: number;
    /**
     * Share (0–1) of the freed hours that are not reinvested and are actually removed from staffing
     * costs (posts removed or left unfilled). Only this part of the value of freed time is cash.
     */
    readonly staffCostReductionShare: number;
  };
  readonly automation: {
    readonly ramp: readonly RampPoint[];
    readonly digitalShare: number;
    readonly manualShare: number;
    readonly feesPerCaseKr: Readonly<Record<string, number>>;
    readonly robots?: { readonly clientsPerRobot: number; readonly licencePerRobotYearKr: number };
    readonly oneOffCostKr: number;
    readonly fixedCostPerYearKr: number;
  };
  readonly effects: {
    readonly durationReductionMonths: number;
    readonly fewerHouseholds: number;
    readonly startMonth: number;
    /** Share (0–1) of households the shorter bidragstid applies to (a target group); 1 = everyone. */
    readonly targetShare: number;
    /** Swedish name of the target group, e.g. `Arbetslösa`; shown with the effect. */
    readonly targetGroup?: string;
  };
  readonly uncertainty?: Uncertainty;
}

/** One simulated month; money in kr, time in hours, staff in full-time equivalents. */
export interface MonthResult {
  /** `YYYY-MM`. */
  month: string;
  households: number;
  baselineHouseholds: number;
  cases: number;
  automatedCases: number;
  manualCases: number;
  timeSaving: number;
  hoursBaseline: number;
  hours: number;
  /** All hours freed by the automation, reinvested or not. */
  freedHours: number;
  /** The part of `freedHours` reinvested in active work (freedHours × reinvestedShare); not valued in kr. */
  reinvestedHours: number;
  fteBaseline: number;
  fte: number;
  feesKr: number;
  licencesKr: number;
  automationCostKr: number;
  paymentsKr: number;
  baselinePaymentsKr: number;
  /** baselinePaymentsKr − paymentsKr. */
  paymentSavingsKr: number;
  /** Value of the freed hours that are not reinvested: (freedHours − reinvestedHours) × cost per hour. Not cash by itself. */
  freedTimeValueKr: number;
  /** The cash part of `freedTimeValueKr`: × staffCostReductionShare. */
  staffCostSavingsKr: number;
  /** Cash budget effect: paymentSavingsKr + staffCostSavingsKr − automationCostKr. The headline figure. */
  budgetEffectKr: number;
  cumulativeBudgetEffectKr: number;
  /** paymentSavingsKr + freedTimeValueKr − automationCostKr: the value including freed time (not cash). */
  netSavingsKr: number;
  cumulativeNetSavingsKr: number;
  /** Present only when the scenario has `uncertainty`. */
  householdsP10?: number;
  householdsP50?: number;
  householdsP90?: number;
  cumulativeNetSavingsKrP10?: number;
  cumulativeNetSavingsKrP50?: number;
  cumulativeNetSavingsKrP90?: number;
  cumulativeBudgetEffectKrP10?: number;
  cumulativeBudgetEffectKrP50?: number;
  cumulativeBudgetEffectKrP90?: number;
}

/** Totals for one calendar year (a partial year when the scenario starts or ends mid-year). */
export interface YearSummary {
  year: number;
  months: number;
  automationCostKr: number;
  paymentSavingsKr: number;
  freedHours: number;
  freedTimeValueKr: number;
  staffCostSavingsKr: number;
  budgetEffectKr: number;
  netSavingsKr: number;
}

/** Payment savings over the whole horizon split by the mechanism that gives them. */
export interface EffectParts {
  /** From the shorter bidragstid (fewer households through faster outflow). */
  durationKr: number;
  /** From the fixed number of fewer households. */
  fewerHouseholdsKr: number;
}

/** Payback and yearly totals. */
export interface Summary {
  /** First month (1-based) whose cumulative cash budget effect is ≥ 0 after having been negative; null if none. */
  paybackMonth: number | null;
  /** `YYYY-MM` of `paybackMonth`, for display. */
  paybackMonthLabel: string | null;
  /** The same on the cumulative net savings including the value of freed time (not cash). */
  paybackMonthInclFreedTime: number | null;
  paybackMonthInclFreedTimeLabel: string | null;
  years: YearSummary[];
  effectParts: EffectParts;
  /** Swedish sentences about assumptions a reader must see next to the figures. */
  warnings: string[];
  /** Share of uncertainty runs whose cash budget effect pays back within the horizon; only with `uncertainty`. */
  paybackProbability?: number;
}

/** What `simulate` returns: the scenario it ran, one row per month, and the summary. */
export interface SimulationResult {
  scenario: Scenario;
  months: MonthResult[];
  summary: Summary;
}
