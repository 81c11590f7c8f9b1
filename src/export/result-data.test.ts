import { describe, expect, it, vi } from 'vitest';
import { tableFromArrays } from 'apache-arrow';
import { changeText, column, formatterFor, numbers, pivot } from './result-data.ts';

describe('result-data', () => {
  const t = tableFromArrays({ manad: ['2024-01', '2024-01', '2024-02'], typ: ['A', 'B', 'A'], n: new Float64Array([1, 2, 3]), big: new BigInt64Array([5n, 6n, 7n]) });
  it('reads columns as plain numbers, 64-bit integers included', () => {
    expect(numbers(t, 'big')).toEqual([5, 6, 7]);
    const withNull = tableFromArrays({ n: [1, null, 3] as (number | null)[] });
    expect(numbers(withNull, 'n')).toEqual([1, null, 3]);
    expect(() => column(t, 'saknas')).toThrow('Kolumnen "saknas" finns inte i resultatet (finns: manad, typ, n, big).');
  });
  it('decodes a column once per table and hands out copies', () => {
    const u = tableFromArrays({ typ: ['A', 'B'], n: new Float64Array([1, 2]) });
    const getChild = vi.spyOn(u, 'getChild');
    const first = column(u, 'typ');
    first[0] = 'ändrad';
    expect(column(u, 'typ')).toEqual(['A', 'B']);
    expect(numbers(u, 'n')).toEqual([1, 2]);
    numbers(u, 'n').fill(null);
    expect(numbers(u, 'n')).toEqual([1, 2]);
    // typ once and n once: later reads come from the cache, not from Arrow.
    expect(getChild.mock.calls.map((c) => c[0])).toEqual(['typ', 'n']);
    // Another table with the same column names is read on its own.
    expect(column(tableFromArrays({ typ: ['C'] }), 'typ')).toEqual(['C']);
    // A column's numbers and its plain values are kept apart: text digits stay text in column().
    const digits = tableFromArrays({ s: ['1', 'x'] });
    expect(numbers(digits, 's')).toEqual([1, null]);
    expect(column(digits, 's')).toEqual(['1', 'x']);
  });
  it('pivots long to wide with gaps as null', () => {
    expect(pivot(t, 'manad', 'typ', 'n')).toEqual({ labels: ['2024-01', '2024-02'], series: [{ label: 'A', values: [1, 3] }, { label: 'B', values: [2, null] }] });
  });
  it.each<[number | null, number | null, Parameters<typeof changeText>[2], string]>([
    [110, 100, 'count', '+10 (+10,0\u00a0%)'],
    [89, 86, 'count', '+3 (+3,5\u00a0%)'],
    [90, 100, 'kr', '\u221210\u00a0kr (\u221210,0\u00a0%)'],
    [0.25, 0.2, 'percent', '+5\u00a0p.e.'],
    [null, 100, 'count', '–'],
  ])('describes a change %s vs %s', (a, b, f, text) => {
    expect(changeText(a, b, f)).toBe(text);
  });
  it('formats counts with <5 suppression and kronor in sv-SE', () => {
    expect(formatterFor('count')(3)).toBe('<5');
    expect(formatterFor('kr')(1261000)).toBe('1\u00a0261\u00a0000\u00a0kr');
    expect(formatterFor('mnkr')(1200000)).toBe('1,2\u00a0mnkr');
  });
});
