import { describe, expect, it } from 'vitest';
import { inverseCdf, Random } from './random.ts';

function mean(values: readonly number[]): number {
  return values.reduce((s, v) => s + v, 0) / values.length;
}

describe('Random(seed)', () => {
  it('gives the same stream for the same seed and another for another seed', () => {
    const a = new Random(42);
    const b = new Random(42);
    const c = new Random(43);
    const sa = Array.from({ length: 8 }, () => a.nextUint32());
    const sb = Array.from({ length: 8 }, () => b.nextUint32());
    const sc = Array.from({ length: 8 }, () => c.nextUint32());
    expect(sa).toEqual(sb);
    expect(sa).not.toEqual(sc);
  });

  it('next() stays in [0, 1) with mean ≈ 0.5 and no obvious lag-1 correlation', () => {
    const rng = new Random(1);
    const xs = Array.from({ length: 100_000 }, () => rng.next());
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    expect(mean(xs)).toBeCloseTo(0.5, 2);
    const lagged = mean(xs.slice(1).map((x, i) => (x - 0.5) * (xs[i]! - 0.5))) / (1 / 12);
    expect(Math.abs(lagged)).toBeLessThan(0.02);
  });

  it('int(min, max) covers both ends and nothing else', () => {
    const rng = new Random(2);
    const seen = new Set(Array.from({ length: 2000 }, () => rng.int(2, 5)));
    expect([...seen].sort()).toEqual([2, 3, 4, 5]);
  });

  it('normal(mean, sd) has the requested moments', () => {
    const rng = new Random(3);
    const xs = Array.from({ length: 100_000 }, () => rng.normal(10, 2));
    const m = mean(xs);
    const sd = Math.sqrt(mean(xs.map((x) => (x - m) ** 2)));
    expect(m).toBeCloseTo(10, 1);
    expect(sd).toBeCloseTo(2, 1);
  });

  it.each([0.5, 4, 25, 400])('poisson(%d) has mean ≈ variance ≈ λ', (lambda) => {
    const rng = new Random(4);
    const xs = Array.from({ length: 40_000 }, () => rng.poisson(lambda));
    const m = mean(xs);
    const v = mean(xs.map((x) => (x - m) ** 2));
    expect(Math.abs(m - lambda) / lambda).toBeLessThan(0.03);
    expect(Math.abs(v - lambda) / lambda).toBeLessThan(0.06);
    expect(xs.every((x) => Number.isInteger(x) && x >= 0)).toBe(true);
  });

  it('poisson(0) is 0', () => {
    expect(new Random(5).poisson(0)).toBe(0);
  });

  it('categorical(weights) draws in proportion to the weights', () => {
    const rng = new Random(6);
    const counts = [0, 0, 0];
    for (let i = 0; i < 60_000; i++) counts[rng.categorical([1, 2, 3])]!++;
    expect(counts.map((c) => c / 60_000)).toEqual([
      expect.closeTo(1 / 6, 2),
      expect.closeTo(2 / 6, 2),
      expect.closeTo(3 / 6, 2),
    ]);
  });
});

describe('inverseCdf(cdf, u)', () => {
  const cdf = [0, 0, 0.2, 0.5, 0.7];
  it.each([
    [0, 2],
    [0.19, 2],
    [0.2, 3],
    [0.49, 3],
    [0.69, 4],
    [0.7, 5],
    [0.99, 5],
  ])('u = %d → index %d', (u, index) => {
    expect(inverseCdf(cdf, u)).toBe(index);
  });
});
