import { describe, expect, it } from 'vitest';
import { rampAt } from './ramp.ts';
import { addMonths, paybackMonth, yearTotals } from './summary.ts';

describe('paybackMonth(cumulative)', () => {
  it.each<[number[], number | null]>([
    [[-300, -100, 50, 200], 3],
    [[-300, -100, 0, 200], 3],
    [[-300, -100, -1], null],
    [[10, 20, 30], null],
    [[-5, 5, -5, 5], 2],
    [[-0.001, 10], null], // a tenth of an öre is float rounding, not a deficit
  ])('%j → %s', (cumulative, expected) => expect(paybackMonth(cumulative)).toBe(expected));
});

describe('addMonths(start, offset) and yearTotals', () => {
  it.each([
    ['2026-01', 0, '2026-01'],
    ['2026-11', 2, '2027-01'],
    ['2026-12', 13, '2028-01'],
  ])('%s + %d → %s', (start, offset, expected) => expect(addMonths(start, offset)).toBe(expected));

  it('splits a scenario starting in November into calendar years', () => {
    const ones = [1, 1, 1, 1];
    const zeros = [0, 0, 0, 0];
    const years = yearTotals('2026-11', 4, {
      automationCostKr: ones, paymentSavingsKr: [1, 2, 3, 4], freedHours: ones, freedTimeValueKr: [10, 20, 30, 40],
      staffCostSavingsKr: zeros, budgetEffectKr: [5, 5, 6, 6], netSavingsKr: ones,
    });
    expect(years).toEqual([
      { year: 2026, months: 2, automationCostKr: 2, paymentSavingsKr: 3, freedHours: 2, freedTimeValueKr: 30, staffCostSavingsKr: 0, budgetEffectKr: 10, netSavingsKr: 2 },
      { year: 2027, months: 2, automationCostKr: 2, paymentSavingsKr: 7, freedHours: 2, freedTimeValueKr: 70, staffCostSavingsKr: 0, budgetEffectKr: 12, netSavingsKr: 2 },
    ]);
  });
});

describe('rampAt(ramp, k)', () => {
  it.each<[[number, number][], number, number]>([
    [[[4, 0.4], [8, 0.8]], 3, 0],
    [[[4, 0.4], [8, 0.8]], 4, 0.4],
    [[[4, 0.4], [8, 0.8]], 6, 0.6],
    [[[4, 0.4], [8, 0.8]], 60, 0.8],
    [[[0, 0], [4, 0.4]], 1, 0.1],
    [[[1, 0.75]], 1, 0.75],
    [[], 5, 0],
  ])('%j at month %d → %d', (ramp, k, expected) => expect(rampAt(ramp, k)).toBeCloseTo(expected, 12));
});
