import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeConnector } from '../engine/node-connector.ts';
import { createTable, openBasic, paidMonths, span } from '../../tests/fixtures/metrics/tables.ts';
import { householdMonthsSql, longTermSql, veryLongTermSql } from './household-queries.ts';
import { prepareMetrics } from './prepare.ts';
import { runMetric } from './run.ts';
import type { Grouping, MetricFilters } from './types.ts';

// basic.csv timelines are listed in period-queries.test.ts. 59 paid rows: H01 pays 2 000 kr
// (försörjningsstöd 1 500), everyone else 1 000 (800). H13 has 1 child and a handlingsplan, H01 has
// 2 children in its last month; H01 and H03 apply through the e-tjänst; H14 and H15 are sjukskrivna.
type Row = Record<string, number | string | null>;

describe('household-month metrics on basic.csv', () => {
  let db: NodeConnector;
  beforeAll(async () => {
    db = await openBasic();
  });
  afterAll(async () => db.close());

  it.each<{ grouping: Grouping; filters: MetricFilters; pick: string[]; expected: Row[] }>([
    {
      grouping: 'total', filters: {},
      pick: ['grupp', 'months', 'households', 'household_months', 'paid_kr', 'fs_kr', 'paid_per_household', 'paid_per_household_month', 'children', 'e_share', 'handlingsplan_share'],
      expected: [{
        grupp: 'Totalt', months: 24, households: 13, household_months: 59, paid_kr: 62000, fs_kr: 49300,
        paid_per_household: 62000 / 13, paid_per_household_month: 62000 / 59, children: 14 / 24, e_share: 7 / 59, handlingsplan_share: 12 / 59,
      }],
    },
    {
      // A household that moved counts in each enhet it was paid in (H01: two months Nord, one Syd).
      grouping: 'enhet', filters: {}, pick: ['grupp', 'households', 'household_months', 'paid_kr'],
      expected: [
        { grupp: 'Nord', households: 7, household_months: 19, paid_kr: 21000 },
        { grupp: 'Syd', households: 7, household_months: 40, paid_kr: 41000 },
      ],
    },
    {
      grouping: 'quarter', filters: { to: '2020-06' }, pick: ['grupp', 'months', 'households', 'household_months', 'avg_households'],
      expected: [
        { grupp: '2020-K1', months: 3, households: 3, household_months: 7, avg_households: 7 / 3 },
        { grupp: '2020-K2', months: 3, households: 7, household_months: 15, avg_households: 5 },
      ],
    },
    {
      grouping: 'barn', filters: {}, pick: ['grupp', 'households', 'household_months'],
      expected: [
        { grupp: 'med barn', households: 2, household_months: 13 },
        { grupp: 'utan barn', households: 12, household_months: 46 },
      ],
    },
    {
      // Attribute filters read each month's own row: in 2020-09 H01 is already in Syd.
      grouping: 'month', filters: { from: '2020-05', to: '2020-09', enhet: ['Nord'] }, pick: ['grupp', 'households'],
      expected: [
        { grupp: '2020-05', households: 5 }, { grupp: '2020-06', households: 3 }, { grupp: '2020-07', households: 0 },
        { grupp: '2020-08', households: 0 }, { grupp: '2020-09', households: 1 },
      ],
    },
    {
      grouping: 'forsorjningshinder', filters: { forsorjningshinder: ['sjukskriven'], barn: 'utan' },
      pick: ['grupp', 'households', 'household_months', 'paid_kr'],
      expected: [{ grupp: 'sjukskriven', households: 2, household_months: 19, paid_kr: 19000 }],
    },
    {
      grouping: 'hushallstyp', filters: { from: '2020-09', to: '2020-09' }, pick: ['grupp', 'households', 'children'],
      expected: [
        { grupp: 'ensamstående kvinna utan barn', households: 1, children: 0 },
        { grupp: 'sammanboende med barn', households: 2, children: 3 },
      ],
    },
  ])('householdMonthsSql(model, $filters, $grouping)', async ({ grouping, filters, pick, expected }) => {
    const model = await prepareMetrics(db);
    const rows = await runMetric<Row>(db, householdMonthsSql(model, filters, grouping));
    expect(rows.map((r) => Object.fromEntries(pick.map((k) => [k, r[k]])))).toEqual(expected);
  });

  it.each<{ grouping: Grouping; filters: MetricFilters; expected: Row[] }>([
    {
      // H13: 12 months in 2020 → långvarig; H14: 10 in 2021 → långvarig; H15: 9 in 2021 → not.
      // Adults in the last payment month of the year: H01 2 (its last 2020 month), H13 2, everyone else 1.
      grouping: 'year', filters: {},
      expected: [
        { grupp: '2020', years: 1, households: 9, long_term: 1, long_term_share: 1 / 9, adults: 11, long_term_adults: 2, long_term_adult_share: 2 / 11 },
        { grupp: '2021', years: 1, households: 7, long_term: 1, long_term_share: 1 / 7, adults: 7, long_term_adults: 1, long_term_adult_share: 1 / 7 },
      ],
    },
    {
      grouping: 'forsorjningshinder', filters: {},
      expected: [
        { grupp: 'arbetslös', years: 2, households: 14, long_term: 1, long_term_share: 1 / 14, adults: 16, long_term_adults: 2, long_term_adult_share: 2 / 16 },
        { grupp: 'sjukskriven', years: 2, households: 2, long_term: 1, long_term_share: 0.5, adults: 2, long_term_adults: 1, long_term_adult_share: 0.5 },
      ],
    },
    {
      // 2020 is not wholly inside the range, so only 2021 counts.
      grouping: 'total', filters: { from: '2020-02' },
      expected: [{ grupp: 'Totalt', years: 1, households: 7, long_term: 1, long_term_share: 1 / 7, adults: 7, long_term_adults: 1, long_term_adult_share: 1 / 7 }],
    },
    {
      // H01 is attributed to its last payment month of 2020 (Syd).
      grouping: 'enhet', filters: { to: '2020-12', enhet: ['Syd'] },
      expected: [{ grupp: 'Syd', years: 1, households: 3, long_term: 1, long_term_share: 1 / 3, adults: 5, long_term_adults: 2, long_term_adult_share: 2 / 5 }],
    },
  ])('longTermSql(model, $filters, $grouping)', async ({ grouping, filters, expected }) => {
    const model = await prepareMetrics(db);
    expect(await runMetric<Row>(db, longTermSql(model, filters, grouping))).toEqual(expected);
  });

  it('longTermSql refuses month and quarter groupings', async () => {
    const model = await prepareMetrics(db);
    expect(() => longTermSql(model, {}, 'month')).toThrow(/per kalenderår/);
  });

  it('refuses a filter on a column the data lacks, and a range that runs backwards', async () => {
    const bare = await NodeConnector.open();
    await createTable(bare, paidMonths('A', [0, 1]));
    const model = await prepareMetrics(bare);
    expect(() => householdMonthsSql(model, { enhet: ['Nord'] }, 'month')).toThrow('Filtret enhet kan inte användas: kolumnen enhet saknas i data');
    expect(() => householdMonthsSql(model, {}, 'barn')).toThrow(/kolumnen antal_barn saknas/);
    expect(() => householdMonthsSql(model, { from: '2020-05', to: '2020-01' }, 'month')).toThrow(/ligger efter/);
    expect(() => householdMonthsSql(model, { from: '2020-13' }, 'month')).toThrow('Ogiltig från-månad: 2020-13 (ange ÅÅÅÅ-MM)');
    const rows = await runMetric<Row>(bare, householdMonthsSql(model, {}, 'total'));
    expect(rows).toEqual([{
      grupp: 'Totalt', months: 2, households: 1, household_months: 2, avg_households: 1, paid_kr: 2000, fs_kr: null,
      paid_per_household: 2000, paid_per_household_month: 1000, children: null, e_share: null, handlingsplan_share: null,
      adults: null, persons: null, households_with_children: null, benefit_months_per_household: null, household_share: null,
    }]);
    await bare.close();
  });
});

