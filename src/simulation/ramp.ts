/**
 * The automation ramp: time saving in month k (k = 1 is the first simulated month) from a list of
 * [month, timeSaving] points. Linear between points, flat after the last, and 0 before the first —
 * literally, so [[4, 0.4], [8, 0.8]] gives 0 in months 1–3, 0.4 in month 4 and 0.8 from month 8.
 * A gradual start is written with an explicit point, e.g. [0, 0] (then month 1 of [[0, 0], [4, 0.4]] is 0.1).
 */

/** Time saving (0–1) in month `k` for ramp points given as parallel month/value arrays. */
export function rampAtArrays(months: ArrayLike<number>, values: ArrayLike<number>, count: number, k: number): number {
  if (count === 0 || k < months[0]!) return 0;
  for (let i = 1; i < count; i++) {
    const m1 = months[i]!;
    if (k < m1) {
      const m0 = months[i - 1]!;
      const v0 = values[i - 1]!;
      return v0 + ((values[i]! - v0) * (k - m0)) / (m1 - m0);
    }
  }
  return values[count - 1]!;
}

/** Time saving (0–1) in month `k` of a ramp given as [month, timeSaving] points. */
export function rampAt(ramp: readonly (readonly [number, number])[], k: number): number {
  return rampAtArrays(
    ramp.map((p) => p[0]),
    ramp.map((p) => p[1]),
    ramp.length,
    k,
  );
}
