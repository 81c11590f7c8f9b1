import { describe, expect, it } from 'vitest';
import { formatTable, median, meetsTargets, ratio, type BenchRow } from './stats.ts';

const row = (over: Partial<BenchRow>): BenchRow => ({ dataset: 'd', rows: 10, name: 'm', nativeMs: 20, wasmMs: 50, targetMs: 100, ...over });

describe('bench statistics', () => {
  it.each([
    [[], NaN],
    [[5], 5],
    [[3, 1, 2], 2],
    [[4, 1, 3, 2], 2.5],
  ])('median(%j) = %d', (samples, expected) => {
    expect(median(samples)).toBe(expected);
  });

  it('reports wasm/native and flags a missed target', () => {
    const r = row({ wasmMs: 150 });
    expect(ratio(r)).toBe(7.5);
    expect(formatTable([r])).toMatch(/150\.0\s+7\.50\s+100\s+–\s+NEJ/);
  });

  it.each([
    ['within time and ratio', row({ wasmMs: 50, maxRatio: 3 }), true],
    ['over the time target', row({ wasmMs: 101, maxRatio: 3 }), false],
    ['within time, ratio 3.5 > 3', row({ nativeMs: 20, wasmMs: 70, maxRatio: 3 }), false],
    ['ratio exactly 3', row({ nativeMs: 20, wasmMs: 60, maxRatio: 3 }), true],
    ['no targets', row({ targetMs: null }), null],
    ['browser side failed', row({ wasmMs: null, nativeMs: 90 }), false],
    ['nothing measured', row({ wasmMs: null, nativeMs: null }), null],
  ])('meetsTargets: %s', (_, r, expected) => {
    expect(meetsTargets(r)).toBe(expected);
  });

  it('prints the ratio target and a note', () => {
    const text = formatTable([row({ nativeMs: 20, wasmMs: 70, maxRatio: 3, note: 'x' })]);
    expect(text).toMatch(/70\.0\s+3\.50\s+100\s+3\s+NEJ\s+x$/m);
  });
});
