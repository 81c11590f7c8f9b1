import { describe, expect, it } from 'vitest';
import { formatInput, toTornadoItems } from './sensitivity-view.ts';

const nb = (s: string) => s.replace(/\u00a0/g, ' ');

describe('formatInput(path, value)', () => {
  it.each([
    ['automation.digitalShare', 0.74, '74 %'],
    ['automation.ramp.1.1', 0.85, '85 %'],
    ['automation.oneOffCostKr', 300000, '300 000 kr'],
    ['automation.feesPerCaseKr.e_tjanst', 50, '50 kr'],
    ['effects.durationReductionMonths', 0.25, '0,25 mån'],
    ['baseline.meanDurationMonths', 6.5, '6,50 mån'],
    ['handling.hoursPerCase', 3, '3 tim'],
    ['effects.fewerHouseholds', 10, '10'],
  ])('%s = %s → %s', (path, value, expected) => expect(nb(formatInput(path, value))).toBe(expected));
});

describe('toTornadoItems(items, limit)', () => {
  it('keeps the largest swings and names fees by their name', () => {
    const item = (path: string, label: string) => ({ path, label, low: 1, high: 2, lowValue: -1, highValue: 1, baseValue: 0 });
    const bars = toTornadoItems([item('automation.feesPerCaseKr.e_tjanst', 'Avgift per ärende'), item('handling.hoursPerCase', 'Timmar per ärende'), item('seed', 'x')], 2);
    expect(bars.map((b) => b.label)).toEqual(['Avgift: e tjanst', 'Timmar per ärende']);
    expect(nb(bars[0]!.lowInput)).toBe('1 kr');
  });
});
