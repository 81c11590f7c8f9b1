import type { Table } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeConnector } from '../engine/node-connector.ts';
import { cubeHouseholdMonths, cubeVeryLongTerm, loadMonthCube, type MonthCube } from '../metrics/month-cube.ts';
import { prepareMetrics, publishModel } from '../metrics/prepare.ts';
import type { MetricsModel } from '../metrics/types.ts';
import { metricCellSql } from './metric-cell.ts';
import { parseNotebook } from './parse.ts';
import { createRuntime, type RuntimeHost, type Runtime } from './runtime.ts';

// A brush notebook: the trend chart selects the period; `manad` and `hinder` follow it, `lang` ignores it.
const NOTEBOOK = parseNotebook(
  [
    '```input period\ntype: period\nlabel: Period\nfrom: 2025-01\nto: 2025-12\n```',
    '```metric manad\nmeasure: households\ngrouping: month\n```',
    '```metric hinder\nmeasure: households\ngrouping: forsorjningshinder\n```',
    '```metric mycket\nmeasure: veryLongTerm\ngrouping: month\n```',
    '```metric lang\nmeasure: longTerm\ngrouping: year\nexclude: period\n```',
    '```chart hinder_diagram\ntype: bar\ndata: hinder\nx: grupp\ny: households\n```',
    '```sql lang_rader\nSELECT count(*) AS n FROM ${lang}\n```',
  ].join('\n\n') + '\n',
);
// A cross join typed by mistake: 10^12 rows, hours of work unless interrupted.
const RUNAWAY = parseNotebook(
  [
    '```input period\ntype: period\nfrom: 2025-01\nto: 2025-12\n```',
    '```sql runaway\nSELECT count(*) AS n FROM range(1000000) a(x), range(1000000) b(y) WHERE (a.x * b.y) % 7 = length(${period.from})\n```',
  ].join('\n\n') + '\n',
);

const values = (t: unknown, column: string) => Array.from((t as Table).getChild(column)!.toArray() as ArrayLike<unknown>);

