import { describe, expect, it } from 'vitest';
import { typePlaceholders, viaVariable } from './placeholders.ts';
import { NodeConnector } from './node-connector.ts';

describe('typePlaceholders(text, params)', () => {
  it.each([
    ['SELECT * FROM range(?, ?)', [1, 5], 'SELECT * FROM range(CAST(? AS BIGINT), CAST(? AS BIGINT))'],
    ['SELECT ? + ?', [1.5, 'a'], 'SELECT CAST(? AS DOUBLE) + ?'],
    ["SELECT '?', \"a?\", ? -- ?\n, ? /* ? */", [1, 2], "SELECT '?', \"a?\", CAST(? AS BIGINT) -- ?\n, CAST(? AS BIGINT) /* ? */"],
    ["SELECT 'it''s ?', ?", [7], "SELECT 'it''s ?', CAST(? AS BIGINT)"],
    ['SELECT ?, ?', ['x', null], 'SELECT ?, ?'],
  ])('%s', (text, params, expected) => {
    expect(typePlaceholders(text, params)).toBe(expected);
  });

  it('keeps a query binding on the real engine, with integer semantics', async () => {
    const db = await NodeConnector.open();
    const text = typePlaceholders('SELECT count(*) AS n, typeof(?) AS t FROM range(?, ?)', [3, 2, 7]);
    const t = await db.query(text, [3, 2, 7]);
    expect(t.toArray()[0]?.toJSON()).toEqual({ n: 5, t: 'BIGINT' });
    await db.close();
  });
});

describe('viaVariable(sql, params) on native DuckDB', () => {
  it('gives the same answer as binding the values to the prepared statement', async () => {
    const db = await NodeConnector.open();
    try {
      const text = "SELECT ? AS s, ? + 1 AS n, ? IS NULL AS z, '?' AS q, count(*) AS c FROM range(10) r(x) WHERE x < ? -- ?";
      const params = ["it's", 41, null, 4];
      const direct = await db.query(text, params);
      const { set, text: reading } = viaVariable(text, params);
      expect(reading).not.toContain("it's");
      await db.query(set!, params);
      const viaVar = await db.query(reading);
      expect(viaVar.toArray()[0]?.toJSON()).toEqual(direct.toArray()[0]?.toJSON());
      expect(direct.toArray()[0]?.toJSON()).toEqual({ s: "it's", n: 42, z: true, q: '?', c: 4 });
    } finally {
      await db.close();
    }
  });
});
