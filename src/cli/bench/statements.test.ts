import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeConnector } from '../../engine/node-connector.ts';
import { prepareMetrics, type MetricsModel } from '../../metrics/index.ts';
import { RecordingConnector } from './recording-connector.ts';
import { castRangeBounds, commonEnhet, filteredVariant, metricStatements, pageRefreshStatements } from './statements.ts';

// Two units over 2020-01 … 2021-12: A has two households, B one; H3 pays one month only.
const FIXTURE = `CREATE OR REPLACE TABLE utbetalningar AS
  SELECT 'H' || h AS hushall_id, strftime(make_date(2020 + m // 12, m % 12 + 1, 1), '%Y-%m') AS manad,
    1000.0 AS utbetalt_kr, CASE WHEN h = 2 THEN 'B' ELSE 'A' END AS enhet
  FROM range(1, 4) a(h), range(0, 24) b(m)
  WHERE h < 3 OR m = 5`;

describe('bench statements', () => {
  let native: NodeConnector;
  let db: RecordingConnector;
  let model: MetricsModel;
  beforeAll(async () => {
    native = await NodeConnector.open();
    db = new RecordingConnector(native);
    await native.query(FIXTURE);
    model = await prepareMetrics(native);
  });
  afterAll(async () => db.close());

  it('filteredVariant: the last 12 months and one enhet', () => {
    expect(filteredVariant(model, 'A')).toEqual({ from: '2021-01', to: '2021-12', enhet: ['A'] });
    expect(filteredVariant(model, null)).toEqual({ from: '2021-01', to: '2021-12' });
  });

  it('commonEnhet: the unit with the most rows', async () => {
    expect(await commonEnhet(native, model)).toBe('A'); // 25 rows against 24
  });

  it.each([
    ['range(?, ?)', 'range(CAST(? AS BIGINT), CAST(? AS BIGINT))'],
    ['FROM range(?, ?) t(m) JOIN range(?, ?)', 'FROM range(CAST(? AS BIGINT), CAST(? AS BIGINT)) t(m) JOIN range(CAST(? AS BIGINT), CAST(? AS BIGINT))'],
    ['strange(?, ?)', 'strange(?, ?)'],
    ['range(CAST(? AS BIGINT), CAST(? AS BIGINT))', 'range(CAST(? AS BIGINT), CAST(? AS BIGINT))'],
  ])('castRangeBounds(%s)', (text, expected) => {
    expect(castRangeBounds(text)).toBe(expected);
  });

  it('every metric statement runs on the engine with DOUBLE-bound values, as DuckDB-WASM binds them', async () => {
    const statements = metricStatements(model, filteredVariant(model, 'A'));
    expect(statements).toHaveLength(21);
    expect(new Set(statements.map((s) => s.name)).size).toBe(21);
    for (const s of statements) {
      const doubles = s.params.map((p) => (typeof p === 'number' ? `CAST(${p} AS DOUBLE)` : null));
      // Inline each number as an explicit DOUBLE: the type the browser engine gives a bound JS number.
      let i = 0;
      const text = s.text.replace(/\?/g, () => doubles[i++] ?? '?');
      const params = s.params.filter((p) => typeof p !== 'number');
      await expect(native.query(text, params), s.name).resolves.toBeDefined();
    }
    const households = statements.find((s) => s.name === 'hushållsmånader per år')!;
    const rows = (await native.query(households.text, households.params)).toArray().map((r) => r.toJSON());
    // 2020: H1, H2 and H3 (one month) = 3 households, 12 + 12 + 1 = 25 household-months.
    expect(rows.map((r) => [r.grupp, r.households, r.household_months])).toEqual([
      ['2020', 3, 25],
      ['2021', 2, 24],
    ]);
    // Enhet A over all the data: H1 and H3 in 2020 (13 household-months), H1 alone in 2021.
    const unit = statements.find((s) => s.name === 'hushållsmånader per år, en enhet')!;
    const unitRows = (await native.query(unit.text, unit.params)).toArray().map((r) => r.toJSON());
    expect(unitRows.map((r) => [r.grupp, r.households, r.household_months])).toEqual([
      ['2020', 2, 13],
      ['2021', 1, 12],
    ]);
  });

  it('pageRefreshStatements records the KPI queries and the six series, all filtered', async () => {
    const page = await pageRefreshStatements(db, model, { enhet: ['B'] });
    // kpis: six families, each for the range and, where the data reaches back, a year earlier
    // (the duration family reads two queries); then six series.
    expect(page.length).toBeGreaterThan(6 + 6);
    expect(page.every((s) => s.params.includes('B'))).toBe(true);
    expect(page.map((s) => s.name)).toEqual(page.map((_, i) => `sidan ${i + 1}`));
    for (const s of page) await native.query(s.text, s.params);
  });
});
