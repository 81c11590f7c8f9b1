/**
 * Stock-flow model of households by months on assistance. Bucket d holds households in their
 * (d + 1)-th month of the current spell; after each month a share hazard[d] of it leaves and the
 * rest moves to d + 1. The last bucket is open-ended: its hazard holds for all longer spells, so a
 * constant hazard 1/D needs a single bucket and gives a geometric bidragstid with mean D.
 * Little's law holds by construction: the steady stock is inflow × mean duration.
 */

/** Mean spell length in months, Σ_d S(d), for hazard raised to the power `c` (S^c survival). */
export function meanDuration(hazard: ArrayLike<number>, c = 1): number {
  let survival = 1;
  let total = 0;
  const last = hazard.length - 1;
  for (let d = 0; d < last; d++) {
    total += survival;
    survival *= scaled(hazard[d]!, c);
  }
  return total + survival / (1 - scaled(hazard[last]!, c));
}

// Survival (1 - h) raised to c: proportional change on the log-survival scale keeps the shape.
function scaled(h: number, c: number): number {
  return c === 1 ? 1 - h : Math.pow(1 - h, c);
}

/**
 * Writes into `out` a hazard with the same shape as `hazard` but mean duration `target`:
 * 1 − (1 − h)^c with c found by bisection. For a single bucket this is exactly 1/target.
 * A target the shape cannot reach is clamped to the nearest reachable mean.
 */
export function hazardWithMean(hazard: ArrayLike<number>, target: number, out: Float64Array): void {
  if (hazard.length === 1) {
    out[0] = Math.min(1, 1 / Math.max(1, target));
    return;
  }
  let lo = Math.log(1e-4);
  let hi = Math.log(1e4);
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (meanDuration(hazard, Math.exp(mid)) > target) lo = mid;
    else hi = mid;
  }
  const c = Math.exp((lo + hi) / 2);
  for (let d = 0; d < hazard.length; d++) out[d] = 1 - scaled(hazard[d]!, c);
}

/** Fills `stock` with the steady state for a monthly `inflow`: stock[d] = inflow × S(d). */
export function fillSteadyState(hazard: ArrayLike<number>, inflow: number, stock: Float64Array): void {
  const last = hazard.length - 1;
  let survival = 1;
  for (let d = 0; d < last; d++) {
    stock[d] = inflow * survival;
    survival *= 1 - hazard[d]!;
  }
  stock[last] = (inflow * survival) / hazard[last]!;
}

/** Sum of the buckets: households on assistance this month. */
export function totalStock(stock: Float64Array, length: number): number {
  let sum = 0;
  for (let d = 0; d < length; d++) sum += stock[d]!;
  return sum;
}

/** Advances one month in place: exits by hazard, survivors age one month, `inflow` enters bucket 0. */
export function stepStock(stock: Float64Array, hazard: ArrayLike<number>, inflow: number): void {
  const last = hazard.length - 1;
  if (last === 0) {
    stock[0] = stock[0]! * (1 - hazard[0]!) + inflow;
    return;
  }
  stock[last] = stock[last]! * (1 - hazard[last]!) + stock[last - 1]! * (1 - hazard[last - 1]!);
  for (let d = last - 1; d > 0; d--) stock[d] = stock[d - 1]! * (1 - hazard[d - 1]!);
  stock[0] = inflow;
}
