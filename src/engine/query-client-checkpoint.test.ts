/**
 * A CHECKPOINT sent while user SQL holds its read-only transaction waits for that transaction in the
 * engine; in DuckDB-WASM (one thread) neither then finishes and the notebook never settles. The query
 * client refuses such a CHECKPOINT instead (checkpoint.ts tries again later). Native DuckDB underneath,
 * behind a recorder that sees what reaches the engine and counts the user SQL in it by itself.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeConnector } from './node-connector.ts';
import { QueryCancelled, QueryError, type UserSqlConnector } from './connector.ts';
import { QueryClient } from './query-client.ts';
import { RUNAWAY_SQL as RUNAWAY } from './test-queries.ts';

describe('QueryClient: no CHECKPOINT while user SQL runs (native DuckDB)', () => {
  let engine: NodeConnector;
  beforeAll(async () => {
    engine = await NodeConnector.open();
    await engine.query('CREATE TABLE t AS SELECT * FROM range(10) r(k)');
  });
  afterAll(async () => engine.close());

  it('refuses it at once, sends it once the user SQL has ended, and the app keeps reading meanwhile', async () => {
    const sent: { sql: string; userRunning: number }[] = [];
    let userRunning = 0;
    const recorder: UserSqlConnector = {
      query: (sql, params, options) => {
        sent.push({ sql, userRunning });
        return engine.query(sql, params, options);
      },
      queryReadOnly: async (sql, params, options) => {
        userRunning++;
        try {
          return await engine.queryReadOnly(sql, params, options);
        } finally {
          userRunning--;
        }
      },
      close: async () => undefined,
    };
    const client = new QueryClient(recorder);
    const stop = new AbortController();
    const runaway = client.queryReadOnly(RUNAWAY, [], { signal: stop.signal });
    await new Promise((r) => setTimeout(r, 200));

    await expect(client.query('CHECKPOINT')).rejects.toBeInstanceOf(QueryError);
    // The app's own reads are not held up: sum of 0..9 = 45.
    expect((await client.query('SELECT sum(k) AS s FROM t')).getChild('s')?.get(0)).toBe(45);
    expect(sent.filter((s) => s.sql === 'CHECKPOINT')).toEqual([]);

    stop.abort();
    await expect(runaway).rejects.toBeInstanceOf(QueryCancelled);
    await client.query('CHECKPOINT');
    expect(sent.filter((s) => s.sql === 'CHECKPOINT')).toEqual([{ sql: 'CHECKPOINT', userRunning: 0 }]);
  }, 20_000);
});
