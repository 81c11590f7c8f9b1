import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeConnector } from '../engine/node-connector.ts';
import { createTable, paidMonths, span } from '../../tests/fixtures/metrics/tables.ts';
import { householdMonthsSql, longTermSql, veryLongTermSql } from './household-queries.ts';
import { columnLabel } from '../format/column-labels.ts';
import { durationSql, flowSql, reactivationSql } from './period-queries.ts';
import { prepareMetrics } from './prepare.ts';
import { reportFromModel } from './report.ts';
import { runMetric } from './run.ts';

// A hand-drawn timeline, month index 0 = 2020-01 … 23 = 2021-12, G = 3 (a start is observable from month 3):
//   A 0–1, 6–8         left-censored first period; the start at 6 is återkommande
//   B 4–5, 10–11, 20   three periods: 4 ny, 10 and 20 återkommande
//   C 2–3, 9           first period starts inside the first G months (left-censored, not counted); 9 återkommande
//   D 5–16             one period, ny
//   E 0–23             left-censored, paid every month (långvarig both years)
//   F 13–14            one period, ny
// Adults / children: A 2/1, B 1/0, C 1/2, D 1/0, E 2/3, F 1/0. Hinder: C, D, F sjukskriven, the others arbetslös.
const PEOPLE: Record<string, { vuxna: number; barn: number; hinder: string; months: number[] }> = {
  A: { vuxna: 2, barn: 1, hinder: 'arbetslös', months: [0, 1, 6, 7, 8] },
  B: { vuxna: 1, barn: 0, hinder: 'arbetslös', months: [4, 5, 10, 11, 20] },
  C: { vuxna: 1, barn: 2, hinder: 'sjukskriven', months: [2, 3, 9] },
  D: { vuxna: 1, barn: 0, hinder: 'sjukskriven', months: span(5, 16) },
  E: { vuxna: 2, barn: 3, hinder: 'arbetslös', months: span(0, 23) },
  F: { vuxna: 1, barn: 0, hinder: 'sjukskriven', months: [13, 14] },
};

type Row = Record<string, number | string | null>;

