import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeConnector } from './node-connector.ts';
import { QueryCancelled } from './connector.ts';
import { QueryClient } from './query-client.ts';
import { RUNAWAY_SQL as RUNAWAY } from './test-queries.ts';

describe('QueryClient on native DuckDB', () => {
  let engine: NodeConnector;
  beforeAll(async () => {
    engine = await NodeConnector.open();
    await engine.query('CREATE TABLE t AS SELECT * FROM (VALUES (1, \'a\'), (2, \'b\'), (3, \'b\')) v(k, g)');
  });
  afterAll(async () => engine.close());

  it('query(sql, params): a repeat of the same bound SQL is a cache hit; other values are a miss', async () => {
    const client = new QueryClient(engine);
    const a = await client.query('SELECT count(*) AS n FROM t WHERE g = ?', ['b']);
    const b = await client.query('SELECT count(*) AS n FROM t WHERE g = ?', ['b']);
    const c = await client.query('SELECT count(*) AS n FROM t WHERE g = ?', ['a']);
    expect(a.getChild('n')?.get(0)).toBe(2);
    expect(c.getChild('n')?.get(0)).toBe(1);
    expect(b).toBe(a);
    expect(client.stats).toEqual({ hits: 1, misses: 2 });
    // The same text run as user SQL is another statement (it runs read-only): its own entry.
    await client.queryReadOnly('SELECT count(*) AS n FROM t WHERE g = ?', ['b']);
    expect(client.stats).toEqual({ hits: 1, misses: 3 });
  });

  it('a write empties the cache, so nothing cached before it is answered afterwards', async () => {
    const client = new QueryClient(engine);
    await client.query('SELECT count(*) AS n FROM t');
    await client.query('CREATE OR REPLACE TABLE u AS SELECT 1 AS x');
    const after = await client.query('SELECT count(*) AS n FROM t');
    expect(after.getChild('n')?.get(0)).toBe(3);
    expect(client.stats.hits).toBe(0);
    await client.query('INSERT INTO t VALUES (4, \'c\')');
    expect((await client.query('SELECT count(*) AS n FROM t')).getChild('n')?.get(0)).toBe(4);
    await client.query('DELETE FROM t WHERE k = 4');
  });

  it('channel().run: the latest request wins, the earlier one is rejected as cancelled', async () => {
    const channel = new QueryClient(engine).channel();
    const first = channel.run('SELECT sum(x) AS s FROM range(3000000) r(x)');
    const second = channel.run('SELECT 41 + 1 AS v');
    await expect(first).rejects.toBeInstanceOf(QueryCancelled);
    expect((await second).getChild('v')?.get(0)).toBe(42);
    expect(channel.busy).toBe(false);
  });

  it('cancel() interrupts a runaway user query in the engine, and the engine answers at once afterwards', async () => {
    const client = new QueryClient(engine);
    const channel = client.channel();
    const started = performance.now();
    const runaway = channel.run(RUNAWAY, [], { readOnly: true });
    setTimeout(() => channel.cancel(), 300);
    await expect(runaway).rejects.toBeInstanceOf(QueryCancelled);
    expect(performance.now() - started).toBeLessThan(10_000);
    // The user connection is free again, and so is the app's.
    expect((await client.queryReadOnly('SELECT count(*) AS n FROM t')).getChild('n')?.get(0)).toBe(3);
    expect((await client.query('SELECT max(k) AS m FROM t')).getChild('m')?.get(0)).toBe(3);
  });

  it('an aborted signal stops a request before it reaches the engine', async () => {
    const client = new QueryClient(engine);
    const controller = new AbortController();
    controller.abort();
    await expect(client.query('SELECT 1', [], { signal: controller.signal })).rejects.toBeInstanceOf(QueryCancelled);
    expect(client.stats).toEqual({ hits: 0, misses: 0 });
  });
});
