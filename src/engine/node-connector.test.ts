import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeConnector } from './node-connector.ts';
import { QueryError } from './connector.ts';
import { sql } from './sql.ts';

describe('NodeConnector.query(sql, params) → Arrow table', () => {
  let db: NodeConnector;
  beforeAll(async () => {
    db = await NodeConnector.open();
  });
  afterAll(async () => db.close());

  it('binds values instead of splicing them into the SQL text', async () => {
    const evil = "x'; DROP TABLE t; --";
    const q = sql`SELECT ${evil} AS v, ${42} AS n`;
    expect(q.text).toBe('SELECT ? AS v, ? AS n');
    const t = await db.query(q.text, q.params);
    expect(t.getChild('v')?.get(0)).toBe(evil);
    expect(t.getChild('n')?.get(0)).toBe(42);
  });

  it('returns 64-bit integers and sums as plain numbers, like the WASM adapter', async () => {
    const t = await db.query('SELECT 9007199254740::BIGINT AS big, sum(x) AS s, 1.25::DECIMAL(5,2) AS d FROM range(4) r(x)');
    expect(t.toArray()[0]?.toJSON()).toEqual({ big: 9007199254740, s: 6, d: 1.25 });
  });

  it('keeps nulls and strings', async () => {
    const t = await db.query("SELECT * FROM (VALUES ('a', NULL), ('b', 2)) v(k, n) ORDER BY k");
    expect(t.numRows).toBe(2);
    expect(t.getChild('n')?.get(0)).toBeNull();
    expect(t.getChild('k')?.get(1)).toBe('b');
  });

  it('throws a QueryError carrying DuckDB’s message and the SQL', async () => {
    const bad = 'SELECT * FROM no_such_table';
    await expect(db.query(bad)).rejects.toBeInstanceOf(QueryError);
    await expect(db.query(bad)).rejects.toThrow(/no_such_table/);
  });
});
