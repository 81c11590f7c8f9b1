import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeConnector } from '../engine/node-connector.ts';
import { createTable, paidMonths, span } from '../../tests/fixtures/metrics/tables.ts';
import { householdMonthsSql } from './household-queries.ts';
import { prepareMetrics } from './prepare.ts';
import { runMetric } from './run.ts';
import type { MetricFilters } from './types.ts';

type Row = { grupp: string; households: number };

/** Rows of `id` in the listed months (0 = 2020-01) with the given enhet and antal_barn. */
function rows(id: string, months: number[], enhet: string, barn: number, kr = 1000) {
  return paidMonths(id, months, kr).map((r) => ({ ...r, enhet, antal_barn: barn }));
}

describe('householdMonthsSql(model, filters, year): households per year', () => {
  // Data from 2020-07 (month 6) to 2022-12 (35): 2020 is a partial first year, 2021 and 2022 whole.
  // A: 2020-07..09 Nord; 2021 Nord Jan–Jun, Syd Jul–Dec (moves mid-year: two household-year rows).
  // B: 2021-01..03 Nord with children, 2022-07 Syd with children.
  // C: 2022 Syd all year, no children Jan–Jun, one child Jul–Dec (barn changes mid-year).
  // D: 2020-11..12 and 2021-01 Syd. E: only a zero payment (2022-05 Nord), never active.
  // F: 2021-09 Syd, alike D in 2021 (same enhet, no children, one month), so a count of distinct
  // attribute combinations instead of households would miss one.
  let db: NodeConnector;
  beforeAll(async () => {
    db = await NodeConnector.open();
    await createTable(db, [
      ...rows('A', span(6, 8), 'Nord', 0), ...rows('A', span(12, 17), 'Nord', 0), ...rows('A', span(18, 23), 'Syd', 0),
      ...rows('B', span(12, 14), 'Nord', 2), ...rows('B', [30], 'Syd', 2),
      ...rows('C', span(24, 29), 'Syd', 0), ...rows('C', span(30, 35), 'Syd', 1),
      ...rows('D', [10, 11, 12], 'Syd', 0), ...rows('F', [20], 'Syd', 0),
      ...rows('E', [28], 'Nord', 0, 0),
    ]);
  });
  afterAll(async () => db.close());

  it.each<{ label: string; filters: MetricFilters; expected: [string, number][] }>([
    // 2020: A, D. 2021: A once although it has a row in each enhet, B, D, F. 2022: B, C once although its barn changed.
    { label: 'no filter', filters: {}, expected: [['2020', 2], ['2021', 4], ['2022', 2]] },
    // A counts in Nord in 2020 and 2021 (its first half), not in 2022; nobody else is in Nord in 2022.
    { label: 'enhet Nord', filters: { enhet: ['Nord'] }, expected: [['2020', 1], ['2021', 2], ['2022', 0]] },
    // A counts again in Syd in 2021 (its second half), with D and F; 2022: B and C.
    { label: 'enhet Syd', filters: { enhet: ['Syd'] }, expected: [['2020', 1], ['2021', 3], ['2022', 2]] },
    // Both enheter: A once per year, as without a filter.
    { label: 'enhet Nord or Syd', filters: { enhet: ['Nord', 'Syd'] }, expected: [['2020', 2], ['2021', 4], ['2022', 2]] },
    // With children: B in 2021; B and C (from July) in 2022.
    { label: 'barn med', filters: { barn: 'med' }, expected: [['2020', 0], ['2021', 1], ['2022', 2]] },
    // Without children: A and D in 2020, A, D and F in 2021; C (January–June) in 2022.
    { label: 'barn utan', filters: { barn: 'utan' }, expected: [['2020', 2], ['2021', 3], ['2022', 1]] },
    // From 2020-09 the partial first year keeps A's September payment: A (2020-09), D.
    { label: 'from 2020-09', filters: { from: '2020-09' }, expected: [['2020', 2], ['2021', 4], ['2022', 2]] },
    // From 2020-10: A's 2020 months drop out, D stays.
    { label: 'from 2020-10, enhet Syd', filters: { from: '2020-10', enhet: ['Syd'] }, expected: [['2020', 1], ['2021', 3], ['2022', 2]] },
    // Up to 2022-06: 2022 is partial at the end; C only (B pays in July).
    { label: 'to 2022-06, barn utan', filters: { to: '2022-06', barn: 'utan' }, expected: [['2020', 2], ['2021', 3], ['2022', 1]] },
  ])('$label', async ({ filters, expected }) => {
    const model = await prepareMetrics(db);
    const got = await runMetric<Row>(db, householdMonthsSql(model, filters, 'year'));
    expect(got.map((r) => [r.grupp, r.households])).toEqual(expected);
  });

  it('prepares only_of_year on a household-year with one row', async () => {
    const model = await prepareMetrics(db);
    const flags = await runMetric<{ hushall_id: string; y: number; n: number; single: number }>(db, {
      text: `SELECT i.hushall_id, y, CAST(count(*) AS INTEGER) AS n, CAST(count(*) FILTER (WHERE only_of_year) AS INTEGER) AS single
        FROM ${model.tables.householdYear} h JOIN ${model.tables.ids} i USING (hid) GROUP BY ALL ORDER BY 1, 2`,
      params: [],
    });
    // A 2021 (Nord, Syd) and C 2022 (without, with children) have two rows each; every other household-year one.
    expect(flags.map((f) => [f.hushall_id, f.y, f.n, f.single])).toEqual([
      ['A', 2020, 1, 1], ['A', 2021, 2, 0],
      ['B', 2021, 1, 1], ['B', 2022, 1, 1],
      ['C', 2022, 2, 0],
      ['D', 2020, 1, 1], ['D', 2021, 1, 1],
      ['F', 2021, 1, 1],
    ]);
  });
});

