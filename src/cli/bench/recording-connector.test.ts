import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeConnector } from '../../engine/node-connector.ts';
import { prepareMetrics } from '../../metrics/index.ts';
import { RecordingConnector, recordStatements } from './recording-connector.ts';

describe('RecordingConnector(inner)', () => {
  let native: NodeConnector;
  let db: RecordingConnector;
  beforeAll(async () => {
    native = await NodeConnector.open();
    db = new RecordingConnector(native);
  });
  afterAll(async () => db.close());

  it('passes statements through and logs text and params in order', async () => {
    const t = await db.query('SELECT ? + 1 AS x', [41]);
    expect(t.getChild('x')?.get(0)).toBe(42);
    await db.query('SELECT 1 AS y');
    expect(db.take()).toEqual([
      { text: 'SELECT ? + 1 AS x', params: [41] },
      { text: 'SELECT 1 AS y', params: [] },
    ]);
    expect(db.take()).toEqual([]);
  });

  it('logs a failing statement too', async () => {
    await expect(db.query('SELECT * FROM finns_inte')).rejects.toThrow();
    expect(db.take().map((s) => s.text)).toEqual(['SELECT * FROM finns_inte']);
  });

  it('recordStatements keeps only what the action issued, and a replay rebuilds the same tables', async () => {
    await db.query('SELECT 0'); // before the recording: must not be part of it
    await native.query(`CREATE OR REPLACE TABLE utbetalningar AS SELECT * FROM (VALUES
      ('H1', '2020-01', 100.0), ('H1', '2020-02', 100.0), ('H2', '2020-02', 50.0), ('H1', '2020-07', 80.0))
      t(hushall_id, manad, utbetalt_kr)`);
    const { result, statements } = await recordStatements(db, (c) => prepareMetrics(c));
    expect(result.gap).toBe(3);
    expect(statements.some((s) => s.text === 'SELECT 0')).toBe(false);
    expect(statements.some((s) => /CREATE OR REPLACE TABLE perioder_g3/.test(s.text))).toBe(true);
    // Replaying the recording on a fresh engine gives the same periods: H1 has two (gap of 4 months), H2 one.
    const other = await NodeConnector.open();
    await other.query(`CREATE TABLE utbetalningar AS SELECT * FROM (VALUES
      ('H1', '2020-01', 100.0), ('H1', '2020-02', 100.0), ('H2', '2020-02', 50.0), ('H1', '2020-07', 80.0))
      t(hushall_id, manad, utbetalt_kr)`);
    for (const s of statements) await other.query(s.text, s.params);
    const periods = await other.query(`SELECT hushall_id, s, e FROM ${result.tables.periods} ORDER BY hushall_id, s`);
    expect(periods.toArray().map((r) => r.toJSON())).toEqual([
      { hushall_id: 'H1', s: 24240, e: 24241 },
      { hushall_id: 'H1', s: 24246, e: 24246 },
      { hushall_id: 'H2', s: 24241, e: 24241 },
    ]);
    await other.close();
  });
});
