import { describe, expect, it } from 'vitest';
import { formatTable, median, ratio } from './stats.ts';

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
    const row = { dataset: 'd', rows: 10, name: 'm', nativeMs: 20, wasmMs: 150, targetMs: 100 };
    expect(ratio(row)).toBe(7.5);
    expect(formatTable([row])).toMatch(/150\.0\s+7\.50\s+100\s+NEJ/);
  });
});