describe('householdMonthsSql(model, filters, year) on the sample data equals plain SQL over the raw rows', () => {
  // The bundled sample: 2018-01 to 2025-12, four enheter.
  let db: NodeConnector;
  beforeAll(async () => {
    db = await NodeConnector.open();
    await db.loadFile('utbetalningar', 'data/utbetalningar.parquet');
  });
  afterAll(async () => db.close());

  it.each<{ label: string; filters: MetricFilters; where: string }>([
    { label: 'no filter', filters: {}, where: 'TRUE' },
    { label: 'enhet Norr', filters: { enhet: ['Norr'] }, where: `enhet = 'Norr'` },
    { label: 'enhet Norr or Söder', filters: { enhet: ['Norr', 'Söder'] }, where: `enhet IN ('Norr', 'Söder')` },
    { label: 'barn med', filters: { barn: 'med' }, where: 'antal_barn > 0' },
    { label: 'barn utan, enhet Centrum', filters: { barn: 'utan', enhet: ['Centrum'] }, where: `antal_barn = 0 AND enhet = 'Centrum'` },
    // A partial first year (May–December 2019) and a partial last one (January–August 2024).
    { label: 'partial first and last year', filters: { from: '2019-05', to: '2024-08' }, where: `manad BETWEEN '2019-05' AND '2024-08'` },
    {
      label: 'partial first year, enhet Väster', filters: { from: '2019-05', enhet: ['Väster'] },
      where: `manad >= '2019-05' AND enhet = 'Väster'`,
    },
  ])('$label', async ({ filters, where }) => {
    const model = await prepareMetrics(db);
    const got = await runMetric<Row>(db, householdMonthsSql(model, filters, 'year'));
    const expected = await runMetric<Row>(db, {
      text: `SELECT y AS grupp, CAST(count(DISTINCT hushall_id) FILTER (WHERE utbetalt_kr > 0 AND ${where}) AS INTEGER) AS households
        FROM (SELECT *, substr(CAST(manad AS VARCHAR), 1, 4) AS y FROM utbetalningar)
        WHERE ${where.includes('manad') ? where : 'TRUE'} GROUP BY y ORDER BY y`,
      params: [],
    });
    expect(expected.length).toBeGreaterThan(4);
    expect(got.map((r) => [r.grupp, r.households])).toEqual(expected.map((r) => [r.grupp, r.households]));
  });
});
