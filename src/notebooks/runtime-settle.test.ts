/**
 * Every run() the page starts must end with every cell settled, also when it starts at the moment the
 * previous run is finishing. In the browser, Svelte reacts to a snapshot in a microtask; the notebook
 * page's effect for a new metrics model (and a URL change) then calls invalidate() and run(). A run()
 * that lands after the scheduler's last pass but before its loop is marked finished used to start the
 * first cells and return the finishing loop: nobody scheduled their dependants, which stayed
 * 'pending' for good (`npm run report` waited forever, about one run in eight).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeConnector } from '../engine/node-connector.ts';
import { parseNotebook } from './parse.ts';
import { createRuntime, type RuntimeSnapshot } from './runtime.ts';

const nb = parseNotebook(
  [
    '```sql summa\nSELECT sum(utbetalt_kr) AS kr FROM utbetalningar\n```',
    '```sql dubbelt\nSELECT kr * 2 AS kr2 FROM ${summa}\n```',
  ].join('\n\n') + '\n',
);

interface Column {
  get(i: number): unknown;
}
const first = (snap: RuntimeSnapshot, cell: string, column: string) =>
  Number((snap.cells[cell]?.result as { getChild(n: string): Column } | undefined)?.getChild(column).get(0));

/** Resolves with `promise`'s value, or rejects when it has not settled within `ms`. */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: not settled after ${ms} ms`)), ms)));
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

describe('a run started while the previous run is finishing (real DuckDB)', () => {
  let db: NodeConnector;
  beforeAll(async () => {
    db = await NodeConnector.open();
    await db.query(`CREATE TABLE utbetalningar AS SELECT * FROM (VALUES (1000), (3000), (2000)) v(utbetalt_kr)`);
  });
  afterAll(async () => db.close());

  it('settles every cell: the dependants of the cells it starts run too', async () => {
    const rt = createRuntime(nb, { runSql: (q) => db.query(q.text, q.params) });
    let rerun: Promise<void> | undefined;
    let settled = 0;
    // Like the page: a microtask after a snapshot (Svelte's effect flush) the data's model changes, so
    // every cell is invalidated and run again. The last cell's settling is the first snapshot with every
    // cell ok; the scheduler's last pass publishes the second, the one just before the run ends.
    rt.subscribe((snap) => {
      if (rerun || !Object.values(snap.cells).every((c) => c.status === 'ok') || ++settled < 2) return;
      rerun = Promise.resolve().then(() => {
        rt.invalidate();
        return rt.run();
      });
    });
    await within(rt.run(), 5_000, 'first run');
    expect(rerun).toBeDefined();
    await within(rerun!, 5_000, 'second run');
    // Whatever the run() promise says, the page waits for cells: give a stuck scheduler time to show.
    for (let i = 0; i < 50 && rt.snapshot().cells.dubbelt?.status !== 'ok'; i++) await new Promise((r) => setTimeout(r, 20));
    const snap = rt.snapshot();
    expect(Object.fromEntries(Object.entries(snap.cells).map(([n, c]) => [n, c.status]))).toEqual({ summa: 'ok', dubbelt: 'ok' });
    expect(snap.running).toBe(false);
    // 1 000 + 3 000 + 2 000 = 6 000, doubled 12 000; each cell ran twice (start, invalidation).
    expect(first(snap, 'summa', 'kr')).toBe(6_000);
    expect(first(snap, 'dubbelt', 'kr2')).toBe(12_000);
    expect([rt.executions('summa'), rt.executions('dubbelt')]).toEqual([2, 2]);
  });
});
