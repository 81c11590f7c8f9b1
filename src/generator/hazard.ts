import type { GeneratorParams, HazardBand } from './params.ts';

/** Longest duration (months) the steady-state sums run over; the tail hazard makes later terms negligible. */
const HORIZON = 1200;

function bandRate(month: number, bands: readonly HazardBand[], after: number): number {
  for (const band of bands) if (month <= band.upTo) return band.rate;
  return after;
}

/**
 * The true exit hazard: the probability that a household in its `monthsOnAssistance`-th calendar month
 * of a period (1 = the first month), having a payment that month, has its last payment of the period then.
 * Piecewise constant: high in months 1–3, lower later, with a tail rate so that a share stays ≥ 36 months.
 * (No exit is drawn in the 1–2 month gaps inside a period, so a hazard recovered per calendar month
 * comes out about 2 % lower than this.)
 */
export function exitHazard(monthsOnAssistance: number, params: GeneratorParams): number {
  if (!Number.isInteger(monthsOnAssistance) || monthsOnAssistance < 1) {
    throw new RangeError(`monthsOnAssistance must be an integer ≥ 1, got ${monthsOnAssistance}`);
  }
  return bandRate(monthsOnAssistance, params.exitBands, params.exitTail);
}

/**
 * The true re-entry hazard: probability that a household whose period ended `monthsSinceLastPayment`
 * months ago (1 = the month after its last payment) starts a new period in that month, given it has not yet.
 * Zero before `reentryFromMonth` (shorter breaks are gaps inside a period under the G = 3 rule) and after the last band.
 */
export function reentryHazard(monthsSinceLastPayment: number, params: GeneratorParams): number {
  if (monthsSinceLastPayment < params.reentryFromMonth) return 0;
  return bandRate(monthsSinceLastPayment, params.reentryBands, 0);
}

/** Cumulative probability of having re-entered by month k after the last payment, for k = 0 … last band end (index k). */
export function reentryDelayCdf(params: GeneratorParams): Float64Array {
  const last = params.reentryBands.at(-1)?.upTo ?? 0;
  const cdf = new Float64Array(last + 1);
  let notYet = 1;
  for (let k = 1; k <= last; k++) {
    notYet *= 1 - reentryHazard(k, params);
    cdf[k] = 1 - notYet;
  }
  return cdf;
}

/** Probability that a household whose period has ended re-enters within `months` months of its last payment. */
export function reentryWithin(months: number, params: GeneratorParams): number {
  const cdf = reentryDelayCdf(params);
  return cdf[Math.min(months, cdf.length - 1)] ?? 0;
}

/** Probability that a period lasts more than `months` calendar months under the exit hazard (gaps ignored). */
export function survival(months: number, params: GeneratorParams): number {
  let s = 1;
  for (let d = 1; d <= months; d++) s *= 1 - exitHazard(d, params);
  return s;
}

/** Mean bidragstid (months) of a period under the exit hazard alone, before any censoring by a data window. */
export function meanBidragstid(params: GeneratorParams): number {
  let mean = 0;
  let s = 1;
  for (let d = 1; d <= HORIZON; d++) {
    mean += s; // P(D ≥ d)
    s *= 1 - exitHazard(d, params);
  }
  return mean;
}

/** Expected share of a period's months after the first that have no payment (gaps and zero rows). */
export function nonPayingShare(params: GeneratorParams): number {
  const perPaying = params.gapRate * (1 + params.twoMonthGapShare) + params.zeroRowRate;
  return perPaying / (1 + perPaying);
}

/** Steady-state ratios of an exponentially declining stock; see `steadyState`. */
export interface SteadyState {
  /** Active households per period start (Σ e^{ρ(d−1)} S(d) pay(d)): Little's law with the trend. */
  readonly stockPerStart: number;
  /** P(last payment in calendar month d) of a period, for d = 1 … (index d; index 0 unused). */
  readonly exitPmf: Float64Array;
  /** Share of period starts that are re-entries, in the trend's steady state. */
  readonly reentryShare: number;
}

/**
 * Steady state of the duration model when the stock declines exponentially at `declinePerYear`:
 * stock = starts × stockPerStart, and starts = new + re-entries of earlier exits.
 */
export function steadyState(params: GeneratorParams): SteadyState {
  const rho = params.declinePerYear / 12;
  const pay = 1 - nonPayingShare(params);
  const exitPmf = new Float64Array(HORIZON + 1);
  let stockPerStart = 0;
  let exitsPerStart = 0;
  let s = 1; // probability the period is still running in calendar month d
  for (let d = 1; d <= HORIZON; d++) {
    const payNow = d === 1 ? 1 : pay;
    const growth = Math.exp(rho * (d - 1));
    const h = exitHazard(d, params) * payNow;
    exitPmf[d] = s * h;
    stockPerStart += growth * s * payNow;
    exitsPerStart += growth * s * h;
    s *= 1 - h;
  }
  const cdf = reentryDelayCdf(params);
  let reentryPerExit = 0;
  for (let k = 1; k < cdf.length; k++) reentryPerExit += (cdf[k]! - cdf[k - 1]!) * Math.exp(rho * k);
  return { stockPerStart, exitPmf, reentryShare: exitsPerStart * reentryPerExit };
}

/** New households per month per active household in that steady state (before seasonality). */
export function inflowPerActive(params: GeneratorParams): number {
  const st = steadyState(params);
  return (1 - st.reentryShare) / st.stockPerStart;
}
