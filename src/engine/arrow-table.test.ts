import { describe, expect, it } from 'vitest';
import { tableFromArrays, tableToIPC, type Table } from 'apache-arrow';
import { insertArrowTable } from './arrow-table.ts';
import type { ArrowLoader } from './load-data.ts';
import { loadArrowNative } from './node-arrow-load.ts';
import { NodeConnector } from './node-connector.ts';

/** Native DuckDB as the browser's ArrowLoader, noting every statement and every Arrow slice it is given. */
async function nativeLoader(): Promise<{ db: ArrowLoader & NodeConnector; slices: number[]; statements: string[] }> {
  const native = await NodeConnector.open();
  const slices: number[] = [];
  const statements: string[] = [];
  const query = native.query.bind(native);
  const db = Object.assign(native, {
    async loadArrow(table: string, ipc: Uint8Array) {
      const { tableFromIPC } = await import('apache-arrow');
      slices.push(tableFromIPC(ipc).numRows);
      await loadArrowNative(native, table, ipc);
    },
    query: (sql: string, params?: readonly (string | number | boolean | null)[]) => {
      statements.push(sql);
      return query(sql, params);
    },
  });
  return { db, slices, statements };
}

/** Three record batches of 2, 2 and 3 rows; every text column has a dictionary of its own per batch. */
function threeBatches(): Uint8Array {
  const parts: Table[] = [
    tableFromArrays({ id: Int32Array.from([1, 2]), enhet: ['Norr', 'Söder'] }),
    tableFromArrays({ id: Int32Array.from([3, 4]), enhet: ['Väster', 'Norr'] }),
    tableFromArrays({ id: Int32Array.from([5, 6, 7]), enhet: ['Centrum', 'Centrum', 'Öster'] }),
  ];
  return tableToIPC(parts[0]!.concat(...parts.slice(1)), 'stream');
}

describe('insertArrowTable(db, name, ipc, rows?, limits) on DuckDB', () => {
  it('appends slice by slice and ends with exactly the rows of the stream, no scratch table left', async () => {
    const { db, slices, statements } = await nativeLoader();
    try {
      await insertArrowTable(db, 't', threeBatches(), 7, { sliceRows: 2, sliceBytes: 1 });
      // Flushed after each batch, since each reaches the 2-row slice size.
      expect(slices).toEqual([2, 2, 3]);
      // Hand-worked: ids 1..7 sum to 28; the text values in stream order.
      const t = await db.query('SELECT count(*)::INTEGER AS n, sum(id)::INTEGER AS s, string_agg(enhet, \',\' ORDER BY id) AS e FROM t');
      expect(t.getChild('n')?.get(0)).toBe(7);
      expect(t.getChild('s')?.get(0)).toBe(28);
      expect(t.getChild('e')?.get(0)).toBe('Norr,Söder,Väster,Norr,Centrum,Centrum,Öster');
      const scratch = await db.query("SELECT count(*)::INTEGER AS n FROM information_schema.tables WHERE table_name = 't_del'");
      expect(scratch.getChild('n')?.get(0)).toBe(0);
      // Each slice is compressed before the next comes in.
      expect(statements.filter((s) => s === 'CHECKPOINT')).toHaveLength(3);
    } finally {
      await db.close();
    }
  });

  it('slices a stream of unknown row count only when it is larger than sliceBytes', async () => {
    const ipc = threeBatches();
    const small = await nativeLoader();
    const large = await nativeLoader();
    try {
      await insertArrowTable(small.db, 't', ipc, undefined, { sliceRows: 2, sliceBytes: ipc.byteLength });
      expect(small.slices).toEqual([7]);
      await insertArrowTable(large.db, 't', ipc, undefined, { sliceRows: 4, sliceBytes: ipc.byteLength - 1 });
      // 2 + 2 rows reach the 4-row slice; the last 3 rows are the remainder.
      expect(large.slices).toEqual([4, 3]);
      const t = await large.db.query('SELECT count(*)::INTEGER AS n, sum(id)::INTEGER AS s FROM t');
      expect([t.getChild('n')?.get(0), t.getChild('s')?.get(0)]).toEqual([7, 28]);
    } finally {
      await small.db.close();
      await large.db.close();
    }
  });
});
