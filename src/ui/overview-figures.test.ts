import { describe, expect, it } from 'vitest';
import { latestMonth } from './overview-figures.ts';

const nb = (s: string) => s.replace(/\u00a0/g, ' ');

describe('latestMonth(series)', () => {
  // 13 months, 2024-03 … 2025-03: households 100 … 112, paid 10 000 kr per household.
  const months = Array.from({ length: 13 }, (_, i) => `${2024 + Math.floor((i + 2) / 12)}-${String(((i + 2) % 12) + 1).padStart(2, '0')}`);
  const households = months.map((_, i) => 100 + i);
  const paid = households.map((h) => h * 10_000);

  it('takes the last month and compares it with the month before and the same month a year earlier', () => {
    const r = latestMonth({ months, households, paid })!;
    expect(r.month).toBe('2025-03');
    expect(r.previousMonth).toBe('2025-02');
    expect(r.yearAgoMonth).toBe('2024-03');
    const [h, p, per] = r.figures;
    expect(nb(h!.cell.text)).toBe('112');
    // 112 vs 111: +1 (+0,9 %); vs 100: +12 (+12,0 %).
    expect(nb(h!.vsPrevious!)).toBe('+1 (+0,9 %)');
    expect(nb(h!.vsYearAgo!)).toBe('+12 (+12,0 %)');
    // 1 120 000 kr = 1,1 mnkr; a year earlier 1 000 000 kr: +120 000 kr = 120,0 tkr.
    expect(nb(p!.cell.text)).toBe('1,1 mnkr');
    expect(nb(p!.vsYearAgo!)).toBe('+120,0 tkr (+12,0 %)');
    expect(nb(per!.cell.text)).toBe('10 000 kr');
    expect(nb(per!.vsPrevious!)).toBe('±0 kr (±0,0 %)');
  });

  it('says nothing about a comparison month the data does not have', () => {
    const r = latestMonth({ months: months.slice(-2), households: households.slice(-2), paid: paid.slice(-2) })!;
    expect(r.yearAgoMonth).toBeNull();
    expect(r.figures[0]!.vsYearAgo).toBeUndefined();
    expect(r.figures[0]!.vsPrevious).toBeDefined();
  });

  it('protects a month with fewer than 5 households, its amounts and their changes', () => {
    const r = latestMonth({ months: ['2025-01', '2025-02'], households: [20, 3], paid: [200_000, 30_000] })!;
    expect(r.figures.map((f) => f.cell.text)).toEqual(['<5', 'skyddat', 'skyddat']);
    expect(r.figures.map((f) => f.vsPrevious)).toEqual(['skyddat', 'skyddat', 'skyddat']);
  });

  it('is null for an empty series', () => {
    expect(latestMonth({ months: [], households: [], paid: [] })).toBeNull();
  });
});