describe('returning households, biståndsmånader per hushåll, persons and adult-weighted långvarigt', () => {
  let db: NodeConnector;
  beforeAll(async () => {
    db = await NodeConnector.open();
    await createTable(db, Object.entries(PEOPLE).flatMap(([id, p]) =>
      paidMonths(id, p.months).map((r) => ({ ...r, antal_vuxna: p.vuxna, antal_barn: p.barn, forsorjningshinder: p.hinder }))));
  });
  afterAll(async () => db.close());

  it('flowSql(model, {}, month): påbörjade perioder and the återkommande among them', async () => {
    const model = await prepareMetrics(db);
    const r = await runMetric<Row>(db, flowSql(model, {}, 'month'));
    // Starts counted from month 3: B 4, D 5, A 6, C 9, B 10, F 13, B 20. A 0, C 2 and E 0 are left-censored.
    const started = Array<number | null>(24).fill(0);
    const returning = Array<number | null>(24).fill(0);
    for (const m of [0, 1, 2]) started[m] = returning[m] = null;
    for (const m of [4, 5, 6, 9, 10, 13, 20]) started[m] = 1;
    for (const m of [6, 9, 10, 20]) returning[m] = 1;
    expect(r.map((x) => x.new_periods)).toEqual(started);
    expect(r.map((x) => x.returning_periods)).toEqual(returning);
  });

  it('flowSql(model, {}, year): 2020 has 5 starts of which 3 återkommande (A 6, C 9, B 10), 2021 has 2 of which 1', async () => {
    const model = await prepareMetrics(db);
    const r = await runMetric<Row>(db, flowSql(model, {}, 'year'));
    expect(r.map((x) => [x.grupp, x.new_periods, x.returning_periods])).toEqual([['2020', 5, 3], ['2021', 2, 1]]);
  });

  it('householdMonthsSql(model, f, year): biståndsmånader per hushåll only for whole calendar years', async () => {
    const model = await prepareMetrics(db);
    // 2020: A 5 + B 4 + C 3 + D 7 + E 12 = 31 months over 5 households; 2021: B 1 + D 5 + E 12 + F 2 = 20 over 4.
    const all = await runMetric<Row>(db, householdMonthsSql(model, {}, 'year'));
    expect(all.map((x) => [x.grupp, x.benefit_months_per_household])).toEqual([['2020', 31 / 5], ['2021', 20 / 4]]);
    const cut = await runMetric<Row>(db, householdMonthsSql(model, { to: '2021-06' }, 'year'));
    expect(cut.map((x) => [x.grupp, x.benefit_months_per_household])).toEqual([['2020', 31 / 5], ['2021', null]]);
    // A whole year as the range also gives it for total and attribute groupings: 2021 sjukskriven = D 5 + F 2 over 2.
    const hinder = await runMetric<Row>(db, householdMonthsSql(model, { from: '2021-01', to: '2021-12' }, 'forsorjningshinder'));
    expect(hinder.map((x) => [x.grupp, x.benefit_months_per_household])).toEqual([['arbetslös', 13 / 2], ['sjukskriven', 7 / 2]]);
  });

  it('householdMonthsSql(model, f, month): persons, households with children and the hinder share of active households', async () => {
    const model = await prepareMetrics(db);
    const months = await runMetric<Row>(db, householdMonthsSql(model, {}, 'month'));
    // Month 0: A (2 + 1) and E (2 + 3). Month 9: C (1 + 2), D (1 + 0), E (2 + 3). Month 13: D, E, F.
    expect([0, 9, 13].map((m) => [months[m]!.adults, months[m]!.persons, months[m]!.households_with_children]))
      .toEqual([[4, 8, 2], [4, 9, 2], [4, 7, 1]]);
    const oct = await runMetric<Row>(db, householdMonthsSql(model, { from: '2020-10', to: '2020-10' }, 'forsorjningshinder'));
    expect(oct.map((x) => [x.grupp, x.household_share])).toEqual([['arbetslös', 1 / 3], ['sjukskriven', 2 / 3]]);
  });

  it('longTermSql(model, {}, year): långvarigt weighted by adults beside the household share', async () => {
    const model = await prepareMetrics(db);
    const r = await runMetric<Row>(db, longTermSql(model, {}, 'year'));
    // Only E (2 adults) is paid ≥ 10 months in either year. 2020 adults: A 2, B 1, C 1, D 1, E 2; 2021: B 1, D 1, E 2, F 1.
    expect(r.map((x) => [x.grupp, x.long_term_share, x.adults, x.long_term_adults, x.long_term_adult_share]))
      .toEqual([['2020', 1 / 5, 7, 2, 2 / 7], ['2021', 1 / 4, 5, 2, 2 / 5]]);
  });

  it('reportFromModel: monthly returningHouseholds and yearly benefitMonthsPerHousehold', async () => {
    const model = await prepareMetrics(db);
    const report = await reportFromModel(db, model);
    expect(report.monthly.slice(4, 11).map((m) => [m.newHouseholds, m.returningHouseholds])).toEqual([
      [1, 0], [1, 0], [1, 1], [0, 0], [0, 0], [1, 1], [1, 1],
    ]);
    expect(report.monthly[0]).toMatchObject({ newHouseholds: null, returningHouseholds: null, persons: 8, householdsWithChildren: 2 });
    expect(report.yearly.map((y) => [y.year, y.benefitMonthsPerHousehold, y.longTermAdultShare])).toEqual([[2020, 6.2, 2 / 7], [2021, 5, 2 / 5]]);
  });

  it('without antal_vuxna the adult figures are null, not zero', async () => {
    const bare = await NodeConnector.open();
    try {
      await createTable(bare, [...paidMonths('X', span(0, 11)), ...paidMonths('Y', [3])]);
      const model = await prepareMetrics(bare);
      const [lt] = await runMetric<Row>(bare, longTermSql(model, {}, 'year'));
      expect([lt!.long_term_share, lt!.adults, lt!.long_term_adult_share]).toEqual([1 / 2, null, null]);
      const [m] = await runMetric<Row>(bare, householdMonthsSql(model, {}, 'total'));
      expect([m!.adults, m!.persons, m!.benefit_months_per_household]).toEqual([null, null, 13 / 2]);
    } finally {
      await bare.close();
    }
  });

  it('every column a metric query returns has a Swedish label, so notebooks never show an SQL name', async () => {
    const model = await prepareMetrics(db);
    const builders = [householdMonthsSql, flowSql, durationSql, reactivationSql, longTermSql, veryLongTermSql];
    const columns = new Set<string>();
    for (const build of builders) {
      const q = build(model, {}, 'year');
      for (const name of (await db.query(q.text, q.params)).schema.fields.map((f) => f.name)) columns.add(name);
    }
    expect([...columns].filter((c) => columnLabel(c) === c)).toEqual([]);
  });
});
