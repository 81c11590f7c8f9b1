import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { NodeConnector } from '../engine/node-connector.ts';
import { createTable } from '../../tests/fixtures/metrics/tables.ts';
import type { BoundSql } from '../engine/sql.ts';
import { householdMonthsDirectSql, longTermDirectSql, veryLongTermDirectSql } from './household-direct.ts';
import { householdMonthsSql, longTermSql, veryLongTermSql } from './household-queries.ts';
import { prepareMetrics } from './prepare.ts';
import { runMetric } from './run.ts';
import type { Grouping, MetricFilters, MetricsModel } from './types.ts';

// The routed builders read the pre-aggregated tables; the direct ones read hm (the reference).
// On the committed sample (2018-01 – 2025-12, four enheter) every combination must give identical rows.
const SAMPLE = fileURLToPath(new URL('../../data/utbetalningar.parquet', import.meta.url));

const FILTERS: Record<string, MetricFilters> = {
  'all data': {},
  'whole years 2020–2022': { from: '2020-01', to: '2022-12' },
  'cut years 2019-03 – 2023-08 (hm for the edges)': { from: '2019-03', to: '2023-08' },
  'inside one year': { from: '2021-02', to: '2021-11' },
  'two enheter': { enhet: ['Norr', 'Centrum'] },
  'med barn, cut range': { barn: 'med', from: '2018-07', to: '2024-06' },
  'utan barn': { barn: 'utan' },
  'hushållstyp and hinder': { hushallstyp: ['sammanboende med barn', 'ensamstående kvinna utan barn'], forsorjningshinder: ['arbetslös'] },
  'unknown enhet (no rows)': { enhet: ['Finns inte'] },
  'outside the data': { from: '2030-01', to: '2030-12' },
};
const GROUPINGS: Grouping[] = ['month', 'quarter', 'year', 'total', 'enhet', 'hushallstyp', 'forsorjningshinder', 'barn'];

/**
 * Cases where no row is expected: a range outside the data has no buckets; långvarigt lists only
 * groups with household-years, so also nothing for an unknown enhet or a range without a whole year.
 * (Time groupings of the other metrics list every month of the range, zeros included.)
 */
function emptyCase(name: string, label: string): boolean {
  if (label === 'outside the data') return true;
  return name === 'longTermSql' && (label === 'inside one year' || label.startsWith('unknown enhet'));
}

type Builder = (m: MetricsModel, f: MetricFilters, g: Grouping) => BoundSql;
const PAIRS: [string, Builder, Builder, readonly Grouping[]][] = [
  ['householdMonthsSql', householdMonthsSql, householdMonthsDirectSql, GROUPINGS],
  ['veryLongTermSql', veryLongTermSql, veryLongTermDirectSql, GROUPINGS],
  ['longTermSql', longTermSql, longTermDirectSql, GROUPINGS.filter((g) => g !== 'month' && g !== 'quarter')],
];

describe('pre-aggregated routes equal the direct hm queries on the sample data', () => {
  let db: NodeConnector;
  let model: MetricsModel;
  beforeAll(async () => {
    db = await NodeConnector.open();
    await db.loadFile('utbetalningar', SAMPLE);
    model = await prepareMetrics(db);
  });
  afterAll(async () => db.close());

  const cases = PAIRS.flatMap(([name, routed, direct, groupings]) =>
    Object.entries(FILTERS).map(([label, filters]) => ({ name, routed, direct, groupings, label, filters })));
  it.each(cases)('$name, $label', async ({ name, routed, direct, groupings, label, filters }) => {
    let nonEmpty = 0;
    for (const grouping of groupings) {
      const expected = await runMetric(db, direct(model, filters, grouping));
      const actual = await runMetric(db, routed(model, filters, grouping));
      expect({ grouping, rows: actual }).toEqual({ grouping, rows: expected });
      if (expected.length > 0) nonEmpty++;
    }
    // The comparison is not vacuous: where the filter selects data, the direct query has rows.
    expect(nonEmpty > 0).toBe(!emptyCase(name, label));
  });

  it('reads a sample that exercises the routes (several years, households changing enhet)', async () => {
    const [row] = await runMetric<{ years: number; movers: number }>(db, {
      text: `SELECT CAST(count(DISTINCT mi // 12) AS INTEGER) AS years,
        CAST((SELECT count(*) FROM (SELECT hid FROM ${model.tables.hm} GROUP BY hid HAVING count(DISTINCT enhet) > 1)) AS INTEGER) AS movers FROM ${model.tables.hm}`,
      params: [],
    });
    expect(row?.years).toBe(8);
    expect(row?.movers).toBeGreaterThan(0);
  });
});

