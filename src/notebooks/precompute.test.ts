import { readFileSync } from 'node:fs';
import type { Table } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeConnector } from '../engine/node-connector.ts';
import { replayConnector, type RecordedStatements } from '../engine/recorded.ts';
import { prepareMetrics, publishModel } from '../metrics/prepare.ts';
import type { MetricsModel } from '../metrics/types.ts';
import { detectManadKind } from './database.ts';
import { metricCellSql } from './metric-cell.ts';
import { parseNotebook } from './parse.ts';
import { precomputeNotebook, sha256Text, type PrecomputedNotebook } from './precompute.ts';
import { createRuntime, type RuntimeSnapshot } from './runtime.ts';
import type { UserSqlConnector } from '../engine/connector.ts';

const TEXT = readFileSync('src/notebooks/builtin/manadsrapport.md', 'utf8');
const BUDGET = readFileSync('data/budget.csv', 'utf8');

/** Every cell's result as plain rows (tables) or values (input options), for comparison. */
function plain(snapshot: RuntimeSnapshot): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, cell] of Object.entries(snapshot.cells)) {
    const r = cell.result as Table | unknown[] | undefined;
    out[name] = r && !Array.isArray(r) && typeof (r as Table).toArray === 'function' ? (r as Table).toArray().map((row) => ({ ...row.toJSON() })) : r;
  }
  return out;
}

describe('precomputeNotebook: the månadsrapport default view recorded natively, answered from the record', () => {
  let db: NodeConnector;
  let model: MetricsModel;
  let pre: PrecomputedNotebook;
  const run = async (conn: UserSqlConnector) => {
    const rt = createRuntime(parseNotebook(TEXT), {
      manadKind: await detectManadKind(db, 'utbetalningar'),
      runSql: (q, signal) => conn.queryReadOnly(q.text, q.params, { signal }),
      metricSql: (spec, filters) => metricCellSql(model, spec, filters),
    });
    await rt.run();
    const s = rt.snapshot();
    rt.dispose();
    return s;
  };

  beforeAll(async () => {
    db = await NodeConnector.open();
    await db.loadFile('utbetalningar', 'data/utbetalningar.parquet');
    model = await prepareMetrics(db);
    await publishModel(db, model);
    pre = await precomputeNotebook(db, model, TEXT, BUDGET);
  }, 120_000);
  afterAll(async () => db.close());

  it('keys the record by the notebook text and holds the manad look-up and every cell statement', async () => {
    expect(pre.textSha256).toBe(await sha256Text(TEXT));
    expect(pre.textSha256).not.toBe(await sha256Text(TEXT + ' '));
    // The monthly metric cell, with the default period 2025-01–2025-12 and no filter, is one of them.
    const q = metricCellSql(model, { measure: 'households', grouping: 'month', extend: 12 }, { from: '2025-01', to: '2025-12' });
    expect(Object.keys(pre.statements).some((k) => k.includes(q.text.slice(0, 40)))).toBe(true);
    expect(Object.keys(pre.statements).some((k) => k.includes('information_schema.columns'))).toBe(true);
  });

  it('a replay answers exactly the default view, equal to running it on the engine now', async () => {
    const replay = replayConnector(pre.statements);
    const replayed = plain(await run(replay));
    expect(replay.misses).toEqual([]);
    const live = plain(await run(db));
    expect(replayed).toEqual(live);
    // The options of the Enhet input, against plain SQL.
    const units = (await db.query('SELECT DISTINCT enhet FROM utbetalningar WHERE enhet IS NOT NULL ORDER BY enhet')).getChild('enhet')!.toArray();
    expect([...(replayed.enhet as string[])].sort()).toEqual([...units].sort());
  });

  it('a wrong record is caught: two statements swapped give figures unequal to the live ones', async () => {
    const keys = Object.keys(pre.statements).filter((k) => k.startsWith('user'));
    const wrong: RecordedStatements = { ...pre.statements, [keys[0]!]: pre.statements[keys[1]!]!, [keys[1]!]: pre.statements[keys[0]!]! };
    expect(plain(await run(replayConnector(wrong)))).not.toEqual(plain(await run(db)));
  });

  it('a statement not recorded (another period) is not answered: it waits, and gives up when cancelled', async () => {
    const replay = replayConnector(pre.statements);
    const controller = new AbortController();
    const waiting = replay.queryReadOnly('SELECT 1 AS x', [], { signal: controller.signal });
    let settled = false;
    void waiting.then(() => (settled = true), () => (settled = true));
    await new Promise((r) => setTimeout(r, 50));
    expect(settled).toBe(false);
    controller.abort();
    await expect(waiting).rejects.toThrow();
    expect(replay.misses).toEqual(['SELECT 1 AS x']);
  });
});
