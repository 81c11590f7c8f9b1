import { describe, expect, it } from 'vitest';
import { tableFromArrays } from 'apache-arrow';
import type { ReportTable } from '../format/report.ts';
import { chartCellTable, chartDataTable } from './notebook-tables.ts';
import { yearlyReportTable } from './yearly-table.ts';
import type { YearlyRow } from '../metrics/index.ts';

const texts = (t: ReportTable) => t.rows.map((r) => r.map((c) => c.text));

describe('chartDataTable(spec, table)', () => {
  const perUnit = tableFromArrays({ grupp: ['Norr', 'Söder', 'Öster'], paid_kr: [38100, 120000, 400000], households: [3, 12, 40] });

  it('bar chart by category: the group of 3 is "<5", the next smallest is protected too, the rest shown', () => {
    const t = chartDataTable({ type: 'bar', data: 'q', x: 'grupp', y: 'paid_kr', format: 'kr' }, perUnit);
    expect(t.columns.map((c) => [c.label, c.kind])).toEqual([['Grupp', 'text'], ['Utbetalt', 'kr'], ['Hushåll', 'count']]);
    expect(texts(t)).toEqual([
      ['Norr', 'skyddat', '<5'],
      ['Söder', 'skyddat', 'skyddat'],
      ['Öster', '400\u00a0000\u00a0kr', '40'],
    ]);
    expect(t.rows.flat().map((c) => c.value)).not.toContain(38100);
    expect(t.rows.flat().map((c) => c.value)).not.toContain(3);
  });

  it('line chart over months: only the small month is protected (months are not a breakdown)', () => {
    const monthly = tableFromArrays({ manad: ['2023-03', '2023-04'], paid_kr: [38100, 120000], households: [3, 12] });
    const t = chartDataTable({ type: 'line', data: 'q', x: 'manad', y: 'paid_kr', format: 'kr' }, monthly);
    expect(t.columns[0]!.kind).toBe('month');
    expect(texts(t)).toEqual([
      ['mars 2023', 'skyddat', '<5'],
      ['april 2023', '120\u00a0000\u00a0kr', '12'],
    ]);
    expect(t.rows[1]![1]!.value).toBe(120000);
  });

  it('a histogram of single rows gives no table; a KPI gives none', () => {
    const t = tableFromArrays({ paid_kr: [1, 2, 3] });
    expect(chartCellTable({ type: 'distribution', data: 'q', y: 'paid_kr' }, t)).toBeNull();
    expect(chartCellTable({ type: 'kpi', data: 'q', y: 'paid_kr' }, t)).toBeNull();
  });
});

describe('yearlyReportTable(rows, window)', () => {
  const year = (y: Partial<YearlyRow>): YearlyRow => ({
    year: 2023, households: 120, paidKr: 1_000_000, longTermHouseholds: 40, longTermShare: 1 / 3, exits: 30, reactivated: 10,
    reactivationRate: 0.5, meanDurationMonths: 11.25, medianDurationMonths: 9, durationBiased: false, durationRunningAtStart: 0,
    benefitMonthsPerHousehold: 6.5, notReactivatedRate: 0.5, longTermAdultShare: 0.3, ...y,
  });

  it('shows a full year as numbers, with real values for the spreadsheet', () => {
    const t = yearlyReportTable([year({})], 12);
    expect(t.rows[0]!.map((c) => c.value)).toEqual(['2023', 120, 1_000_000, 6.5, 1 / 3, 0.3, 30, 0.5, 11.25, 9]);
  });

  it('protects a year of 4 households entirely but the "<5", and a re-activation share of 3 who came back', () => {
    const t = yearlyReportTable([year({ year: 2019, households: 4 }), year({ reactivated: 3, reactivationRate: 0.1, notReactivatedRate: 0.9 })], 12);
    expect(texts(t)[0]).toEqual(['2019', '<5', 'skyddat', 'skyddat', 'skyddat', 'skyddat', 'skyddat', 'skyddat', 'skyddat', 'skyddat']);
    expect(t.rows[1]![7]).toEqual({ value: null, text: 'skyddat', protected: true });
    expect(t.rows[1]![1]!.value).toBe(120);
  });

  it('marks bidragstid shortened by the start of the data as not comparable', () => {
    const t = yearlyReportTable([year({ durationBiased: true })], 12);
    expect(t.rows[0]![8]).toEqual({ value: 'ej jämförbar*', text: 'ej jämförbar*', protected: false });
  });
});
