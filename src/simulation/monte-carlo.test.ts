import { describe, expect, it } from 'vitest';
import { monteCarlo, quantileSorted } from './monte-carlo.ts';
import { createRandom } from './prng.ts';
import { simulate } from './simulate.ts';
import { loadScenario } from './test-helpers.ts';

describe('quantileSorted(sorted, q)', () => {
  it.each([
    [[1, 2, 3, 4, 5], 0.5, 3],
    [[1, 2, 3, 4, 5], 0.1, 1.4],
    [[0, 10], 0.9, 9],
    [[7], 0.9, 7],
  ])('%j at %d → %d', (values, q, expected) => expect(quantileSorted(values, q)).toBeCloseTo(expected, 12));
});

describe('createRandom(seed)', () => {
  it('is reproducible, seed-dependent and uniform on [0, 1)', () => {
    const a = createRandom(42);
    const b = createRandom(42);
    const c = createRandom(43);
    const xs = Array.from({ length: 10_000 }, () => a());
    expect(xs.slice(0, 5)).toEqual(Array.from({ length: 5 }, () => b()));
    expect(c()).not.toBe(xs[0]);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    expect(xs.reduce((s, x) => s + x, 0) / xs.length).toBeCloseTo(0.5, 1.5);
  });
});

describe('monteCarlo(scenario, runs)', () => {
  const bas = loadScenario('bas.json');

  it('gives ordered bands p10 ≤ p50 ≤ p90 that contain the deterministic run\'s horizon value', () => {
    const mc = monteCarlo(bas, 2000);
    for (let i = 0; i < bas.months; i++) {
      expect(mc.households.p10[i]!).toBeLessThanOrEqual(mc.households.p50[i]!);
      expect(mc.households.p50[i]!).toBeLessThanOrEqual(mc.households.p90[i]!);
      expect(mc.cumulativeNetSavingsKr.p10[i]!).toBeLessThanOrEqual(mc.cumulativeNetSavingsKr.p90[i]!);
    }
    expect(mc.paybackProbability).toBeGreaterThan(0);
    expect(mc.paybackProbability).toBeLessThanOrEqual(1);
  });

  it('a range that cannot pay back gives probability 0; no ranges give the deterministic run in every band', () => {
    const hopeless = { ...bas, effects: { ...bas.effects, durationReductionMonths: 0 }, uncertainty: { runs: 200, ranges: { 'automation.oneOffCostKr': [5e7, 1e8] as const } } };
    expect(monteCarlo(hopeless).paybackProbability).toBe(0);
    const fixed = { ...bas, uncertainty: { runs: 10, ranges: {} } };
    const det = simulate({ ...bas, uncertainty: undefined }).months;
    const mc = monteCarlo(fixed);
    det.forEach((m, i) => {
      expect(mc.cumulativeNetSavingsKr.p10[i]).toBeCloseTo(m.cumulativeNetSavingsKr, 6);
      expect(mc.households.p90[i]).toBeCloseTo(m.households, 9);
    });
  });

  it('different seeds give different bands, the same seed the same', () => {
    const a = monteCarlo(bas, 500);
    const b = monteCarlo({ ...bas, seed: bas.seed + 1 }, 500);
    expect(monteCarlo(bas, 500)).toEqual(a);
    expect(b.cumulativeNetSavingsKr.p50.at(-1)).not.toBe(a.cumulativeNetSavingsKr.p50.at(-1));
  });
});
