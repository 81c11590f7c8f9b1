import { describe, expect, it } from 'vitest';
import { tableFromArrays, tableToIPC } from 'apache-arrow';
import { NodeConnector } from './node-connector.ts';
import { loadArrowNative } from './node-arrow-load.ts';
import { LazyTables } from './lazy-tables.ts';

const rows = (ids: string[]) => tableToIPC(tableFromArrays({ hushall_id: ids }), 'stream');

describe('LazyTables: data replaced while a deferred load runs', () => {
  it('writes the new rows after the old load finishes, so the old rows never come back', async () => {
    const inner = await NodeConnector.open();
    const loader = Object.assign(inner, { loadArrow: (table: string, ipc: Uint8Array) => loadArrowNative(inner, table, ipc) });
    const lazy = new LazyTables(loader);
    const db = lazy.wrap(loader);
    let release!: () => void;
    const slow = new Promise<void>((ok) => (release = ok));
    // The sample's raw rows, deferred and slow to arrive (a big file over the network).
    lazy.register('utbetalningar', async (raw) => {
      await slow;
      await (raw as typeof loader).loadArrow('utbetalningar', rows(['gammal-1', 'gammal-2', 'gammal-3']));
    });
    const reading = db.query('SELECT count(*) AS n FROM utbetalningar');
    // The user imports their own file before the deferred load has finished.
    const replacing = db.loadArrow('utbetalningar', rows(['ny-1']));
    // The new rows would be in place by now; only then does the old load arrive.
    await new Promise((ok) => setTimeout(ok, 300));
    release();
    await reading;
    await replacing;
    const ids = (await db.query('SELECT hushall_id FROM utbetalningar ORDER BY 1')).getChild('hushall_id')!.toArray();
    expect(Array.from(ids)).toEqual(['ny-1']);
    expect(lazy.isPending('utbetalningar')).toBe(false);
    await db.close();
  });
});
