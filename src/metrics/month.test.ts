import { describe, expect, it } from 'vitest';
import { fromMonthIndex, toMonthIndex } from './month.ts';

describe('toMonthIndex(month) / fromMonthIndex(index)', () => {
  it.each([
    ['2020-01', 24240],
    ['2021-05', 24256],
    ['1999-12', 23999],
  ])('%s ↔ %i', (month, index) => {
    expect(toMonthIndex(month)).toBe(index);
    expect(fromMonthIndex(index)).toBe(month);
  });

  it.each(['2021-13', '2021-00', '2021-5', 'maj 2021', ''])('rejects %j', (bad) => {
    expect(() => toMonthIndex(bad)).toThrow(/Ogiltig månad/);
  });
});
