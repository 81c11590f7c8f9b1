import { describe, expect, it } from 'vitest';
import { tableFromArrays, tableToIPC } from 'apache-arrow';
import { DataLoadError, loadSampleData, type ArrowLoader } from './load-data.ts';
import { NodeConnector } from './node-connector.ts';
import { isOutOfMemory } from './out-of-memory.ts';

/** DuckDB's own error when a statement needs more memory than it may use (no spilling to disk, as in the browser). */
async function realOutOfMemory(): Promise<unknown> {
  const db = await NodeConnector.open();
  try {
    await db.query("SET memory_limit = '8MB'");
    await db.query("SET temp_directory = ''");
    return await db.query("CREATE TABLE big AS SELECT range AS i, repeat('x', 100) || range::VARCHAR AS s FROM range(2000000)").then(
      () => new Error('no error'),
      (error: unknown) => error,
    );
  } finally {
    await db.close();
  }
}

describe('isOutOfMemory(error)', () => {
  it("recognises DuckDB's out-of-memory error and the browser's failed allocation, not other failures", async () => {
    expect(isOutOfMemory(await realOutOfMemory())).toBe(true);
    expect(isOutOfMemory(new RangeError('Array buffer allocation failed'))).toBe(true);
    expect(isOutOfMemory(new Error('Binder Error: Referenced column "x" not found'))).toBe(false);
    expect(isOutOfMemory(new Error('Invalid IPC stream'))).toBe(false);
  });
});

describe('loadSampleData when the engine runs out of memory', () => {
  it('says in Swedish that the browser lacks memory (the 4 GB limit), not that the file is damaged', async () => {
    const oom = await realOutOfMemory();
    const db = Object.assign(await NodeConnector.open(), {
      loadArrow: () => Promise.reject(oom),
    }) as ArrowLoader;
    const ipc = tableToIPC(tableFromArrays({ hushall_id: ['a'], manad: ['2020-01'], utbetalt_kr: [1] }), 'stream');
    const fetcher = (async () => new Response(new Blob([ipc as Uint8Array<ArrayBuffer>]))) as typeof fetch;
    try {
      const error = await loadSampleData(db, 'data/stor.arrow', fetcher).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DataLoadError);
      expect((error as DataLoadError).message).toMatch(/^Webbläsaren har inte minne nog för datafilen \(0 MB\): .*högst 4 GB/);
      expect((error as DataLoadError).message).not.toMatch(/skadad/);
    } finally {
      await db.close();
    }
  });
});