describe('pre-aggregated routes keep NULL-versus-zero exactly as the direct queries', () => {
  // 2020-01: H1 with kanal and plan; 2020-02: only rows without kanal, handlingsplan or antal_barn.
  // Per month the direct query gives e_share NULL in 2020-02 (no kanal at all), per quarter 1/3.
  let db: NodeConnector;
  let model: MetricsModel;
  beforeAll(async () => {
    db = await NodeConnector.open();
    await createTable(db, [
      { hushall_id: 'H1', manad: '2020-01', utbetalt_kr: 1000, kanal: 'e-tjänst', handlingsplan: true, antal_barn: 2, enhet: 'Nord' },
      { hushall_id: 'H1', manad: '2020-02', utbetalt_kr: 1000, kanal: null, handlingsplan: null, antal_barn: null, enhet: 'Nord' },
      { hushall_id: 'H2', manad: '2020-02', utbetalt_kr: 500, kanal: null, handlingsplan: null, antal_barn: null, enhet: null },
    ], { kanal: 'VARCHAR', handlingsplan: 'BOOLEAN', antal_barn: 'INTEGER', enhet: 'VARCHAR' });
    model = await prepareMetrics(db);
  });
  afterAll(async () => db.close());

  it.each(GROUPINGS.filter((g) => g !== 'hushallstyp' && g !== 'forsorjningshinder'))('grouped by %s', async (grouping) => {
    const expected = await runMetric<Record<string, unknown>>(db, householdMonthsDirectSql(model, {}, grouping));
    expect(await runMetric(db, householdMonthsSql(model, {}, grouping))).toEqual(expected);
    if (grouping === 'month') expect(expected.map((r) => r.e_share)).toEqual([1, null]);
    if (grouping === 'quarter') expect(expected.map((r) => r.e_share)).toEqual([1 / 3]);
  });
});

/**
 * The routes above share scope.ts and household-columns.ts, so a mistake there would pass unseen.
 * Here the routed builders meet plain SQL written in this test, on the raw parquet file through a
 * separate native DuckDB instance: no hm, no scope, no model.
 */
describe('routed household metrics against plain SQL on the sample parquet', () => {
  let db: NodeConnector;
  let model: MetricsModel;
  let plain: (text: string) => Promise<Record<string, unknown>[]>;
  beforeAll(async () => {
    db = await NodeConnector.open();
    await db.loadFile('utbetalningar', SAMPLE);
    model = await prepareMetrics(db);
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const con = await (await DuckDBInstance.create(':memory:')).connect();
    // One row per household and month in the sample; a month counts when something was paid.
    await con.run(`CREATE TABLE u AS SELECT hushall_id, left(manad, 7) AS m, utbetalt_kr, kanal, enhet, antal_barn
      FROM read_parquet('${SAMPLE}') WHERE utbetalt_kr > 0`);
    plain = async (text) => (await con.runAndReadAll(text)).getRowObjectsJS() as Record<string, unknown>[];
  });
  afterAll(async () => db.close());

  const round = (rows: Record<string, unknown>[]) => rows.map((r) => ({
    grupp: String(r.grupp), households: Number(r.households), household_months: Number(r.household_months),
    paid_kr: Math.round(Number(r.paid_kr) * 100) / 100, e_share: Math.round(Number(r.e_share) * 1e9) / 1e9,
  }));

  it.each([
    { label: 'all data', filters: {}, where: 'TRUE' },
    { label: '2019-03 – 2023-08', filters: { from: '2019-03', to: '2023-08' }, where: "m BETWEEN '2019-03' AND '2023-08'" },
    { label: 'Norr and Centrum', filters: { enhet: ['Norr', 'Centrum'] }, where: "enhet IN ('Norr', 'Centrum')" },
    { label: 'med barn', filters: { barn: 'med' as const }, where: 'antal_barn > 0' },
  ])('households, household-months, kr and e-share per year and per enhet: $label', async ({ filters, where }) => {
    for (const [grouping, key] of [['year', 'left(m, 4)'], ['enhet', 'enhet']] as const) {
      const expected = await plain(`SELECT ${key} AS grupp, count(DISTINCT hushall_id) AS households, count(*) AS household_months,
          sum(utbetalt_kr) AS paid_kr, avg(CASE WHEN kanal = 'e-tjänst' THEN 1 ELSE 0 END) AS e_share
        FROM u WHERE ${where} GROUP BY 1 ORDER BY 1`);
      expect(expected.length).toBeGreaterThan(1);
      const actual = await runMetric<Record<string, unknown>>(db, householdMonthsSql(model, filters, grouping));
      expect({ grouping, rows: round(actual) }).toEqual({ grouping, rows: round(expected) });
    }
  });

  it.each([
    { label: 'all data (whole years 2018–2025)', filters: {}, where: 'TRUE' },
    { label: '2019-03 – 2023-08 (whole years 2020–2022)', filters: { from: '2019-03', to: '2023-08' }, where: "y BETWEEN '2020' AND '2022'" },
    { label: 'Norr by the last paid month of the year', filters: { enhet: ['Norr'] }, where: "last_enhet = 'Norr'" },
  ])('långvarigt household-years (≥ 10 paid months in the calendar year): $label', async ({ filters, where }) => {
    const expected = await plain(`SELECT y AS grupp, count(*) AS households, count(*) FILTER (WHERE months >= 10) AS long_term
      FROM (SELECT hushall_id, left(m, 4) AS y, count(*) AS months, arg_max(enhet, m) AS last_enhet FROM u GROUP BY 1, 2)
      WHERE ${where} GROUP BY 1 ORDER BY 1`);
    const actual = await runMetric<Record<string, unknown>>(db, longTermSql(model, filters, 'year'));
    const pick = (rows: Record<string, unknown>[]) => rows.map((r) => [String(r.grupp), Number(r.households), Number(r.long_term)]);
    expect(pick(expected).every(([, , long]) => (long as number) > 0)).toBe(true);
    expect(pick(actual)).toEqual(pick(expected));
  });
});
