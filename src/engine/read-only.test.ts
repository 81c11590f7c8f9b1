import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeConnector } from './node-connector.ts';
import { QueryError } from './connector.ts';
import { allowedStart, firstKeyword } from './read-only.ts';

describe('firstKeyword(sql) / allowedStart(sql)', () => {
  it.each([
    ['select 1', 'SELECT', true],
    ['  -- note\n /* x */ (WITH a AS (SELECT 1) SELECT * FROM a)', 'WITH', true],
    ['FROM utbetalningar', 'FROM', true],
    ['DESCRIBE utbetalningar', 'DESCRIBE', true],
    ['/* SELECT */ DROP TABLE perioder', 'DROP', false],
    ['-- SELECT\nCREATE OR REPLACE TABLE utbetalningar AS SELECT 1', 'CREATE', false],
    ["ATTACH 'http://127.0.0.1/x.db'", 'ATTACH', false],
    ['SET enable_external_access = true', 'SET', false],
    ['PRAGMA threads = 1', 'PRAGMA', false],
    ['', '', false],
  ])('%j → %s, allowed %s', (sql, keyword, allowed) => {
    expect(firstKeyword(sql)).toBe(keyword);
    expect(allowedStart(sql)).toBe(allowed);
  });
});

describe('NodeConnector.queryReadOnly(sql, params) on the real engine', () => {
  let db: NodeConnector;
  // Hand-worked: three rows 10 + 20 + 30 kr, so any write that got through would change these figures.
  const state = async () => (await db.query('SELECT count(*)::INTEGER AS n, sum(kr)::INTEGER AS s FROM t')).toArray()[0]?.toJSON();

  beforeAll(async () => {
    db = await NodeConnector.open();
    await db.query("CREATE TABLE t AS SELECT * FROM (VALUES ('a', 10), ('b', 20), ('c', 30)) v(id, kr)");
    await db.query('CREATE TABLE perioder AS SELECT 1 AS x');
  });
  afterAll(async () => db.close());

  it('reads, with bound values, and DESCRIBE / SUMMARIZE / EXPLAIN work', async () => {
    const t = await db.queryReadOnly('SELECT sum(kr)::INTEGER AS s FROM t WHERE kr > ?', [15]);
    expect(t.getChild('s')?.get(0)).toBe(50);
    expect((await db.queryReadOnly('DESCRIBE t')).numRows).toBe(2);
    expect((await db.queryReadOnly('SUMMARIZE t')).numRows).toBe(2);
    expect((await db.queryReadOnly('EXPLAIN SELECT * FROM t')).numRows).toBeGreaterThan(0);
  });

  it.each([
    'CREATE OR REPLACE TABLE t AS SELECT 1 AS id, 999 AS kr',
    'DROP TABLE perioder',
    "INSERT INTO t VALUES ('d', 40)",
    'UPDATE t SET kr = 0',
    'DELETE FROM t',
    // Starts like a query, so only DuckDB's read-only transaction can stop it.
    "WITH x AS (SELECT 1) INSERT INTO t VALUES ('e', 50)",
    'EXPLAIN ANALYZE CREATE OR REPLACE TABLE t AS SELECT 1 AS id, 1 AS kr',
    'SELECT 1; DROP TABLE t',
    'COMMIT',
    'SET threads = 1',
    "ATTACH ':memory:' AS other",
    "COPY t TO '/tmp/should-not-exist.csv'",
    'CHECKPOINT',
  ])('refuses %j with the Swedish message and changes nothing', async (sql) => {
    const error = await db.queryReadOnly(sql).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QueryError);
    expect((error as Error).message).toMatch(/kan bara läsa data|en sats i taget/);
    expect(await state()).toEqual({ n: 3, s: 60 });
    expect((await db.query("SELECT count(*)::INTEGER AS n FROM information_schema.tables WHERE table_name = 'perioder'")).getChild('n')?.get(0)).toBe(1);
  });

  it('keeps working after a refusal and when calls overlap (queued, one transaction at a time)', async () => {
    await db.queryReadOnly('DROP TABLE t').catch(() => undefined);
    await db.queryReadOnly("WITH x AS (SELECT 1) DELETE FROM t").catch(() => undefined);
    const sums = await Promise.all([10, 20, 30, 40].map((min) => db.queryReadOnly('SELECT count(*)::INTEGER AS n FROM t WHERE kr >= ?', [min])));
    expect(sums.map((t) => t.getChild('n')?.get(0))).toEqual([3, 2, 1, 0]);
    // The app's own connection still writes: only user SQL is read-only.
    await db.query("INSERT INTO t VALUES ('d', 40)");
    expect(await state()).toEqual({ n: 4, s: 100 });
    await db.query("DELETE FROM t WHERE id = 'd'");
  });
});

describe('queryReadOnly with file access switched off, as in the browser', () => {
  it('explains in Swedish that files and URLs cannot be opened', async () => {
    const db = await NodeConnector.open();
    await db.query('SET enable_external_access = false');
    await db.query('SET lock_configuration = true');
    for (const sql of ["SELECT * FROM read_csv('/etc/hostname')", "FROM read_text('/etc/passwd')"]) {
      await expect(db.queryReadOnly(sql)).rejects.toThrow(/får inte läsa eller skriva filer eller webbadresser/);
    }
    // SQL cannot switch it back on: the configuration is locked (and SET is not a reading statement anyway).
    await expect(db.query('SET enable_external_access = true')).rejects.toThrow(/locked/);
    await db.close();
  });
});
