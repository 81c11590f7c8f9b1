import { describe, expect, it } from 'vitest';
import { fillSteadyState, hazardWithMean, meanDuration, stepStock, totalStock } from './caseload.ts';
import { parseScenario } from './resolve.ts';
import { simulate } from './simulate.ts';

describe('meanDuration(hazard)', () => {
  it.each([
    { hazard: [0.5], mean: 2 },
    { hazard: [1 / 6.5], mean: 6.5 },
    { hazard: [1], mean: 1 },
    // month 1 for everyone, then the open-ended bucket: S(1) ÷ h = 0.5 ÷ 0.25 = 2 → 3
    { hazard: [0.5, 0.25], mean: 3 },
    // 1 + 1 + 1 + 1 × (1 / 0.5): nobody leaves in the first three months
    { hazard: [0, 0, 0, 0.5], mean: 5 },
  ])('$hazard → $mean months', ({ hazard, mean }) => {
    expect(meanDuration(hazard)).toBeCloseTo(mean, 12);
  });
});

describe('hazardWithMean(hazard, target, out)', () => {
  it('a single bucket becomes exactly 1 ÷ target', () => {
    const out = new Float64Array(1);
    hazardWithMean([1 / 6.5], 5.5, out);
    expect(out[0]).toBeCloseTo(1 / 5.5, 15);
  });

  it('a duration-dependent hazard keeps its shape and reaches the target mean', () => {
    const hazard = [0.3, 0.2, 0.15, 0.1, 0.05];
    const out = new Float64Array(hazard.length);
    const target = meanDuration(hazard) - 2;
    hazardWithMean(hazard, target, out);
    expect(meanDuration(out)).toBeCloseTo(target, 9);
    for (let d = 1; d < hazard.length; d++) expect(out[d]!).toBeLessThan(out[d - 1]!);
    out.forEach((h, d) => expect(h).toBeGreaterThan(hazard[d]!));
  });

  // A plain bisection on c, the slow way (a power per bucket per step): the answer must not depend on the method.
  function byBisection(hazard: number[], target: number): number[] {
    const mean = (c: number) => meanDuration(hazard.map((h) => 1 - Math.pow(1 - h, c)));
    let lo = Math.log(1e-4);
    let hi = Math.log(1e4);
    for (let i = 0; i < 80; i++) {
      const mid = (lo + hi) / 2;
      if (mean(Math.exp(mid)) > target) lo = mid;
      else hi = mid;
    }
    const c = Math.exp((lo + hi) / 2);
    return hazard.map((h) => 1 - Math.pow(1 - h, c));
  }

  it.each([
    [[0.42, 0.31, 0.22, 0.18, 0.12, 0.09, 0.07, 0.05, 0.04, 0.035, 0.03, 0.025], 7.3],
    [[0.5, 0.1, 0.05, 0.0, 0.02, 0.2], 14],
    [[0.05, 0.05, 0.3], 2.1],
  ])('equals a plain bisection for %j at mean %d', (hazard, target) => {
    const out = new Float64Array(hazard.length);
    hazardWithMean(hazard, target, out);
    byBisection(hazard, target).forEach((h, d) => expect(out[d]!).toBeCloseTo(h, 12));
  });

  it('clamps a mean the shape cannot reach to the nearest reachable one, as the bisection does', () => {
    const hazard = [0.6, 0.5, 0.4];
    const out = new Float64Array(hazard.length);
    hazardWithMean(hazard, 1e6, out);
    byBisection(hazard, 1e6).forEach((h, d) => expect(out[d]!).toBeCloseTo(h, 12));
    hazardWithMean(hazard, 0.5, out);
    byBisection(hazard, 0.5).forEach((h, d) => expect(out[d]!).toBeCloseTo(h, 12));
  });
});

describe('stepStock(stock, hazard, inflow)', () => {
  it.each([[[1 / 6.5]], [[0.3, 0.2, 0.15, 0.1, 0.05]]])('the steady state of %j is a fixed point holding inflow × mean', (hazard) => {
    const stock = new Float64Array(hazard.length);
    fillSteadyState(hazard, 10, stock);
    expect(totalStock(stock, hazard.length)).toBeCloseTo(10 * meanDuration(hazard), 9);
    const before = stock.slice();
    for (let k = 0; k < 24; k++) stepStock(stock, hazard, 10);
    stock.forEach((n, d) => expect(n).toBeCloseTo(before[d]!, 9));
  });

  it('hand-computed step with three buckets', () => {
    const stock = Float64Array.of(10, 8, 20);
    stepStock(stock, [0.5, 0.25, 0.1], 12);
    // new: bucket0 = inflow 12; bucket1 = 10 × 0.5 = 5; bucket2 = 8 × 0.75 + 20 × 0.9 = 24
    expect(Array.from(stock)).toEqual([12, 5, 24]);
  });
});

function steadyStateScenario(households: number, D: number, r: number, hazard?: number[]) {
  return parseScenario({
    name: 'jämvikt',
    start: '2026-01',
    months: 120,
    baseline: { households, paymentPerHouseholdKr: 8350, meanDurationMonths: D, ...(hazard ? { hazard } : {}) },
    handling: { hoursPerCase: 3, costPerFteMonthKr: 58_000 },
    effects: { durationReductionMonths: r },
  });
}

describe('caseload in simulate: Little\'s law', () => {
  it.each([
    { households: 151, D: 6.5, r: 1 },
    { households: 115, D: 12, r: 1 },
    { households: 10_000, D: 6.5, r: 0.5 },
    { households: 400, D: 20, r: 3 },
  ])('$households households, D = $D, r = $r: yearly savings after the transition within 5 % of (households ÷ D) × r × payment × 12', ({ households, D, r }) => {
    const result = simulate(steadyStateScenario(households, D, r));
    const expected = (households / D) * r * 8350 * 12;
    const lastYear = result.summary.years.at(-1)!;
    expect(Math.abs(lastYear.paymentSavingsKr / expected - 1)).toBeLessThan(0.05);
    // and the stock approaches inflow × (D − r)
    expect(result.months.at(-1)!.households).toBeCloseTo((households / D) * (D - r), 0);
  });

  it('also with a duration-dependent hazard (shape from calibration)', () => {
    const hazard = [0.25, 0.2, 0.15, 0.12, 0.1, 0.08];
    const D = meanDuration(hazard);
    const result = simulate(steadyStateScenario(300, D, 1, hazard));
    expect(result.months[0]!.households).toBeCloseTo(300, 9);
    const expected = (300 / D) * 1 * 8350 * 12;
    expect(Math.abs(result.summary.years.at(-1)!.paymentSavingsKr / expected - 1)).toBeLessThan(0.05);
  });

  it('with no effects the stock stays at the starting level for 120 months', () => {
    for (const m of simulate(steadyStateScenario(151, 6.5, 0)).months) expect(m.households).toBeCloseTo(151, 9);
  });
});