describe('notebook crossfilter: fast answers from the month cube, SQL only where the cube cannot answer', () => {
  let db: NodeConnector;
  let model: MetricsModel;
  let cube: MonthCube;
  let sqlRuns: string[];
  let host: RuntimeHost<Table>;
  beforeAll(async () => {
    db = await NodeConnector.open();
    await db.loadFile('utbetalningar', 'data/utbetalningar.parquet');
    model = await prepareMetrics(db);
    await publishModel(db, model);
    cube = await loadMonthCube(db, model);
    sqlRuns = [];
    host = {
      runSql: (q, signal) => {
        sqlRuns.push(q.text);
        return db.queryReadOnly(q.text, q.params, { signal });
      },
      metricSql: (spec, filters) => metricCellSql(model, spec, filters),
      fastMetric: (spec, filters) => {
        const a = spec.measure === 'households' ? cubeHouseholdMonths(cube, filters, spec.grouping) : spec.measure === 'veryLongTerm' ? cubeVeryLongTerm(cube, filters, spec.grouping) : null;
        return a && { result: a.table, complete: a.complete };
      },
    };
  });
  afterAll(async () => db.close());

  /** Runs until the background completion of fast answers is done too. */
  async function settled(rt: Runtime): Promise<void> {
    await rt.run();
    for (let i = 0; i < 200 && Object.values(rt.snapshot().cells).some((c) => c.refining); i++) await new Promise((r) => setTimeout(r, 10));
  }

  it('setInputsAndRun publishes the brush once: the cube-answered cells go from old figures to new without a pending snapshot', async () => {
    const rt = createRuntime(NOTEBOOK, host);
    await settled(rt);
    const seen: { manad: string | undefined; grupp: unknown }[] = [];
    const stop = rt.subscribe((s) => seen.push({ manad: s.cells.manad?.status, grupp: s.cells.manad?.result ? values(s.cells.manad.result, 'grupp')[0] : undefined }));
    const running = rt.setInputsAndRun({ period: { from: '2024-03', to: '2024-08' } });
    // The first snapshot after the change already has the new months, answered by the cube.
    expect(seen[0]).toEqual({ manad: 'ok', grupp: '2024-03' });
    await running;
    stop();
    expect(seen.some((s) => s.manad !== 'ok')).toBe(false);
    // A bad value throws its Swedish message and publishes nothing.
    seen.length = 0;
    expect(() => rt.setInputsAndRun({ period: { from: '2024-09', to: '2024-02' } })).toThrow();
    expect(seen).toEqual([]);
  });

  it('a brush redraws the period cells from the cube, leaves the others untouched, and completes distinct counts by SQL', async () => {
    const rt = createRuntime(NOTEBOOK, host);
    await settled(rt);
    const before = rt.snapshot().cells;
    sqlRuns.length = 0;

    rt.setInput('period', { from: '2024-03', to: '2024-08' });
    await rt.run();
    const fast = rt.snapshot().cells;
    // The figures are there when run() resolves, without any statement sent for manad or mycket.
    expect(values(fast.manad!.result, 'grupp')).toEqual(['2024-03', '2024-04', '2024-05', '2024-06', '2024-07', '2024-08']);
    expect(fast.mycket!.status).toBe('ok');
    expect(sqlRuns).toEqual([]);
    // The bar chart's distinct counts are not in the cube: shown first without them, then completed.
    expect(fast.hinder!.refining).toBe(true);
    // Cells whose inputs did not change keep the very same state object: their views are not redrawn.
    expect(fast.lang).toBe(before.lang);
    expect(fast.lang_rader).toBe(before.lang_rader);

    await settled(rt);
    const done = rt.snapshot().cells;
    expect(done.hinder!.refining).toBeUndefined();
    const q = metricCellSql(model, { measure: 'households', grouping: 'forsorjningshinder' }, { from: '2024-03', to: '2024-08' });
    const viaSql = await db.query(q.text, q.params);
    expect(values(done.hinder!.result, 'households')).toEqual(values(viaSql, 'households'));
    expect(values(done.hinder_diagram!.result, 'households')).toEqual(values(viaSql, 'households'));
    // And the fast month figures equal the metric's SQL for the same brush.
    const m = metricCellSql(model, { measure: 'households', grouping: 'month' }, { from: '2024-03', to: '2024-08' });
    const monthSql = await db.query(m.text, m.params);
    for (const c of ['households', 'paid_kr', 'children', 'e_share', 'persons']) {
      const sqlValues = values(monthSql, c).map(Number);
      values(done.manad!.result, c).forEach((v, i) => expect(Number(v)).toBeCloseTo(sqlValues[i]!, 6));
    }
    rt.dispose();
  });

  it('a brush settles cube cells and their charts within the call; statements wait until the page has painted', async () => {
    const nb = parseNotebook(
      [
        '```input period\ntype: period\nlabel: Period\nfrom: 2025-01\nto: 2025-12\n```',
        '```metric manad\nmeasure: households\ngrouping: month\n```',
        '```chart manad_diagram\ntype: line\ndata: manad\nx: grupp\ny: avg_households\n```',
        '```sql summa\nSELECT sum(paid_kr) AS kr FROM ${manad}\n```',
      ].join('\n\n') + '\n',
    );
    // The first run paints at once; for the brush the test says when the page has painted.
    let hold = false;
    let painted: () => void = () => undefined;
    const gated: RuntimeHost<Table> = { ...host, afterPaint: () => (hold ? new Promise<void>((resolve) => (painted = resolve)) : Promise.resolve()) };
    const rt = createRuntime(nb, gated);
    await rt.run();
    const summaBefore = rt.snapshot().cells.summa!;
    hold = true;
    sqlRuns.length = 0;
    const drawn: string[] = [];
    rt.subscribe((s) => drawn.push(`${s.cells.manad!.status}/${s.cells.manad_diagram!.status}`));

    rt.setInput('period', { from: '2024-03', to: '2024-05' });
    const done = rt.run();
    // No await: the cube's figures and the chart drawn from them are already there, in one snapshot
    // after the input's own, and nothing has been sent to the engine yet.
    const now = rt.snapshot().cells;
    expect(values(now.manad_diagram!.result, 'grupp')).toEqual(['2024-03', '2024-04', '2024-05']);
    expect(drawn).toEqual(['pending/pending', 'ok/ok']);
    // Until that paint the SQL cell shows its last settled state, the very object (so its view is
    // not redrawn in the brush's frame); its "räknar …" state follows once the page has painted.
    expect(now.summa).toBe(summaBefore);
    await new Promise((r) => setTimeout(r, 50));
    expect(sqlRuns).toEqual([]);
    expect(rt.snapshot().cells.summa).toBe(summaBefore);

    painted();
    await new Promise((r) => setTimeout(r, 0));
    expect(rt.snapshot().cells.summa!.status).toBe('running');
    await done;
    expect(sqlRuns).toHaveLength(1);
    // The statement computes the months' paid amounts itself; plain SQL over the raw rows (paid rows only).
    const raw = await db.query(`SELECT sum(utbetalt_kr) AS kr FROM utbetalningar WHERE utbetalt_kr > 0 AND manad BETWEEN '2024-03' AND '2024-05'`);
    expect(Number(values(rt.snapshot().cells.summa!.result, 'kr')[0])).toBeCloseTo(Number(values(raw, 'kr')[0]), 4);
    rt.dispose();
  });

  it('cancel(name) stops a runaway SQL cell in the engine; the engine answers the next statement at once', async () => {
    const rt = createRuntime(RUNAWAY, host);
    const running = rt.run();
    await new Promise((r) => setTimeout(r, 300));
    expect(rt.snapshot().cells.runaway!.status).toBe('running');
    rt.cancel('runaway');
    await running;
    expect(rt.snapshot().cells.runaway).toMatchObject({ status: 'error', error: expect.stringContaining('Avbröts') });
    const t0 = performance.now();
    await db.queryReadOnly('SELECT 1 AS x');
    expect(performance.now() - t0).toBeLessThan(2000);
    rt.dispose();
  });
});
