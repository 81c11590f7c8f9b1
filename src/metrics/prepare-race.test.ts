/**
 * The race test: overlapping prepareMetrics calls with different G on one database (one connection,
 * as in the browser) each return a model whose queries give that G's figures, also after the other
 * calls have finished. Expected figures come from plain gaps-and-islands SQL written here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeConnector } from '../engine/node-connector.ts';
import { flowSql } from './period-queries.ts';
import { prepareMetrics } from './prepare.ts';
import { runMetric } from './run.ts';
import type { MetricsModel } from './types.ts';

// 250 households over 2020-01 … 2023-12; each pays in a pseudo-random subset of months, so gaps of
// every length 1–6 occur and the period count differs for every G.
const FIXTURE = `CREATE TABLE utbetalningar AS
  SELECT 'h' || h AS hushall_id, strftime(DATE '2020-01-01' + to_months(CAST(m AS INTEGER)), '%Y-%m') AS manad,
    CASE WHEN hash(h * 1000 + m) % 7 = 0 THEN 0.0 ELSE 1000.0 END AS utbetalt_kr
  FROM range(0, 250) a(h), range(0, 48) b(m)
  WHERE hash(h * 7919 + m) % 100 < 20 + (h % 5) * 15`;

/** Periods, counted starts (the G months before are in the data) and counted ends, by plain SQL. */
async function expected(db: NodeConnector, gap: number): Promise<{ periods: number; starts: number; ends: number }> {
  const t = await db.query(`
    WITH paid AS (SELECT DISTINCT hushall_id, CAST(substr(manad, 1, 4) AS INTEGER) * 12 + CAST(substr(manad, 6, 2) AS INTEGER) - 1 AS mi
        FROM utbetalningar WHERE utbetalt_kr > 0),
      cover AS (SELECT min(CAST(substr(manad, 1, 4) AS INTEGER) * 12 + CAST(substr(manad, 6, 2) AS INTEGER) - 1) AS lo,
        max(CAST(substr(manad, 1, 4) AS INTEGER) * 12 + CAST(substr(manad, 6, 2) AS INTEGER) - 1) AS hi FROM utbetalningar),
      steps AS (SELECT mi, lag(mi) OVER (PARTITION BY hushall_id ORDER BY mi) AS pm, lead(mi) OVER (PARTITION BY hushall_id ORDER BY mi) AS nm FROM paid)
    SELECT CAST(count(*) FILTER (WHERE pm IS NULL OR mi - pm > ${gap}) AS INTEGER) AS periods,
      CAST(count(*) FILTER (WHERE (pm IS NULL OR mi - pm > ${gap}) AND mi - ${gap} >= lo) AS INTEGER) AS starts,
      CAST(count(*) FILTER (WHERE (nm IS NULL OR nm - mi > ${gap}) AND mi + ${gap} <= hi) AS INTEGER) AS ends
    FROM steps, cover`);
  return t.toArray()[0]!.toJSON() as { periods: number; starts: number; ends: number };
}

/** What the model's own tables and the metrics layer say for the whole data. */
async function observed(db: NodeConnector, model: MetricsModel): Promise<{ periods: number; starts: number; ends: number }> {
  const [count] = await runMetric<{ n: number }>(db, { text: `SELECT CAST(count(*) AS INTEGER) AS n FROM ${model.tables.periods}`, params: [] });
  const [flow] = await runMetric<{ new_periods: number; exits: number }>(db, flowSql(model, {}, 'total'));
  return { periods: count!.n, starts: flow!.new_periods, ends: flow!.exits };
}

describe('overlapping prepareMetrics with different G', () => {
  let db: NodeConnector;
  const truth = new Map<number, { periods: number; starts: number; ends: number }>();
  const GAPS = [1, 3, 6];

  beforeAll(async () => {
    db = await NodeConnector.open();
    await db.query(FIXTURE);
    for (const g of GAPS) truth.set(g, await expected(db, g));
    // The fixture must tell the G values apart, or the test could not see a mix-up.
    expect(new Set(GAPS.map((g) => truth.get(g)!.periods)).size).toBe(GAPS.length);
  });
  afterAll(async () => db.close());

  it.each(Array.from({ length: 20 }, (_, i) => i + 1))('run %i: every result has its own G, during and after the others', async (run) => {
    // A different order each run, all started before any finishes.
    const order = GAPS.map((g, i) => GAPS[(i + run) % GAPS.length]!);
    const first = await prepareMetrics(db, { gap: order[0]! });
    const pending = order.slice(1).map((gap) => prepareMetrics(db, { gap }));
    // Queries on a finished model while the others are being prepared.
    const during = observed(db, first);
    const models = [first, ...(await Promise.all(pending))];
    expect(await during).toEqual(truth.get(first.gap));
    for (const [i, model] of models.entries()) {
      expect(model.gap).toBe(order[i]);
      expect(model.tables.periods).toBe(`perioder_g${order[i]}`);
      expect(await observed(db, model)).toEqual(truth.get(model.gap));
    }
  });
});
