import { describe, expect, it } from 'vitest';
import { formatChange, formatKrAxis, formatCount, formatKr, formatMnkr, formatMonth, formatPercent, formatTkr, parseMonth } from './sv.ts';

const plain = (s: string) => s.replace(/\u00a0/g, ' ');

describe('sv-SE formatting', () => {
  it.each([
    [formatKr(1261000), '1 261 000 kr'],
    [formatTkr(8400), '8,4 tkr'],
    [formatMnkr(1_200_000), '1,2 mnkr'],
    [formatPercent(0.71), '71 %'],
    [formatMonth('2021-05'), 'maj 2021'],
    [formatMonth('2021-12'), 'december 2021'],
    [formatChange(-0.035, 'percent'), '\u22123,5 %'],
    [formatKr(null), '–'],
    [formatKrAxis(500_000), '500 tkr'],
    [formatKrAxis(1_500_000), '1,5 mnkr'],
    [formatKrAxis(2_000_000), '2 mnkr'],
    [formatKrAxis(0), '0 kr'],
  ])('%s is %s', (actual, expected) => {
    expect(plain(actual)).toBe(expected);
  });

  it('formatCount suppresses 1–4 as <5 and keeps 0 and 5', () => {
    expect([0, 1, 4, 5, 1234].map((n) => plain(formatCount(n)))).toEqual(['0', '<5', '<5', '5', '1 234']);
    expect(formatCount(3, false)).toBe('3');
  });

  it('parseMonth refuses what is not a month', () => {
    expect(parseMonth('2021-13')).toBeNull();
    expect(parseMonth('2021-1')).toBeNull();
    expect(parseMonth('2021-01')?.toISOString()).toBe('2021-01-01T00:00:00.000Z');
  });
});
