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
 * 1 − (1 − h)^c with c solved for (below). For a single bucket this is exactly 1/target.
 * A target the shape cannot reach is clamped to the nearest reachable mean.
 */
export function hazardWithMean(hazard: ArrayLike<number>, target: number, out: Float64Array): void {
  if (hazard.length === 1) {
    out[0] = Math.min(1, 1 / Math.max(1, target));
    return;
  }
  // Solved in every Monte-Carlo run, twice: so Newton's method on u = ln c with the log-survival summed
  // once (one exp per bucket per step, about six steps), kept inside a shrinking bracket and falling
  // back to halving it. Sixty halvings with a power per bucket made 10 000 runs of a 36-bucket
  // calibrated hazard fifteen times slower than of a single bucket.
  const last = hazard.length - 1;
  const logSurvival = new Float64Array(last + 1);
  for (let d = 0, sum = 0; d <= last; d++) {
    logSurvival[d] = sum;
    if (d < last) sum += Math.log(1 - hazard[d]!);
  }
  const stay = Math.log(1 - hazard[last]!);
  let lo = Math.log(1e-4);
  let hi = Math.log(1e4);
  let u = 0;
  for (let i = 0; i < 200; i++) {
    const c = Math.exp(u);
    // The mean at c and its slope in u (the mean falls as c grows).
    let mean = 0;
    let slope = 0;
    for (let d = 0; d < last; d++) {
      const sd = Math.exp(c * logSurvival[d]!);
      mean += sd;
      slope += logSurvival[d]! * sd;
    }
    const tail = Math.exp(c * logSurvival[last]!);
    const keep = Math.exp(c * stay);
    mean += tail / (1 - keep);
    slope += (logSurvival[last]! * tail * (1 - keep) + tail * stay * keep) / ((1 - keep) * (1 - keep));
    slope *= c;
    if (mean > target) lo = u;
    else hi = u;
    let next = u - (mean - target) / slope;
    if (!(next > lo && next < hi)) next = (lo + hi) / 2;
    const step = Math.abs(next - u);
    u = next;
    if (step < 1e-13 || hi - lo < 1e-13) break;
  }
  const c = Math.exp(u);
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
