import { describe, expect, it } from 'vitest';
import { tableFromArrays } from 'apache-arrow';
import { chartSeries, kpiFigure, kpiFigures, protectedBars, protectedSeries, protectResult, resultTable, smallestReportGroup } from './result-protection.ts';

const plain = (s: string) => s.replace(/\u00a0/g, ' ');

describe('notebook results under the small-count rules', () => {
  // The case: 13 months of one filtered group, 5 households a year ago and 2 in the last month.
  const households = [5, 6, 6, 5, 5, 5, 5, 5, 5, 5, 5, 5, 2];
  const months = households.map((_, i) => `${2024 + Math.floor((i + 11) / 12)}-${String(((i + 11) % 12) + 1).padStart(2, '0')}`);
  const t = tableFromArrays({
    grupp: months,
    households: Float64Array.from(households),
    avg_households: Float64Array.from(households),
    paid_kr: Float64Array.from(households, (h) => h * 19_050),
    paid_per_household_month: Float64Array.from(households, () => 19_050),
    e_share: Float64Array.from(households, (_, i) => (i === 12 ? 1 : 0.6)),
  });

  it('KPI cards of a month with 2 households: "<5", no amount, per household, share or change', () => {
    const cards = ['avg_households', 'paid_kr', 'paid_per_household_month', 'e_share'].map((y) =>
      kpiFigures(t, y, 'grupp', y === 'avg_households' ? 'count' : y === 'e_share' ? 'percent' : 'kr', undefined, y));
    expect(cards.map((c) => c.figure.cell.text)).toEqual(['<5', 'skyddat', 'skyddat', 'skyddat']);
    expect(cards.flatMap((c) => c.rows.map((r) => r.text))).toEqual(Array(8).fill('skyddat'));
  });

  it('a change of +3 between two shown months is "+3 (+…%)", never "+<5"', () => {
    const u = tableFromArrays({ grupp: ['2025-11', '2025-12'], avg_households: Float64Array.from([86, 89]), households: Float64Array.from([86, 89]) });
    const k = kpiFigures(u, 'avg_households', 'grupp', 'count', undefined, 'Aktiva');
    expect([k.figure.cell.text, plain(k.rows[0]!.text)]).toEqual(['89', '+3 (+3,5 %)']);
  });

  it('a result table: months in words, small months protected, no complementary cell over time', () => {
    const r = protectResult(t, ['grupp', 'avg_households', 'paid_kr'], 'kr', 'x');
    expect(r.rows[0]!.map((c) => plain(c.text))).toEqual(['december 2024', '5', '95 250 kr']);
    expect(r.rows[12]!.map((c) => c.text)).toEqual(['december 2025', '<5', 'skyddat']);
    expect(r.rows.filter((row) => row[2]!.protected)).toHaveLength(1);
    expect(r.columns.map((c) => c.label)).toEqual(['Månad', 'Hushåll (snitt per månad)', 'Utbetalt']);
    expect(r.notes).toEqual(['skyddat: färre än 5 hushåll']);
  });

  it('a breakdown per enhet protects the next smallest enhet too', () => {
    const b = tableFromArrays({ grupp: ['Norr', 'Söder', 'Väster'], households: Float64Array.from([2, 9, 50]), paid_kr: Float64Array.from([38_100, 90_000, 400_000]) });
    expect(protectResult(b, ['grupp', 'paid_kr'], 'kr', 'x').rows.map((row) => row[1]!.text)).toEqual(['skyddat', 'skyddat', '400\u00a0000\u00a0kr']);
  });

  it('chart series leave out small groups and, for counts, counts of 1–4', () => {
    expect(protectedSeries([10, 3, 0, 7], null, true)).toEqual({ values: [10, null, 0, 7], hidden: 1 });
    expect(protectedSeries([100, 200], [2, 9], false)).toEqual({ values: [null, 200], hidden: 1 });
  });

  it('bars per category: a lone small bar takes the next smallest with it; bars over months do not', () => {
    expect(protectedBars(['arbetslös', 'sjukskriven', 'övrigt'], [40, 3, 12], null, true)).toEqual({ values: [40, null, null], hidden: 2 });
    expect(protectedBars(['2025-01', '2025-02', '2025-03'], [40, 3, 12], null, true)).toEqual({ values: [40, null, 12], hidden: 1 });
  });

  it('a report whose group is small protects the amounts of a table without a households column', () => {
    const budget = tableFromArrays({ Post: ['Utfall hittills i år', 'Budget för helåret'], Belopp: Float64Array.from([293_328, 300_000]) });
    expect(smallestReportGroup([t, budget, 'text'])).toBe(2);
    expect(protectResult(budget, ['Post', 'Belopp'], 'kr', 'x', 4).rows.map((r) => r[1]!.text)).toEqual(['skyddat', 'skyddat']);
    expect(protectResult(budget, ['Post', 'Belopp'], 'kr', 'x', 9).rows.map((r) => plain(r[1]!.text))).toEqual(['293 328 kr', '300 000 kr']);
  });

  it('the report parts (slides, spreadsheets) say what the page says: KPI, table and bars of one result', () => {
    const k = kpiFigure({ type: 'kpi', data: 'm', x: 'grupp', y: 'paid_kr', format: 'kr', title: 'Utbetalt' }, t);
    expect([k.label, k.cell.text, k.change]).toEqual(['Utbetalt, december 2025', 'skyddat', 'skyddat mot föregående månad; skyddat mot samma månad förra året']);
    const page = protectResult(t, ['grupp', 'avg_households', 'paid_kr'], 'kr', 'x');
    expect(resultTable({ type: 'table', data: 'x', y: 'grupp, avg_households, paid_kr', format: 'kr' }, t).rows).toEqual(page.rows);
    // Hand-worked: 3 arbetslösa is small; the next smallest bar (12) goes with it, as on the page.
    const bars = tableFromArrays({ grupp: ['arbetslös', 'sjukskriven', 'övrigt'], n: Float64Array.from([40, 3, 12]) });
    expect(chartSeries({ type: 'bar', data: 'q', x: 'grupp', y: 'n', format: 'count' }, bars).series[0]!.values).toEqual([40, null, null]);
  });

  it('a threshold T = 10 protects the group of 5 as "<10" everywhere, T = 5 shows it', () => {
    const five = tableFromArrays({ grupp: ['2025-11', '2025-12'], households: Float64Array.from([5, 5]), paid_kr: Float64Array.from([25_000, 25_000]) });
    const spec = { type: 'kpi' as const, data: 'm', x: 'grupp', y: 'households', format: 'count' as const, title: 'Aktiva' };
    expect(kpiFigure(spec, five).cell.text).toBe('5');
    expect(kpiFigure(spec, five, { threshold: 10 }).cell.text).toBe('<10');
    const table = protectResult(five, ['grupp', 'households', 'paid_kr'], 'kr', 'x', null, { threshold: 10 });
    expect(table.rows[1]!.map((c) => c.text)).toEqual(['december 2025', '<10', 'skyddat']);
    expect(table.notes).toEqual(['skyddat: färre än 10 hushåll']);
    expect(chartSeries({ type: 'line', data: 'm', x: 'grupp', y: 'paid_kr', format: 'kr' }, five, { threshold: 10 }).series[0]!.values).toEqual([null, null]);
  });
});