describe('veryLongTermSql on a 48-month fixture', () => {
  // Month 0 = 2020-01 … 47 = 2023-12. V1 pays 0–47 (left-censored), V2 4–47, V3 5–19 and 22–40
  // (2 empty months: one period), V4 10–19 and 23–47 (3 empty months: a new period from 23).
  let db: NodeConnector;
  beforeAll(async () => {
    db = await NodeConnector.open();
    await createTable(db, [
      ...paidMonths('V1', span(0, 47)), ...paidMonths('V2', span(4, 47)),
      ...paidMonths('V3', [...span(5, 19), ...span(22, 40)]), ...paidMonths('V4', [...span(10, 19), ...span(23, 47)]),
    ]);
  });
  afterAll(async () => db.close());

  it.each([
    // G = 3: exact from month 0 + 3 + 34 = 37 (2023-02). V2 is 35 months long in 2023-03, 36 in 2023-04;
    // V3 reaches 36 calendar months (34 paid) in 2023-05, its last month.
    { gap: 3, from: '2023-01', to: '2023-06', expected: [null, 1, 1, 2, 3, 2], shareMay: 0.75 },
    // G = 2: exact from month 36, and V3's 2-month gap now splits it, so V3 is never counted.
    { gap: 2, from: '2023-01', to: '2023-06', expected: [1, 1, 1, 2, 2, 2], shareMay: 0.5 },
  ])('veryLongTermSql(model, {$from–$to}, month) with G = $gap', async ({ gap, from, to, expected, shareMay }) => {
    const model = await prepareMetrics(db, { gap });
    const rows = await runMetric<Row>(db, veryLongTermSql(model, { from, to }, 'month'));
    expect(rows.map((r) => r.very_long_term)).toEqual(expected);
    expect(rows.find((r) => r.grupp === '2023-05')?.very_long_term_share).toBe(shareMay);
  });
});
