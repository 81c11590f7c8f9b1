import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NodeConnector } from '../engine/node-connector.ts';
import { openBasic } from '../../tests/fixtures/metrics/tables.ts';
import { durationDistributionSql, durationSql, flowSql, reactivationSql } from './period-queries.ts';
import { prepareMetrics } from './prepare.ts';
import { runMetric } from './run.ts';
import type { Grouping, MetricFilters } from './types.ts';

// basic.csv, month index 0 = 2020-01 … 23 = 2021-12 (a zero-amount row pins 2021-12). Timelines:
// H01 4,5,8 (2 empty months; Nord → Syd and type change at 8)  H02 4,8 (3 empty months)
// H03 3–5,17 (re-entry exactly W after 5)  H04 3–5,18 (W+1)  H05 0–2  H06 3–4  H07 2–3
// H08 19–21  H09 18–20  H10 10,14 with 0-kr rows 11–13  H11 only 0-kr rows  H13 0–11  H14 12–21  H15 12–20
type Row = Record<string, number | string | null>;

describe('period metrics on basic.csv', () => {
  let db: NodeConnector;
  beforeAll(async () => {
    db = await openBasic();
  });
  afterAll(async () => db.close());

  async function rows(build: () => { text: string; params: readonly (string | number | boolean | null)[] }): Promise<Row[]> {
    return runMetric<Row>(db, build());
  }

  it.each([
    {
      gap: 3,
      newPeriods: [null, null, null, 3, 2, 0, 0, 0, 1, 0, 1, 0, 2, 0, 1, 0, 0, 1, 2, 1, 0, 0, 0, 0],
      exits: [0, 0, 1, 1, 2, 2, 0, 0, 2, 0, 1, 1, 0, 0, 1, 0, 0, 1, 1, 0, 2, null, null, null],
    },
    {
      // G = 2: H07's start in month 2 is now observable, H01 splits at its 2-month gap (ends 5, starts 8),
      // and H08/H14 ending in month 21 are observed ends.
      gap: 2,
      newPeriods: [null, null, 1, 3, 2, 0, 0, 0, 2, 0, 1, 0, 2, 0, 1, 0, 0, 1, 2, 1, 0, 0, 0, 0],
      exits: [0, 0, 1, 1, 2, 3, 0, 0, 2, 0, 1, 1, 0, 0, 1, 0, 0, 1, 1, 0, 2, 2, null, null],
    },
  ])('flowSql(model, {}, month) with G = $gap: inflow and outflow, NULL in censored months', async ({ gap, newPeriods, exits }) => {
    const model = await prepareMetrics(db, { gap });
    const r = await rows(() => flowSql(model, {}, 'month'));
    expect(r.map((x) => x.grupp)).toHaveLength(24);
    expect(r.map((x) => x.new_periods)).toEqual(newPeriods);
    expect(r.map((x) => x.exits)).toEqual(exits);
  });

  it.each([
    { gap: 2, periods: { H01: 2, H02: 2, H10: 2 } },
    { gap: 3, periods: { H01: 1, H02: 2, H10: 2 } }, // 0-kr rows 11–13 never bridge H10's gap
    { gap: 4, periods: { H01: 1, H02: 1, H10: 1 } },
  ])('periods with G = $gap: a gap of G−1 empty months joins, G empty months splits', async ({ gap, periods }) => {
    const m = await prepareMetrics(db, { gap });
    const r = await runMetric<Row>(db, {
      text: `SELECT hushall_id, CAST(count(*) AS INTEGER) AS n FROM ${m.tables.periods} WHERE hushall_id IN ('H01', 'H02', 'H10', 'H11') GROUP BY 1 ORDER BY 1`,
      params: [],
    });
    expect(Object.fromEntries(r.map((x) => [x.hushall_id, x.n]))).toEqual(periods);
  });

  it('counts coverage from the whole table, zero-amount rows included', async () => {
    const model = await prepareMetrics(db);
    expect([model.firstMonth, model.lastMonth]).toEqual([2020 * 12, 2021 * 12 + 11]);
  });

  it.each<{ grouping: Grouping; filters: MetricFilters; expected: Row[] }>([
    {
      // Starts use the attribute in the first month, ends the one in the last month (H01: Nord → Syd).
      // Återkommande starts: Nord H02 at 8, H03 at 17, H04 at 18; Syd H10 at 14.
      grouping: 'enhet', filters: {},
      expected: [
        { grupp: 'Nord', months: 24, inflow_months: 21, new_periods: 8, returning_periods: 3, outflow_months: 21, exits: 9 },
        { grupp: 'Syd', months: 24, inflow_months: 21, new_periods: 6, returning_periods: 1, outflow_months: 21, exits: 6 },
      ],
    },
    {
      grouping: 'total', filters: { from: '2020-01', to: '2020-06' },
      expected: [{ grupp: 'Totalt', months: 6, inflow_months: 3, new_periods: 5, returning_periods: 0, outflow_months: 6, exits: 6 }],
    },
    {
      grouping: 'quarter', filters: { from: '2020-01', to: '2020-06' },
      expected: [
        { grupp: '2020-K1', months: 3, inflow_months: 0, new_periods: null, returning_periods: null, outflow_months: 3, exits: 1 },
        { grupp: '2020-K2', months: 3, inflow_months: 3, new_periods: 5, returning_periods: 0, outflow_months: 3, exits: 5 },
      ],
    },
    {
      grouping: 'hushallstyp', filters: { hushallstyp: ['sammanboende med barn'] },
      expected: [{ grupp: 'sammanboende med barn', months: 24, inflow_months: 21, new_periods: 0, returning_periods: 0, outflow_months: 21, exits: 2 }],
    },
  ])('flowSql(model, $filters, $grouping)', async ({ grouping, filters, expected }) => {
    const model = await prepareMetrics(db);
    expect(await rows(() => flowSql(model, filters, grouping))).toEqual(expected);
  });

  it.each<{ grouping: Grouping; filters: MetricFilters; expected: Row[] }>([
    {
      // 2020: lengths 1,2,3,3,5,1,1 (H05, H07, H13 are left-censored and left out); 2021: 1,1,1,3,9.
      grouping: 'year', filters: {},
      expected: [
        { grupp: '2020', ended_periods: 7, mean_months: 16 / 7, median_months: 2, mean_paid_months: 2, running_at_start: 3 },
        { grupp: '2021', ended_periods: 5, mean_months: 3, median_months: 1, mean_paid_months: 3, running_at_start: 0 },
      ],
    },
    {
      // H01 ended as 'sammanboende med barn' (its type in its last month): 5 calendar months, 3 paid.
      grouping: 'total', filters: { hushallstyp: ['sammanboende med barn'] },
      // H13 also ended as 'sammanboende med barn' but was running at data start: left out, counted apart.
      expected: [{ grupp: 'Totalt', ended_periods: 1, mean_months: 5, median_months: 5, mean_paid_months: 3, running_at_start: 1 }],
    },
  ])('durationSql(model, $filters, $grouping)', async ({ grouping, filters, expected }) => {
    const model = await prepareMetrics(db);
    expect(await rows(() => durationSql(model, filters, grouping))).toEqual(expected);
  });

  it('durationDistributionSql(model, {}) counts ended, not left-censored periods by length', async () => {
    const model = await prepareMetrics(db);
    expect(await rows(() => durationDistributionSql(model, {}))).toEqual([
      { langd: 1, periods: 6 }, { langd: 2, periods: 1 }, { langd: 3, periods: 3 }, { langd: 5, periods: 1 }, { langd: 9, periods: 1 },
    ]);
  });

  it.each([
    // H03 comes back exactly 12 months after its end in 2020-06, H04 after 13.
    { window: 11, reactivatedJune: 0 },
    { window: 12, reactivatedJune: 1 },
    { window: 13, reactivatedJune: 2 },
  ])('reactivationSql with W = $window: re-entry at exactly W counts, at W+1 does not', async ({ window, reactivatedJune }) => {
    const model = await prepareMetrics(db, { window });
    const r = await rows(() => reactivationSql(model, { from: '2020-06', to: '2020-06' }, 'month'));
    expect(r).toEqual([{
      grupp: '2020-06', followed_up: 2, reactivated: reactivatedJune,
      reactivation_rate: reactivatedJune / 2, not_reactivated_rate: 1 - reactivatedJune / 2,
    }]);
  });

  it.each([
    {
      // Ends with e + 12 ≤ 23: H05, H07, H02×2, H06, H03, H04, H01, H10, H13; back: H02 (8), H03 (17), H10 (14).
      window: 12,
      expected: [
        { grupp: '2020', followed_up: 10, reactivated: 3, reactivation_rate: 0.3, not_reactivated_rate: 0.7 },
        { grupp: '2021', followed_up: 0, reactivated: 0, reactivation_rate: null, not_reactivated_rate: null },
      ],
    },
    {
      window: 6,
      expected: [
        { grupp: '2020', followed_up: 10, reactivated: 2, reactivation_rate: 0.2, not_reactivated_rate: 0.8 },
        { grupp: '2021', followed_up: 2, reactivated: 0, reactivation_rate: 0, not_reactivated_rate: 1 },
      ],
    },
  ])('reactivationSql(model, {}, year) with W = $window', async ({ window, expected }) => {
    const model = await prepareMetrics(db, { window });
    expect(await rows(() => reactivationSql(model, {}, 'year'))).toEqual(expected);
  });
});
