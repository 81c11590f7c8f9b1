import { reentryDelayCdf, steadyState } from './hazard.ts';
import type { GeneratorParams } from './params.ts';

/** Stock of active households at output month t relative to `households` (t < 0 in the burn-in). */
export function stockLevel(params: GeneratorParams, t: number): number {
  return params.startLevel * Math.exp((-params.declinePerYear * t) / 12);
}

/**
 * Expected number of new households (not re-entries) for each simulated month, index 0 = the first
 * burn-in month, before seasonality. The simulation starts empty, so early in the burn-in there are no
 * re-entries yet: the inflow there makes up for them, which puts the period starts on the trend's
 * steady-state path from the first month and the stock on its target long before the output starts.
 */
export function newHouseholdPath(params: GeneratorParams): Float64Array {
  const st = steadyState(params);
  const cdf = reentryDelayCdf(params);
  // lag[L]: probability that a period starting in month s is followed by the household's next start in month s + L.
  const maxLag = st.exitPmf.length - 1 + cdf.length;
  const lag = new Float64Array(maxLag + 1);
  for (let d = 1; d < st.exitPmf.length; d++) {
    const f = st.exitPmf[d]!;
    if (f < 1e-12) continue;
    for (let k = 1; k < cdf.length; k++) lag[d - 1 + k]! += f * (cdf[k]! - cdf[k - 1]!);
  }
  const total = params.burnInMonths + params.months;
  const starts = new Float64Array(total);
  const path = new Float64Array(total);
  for (let i = 0; i < total; i++) {
    starts[i] = (params.households * stockLevel(params, i - params.burnInMonths)) / st.stockPerStart;
    let reentries = 0;
    for (let j = Math.max(0, i - maxLag); j < i; j++) reentries += starts[j]! * lag[i - j]!;
    path[i] = Math.max(0, starts[i]! - reentries);
  }
  return path;
}
