/**
 * The crossfilter and the Nyckeltal filter change, timed on the Månadsrapport notebook (issue 11):
 * a brush on the trend chart and a click on a bar, in headless Chromium on the real page and, in the
 * same run, natively: the same notebook runtime over `NodeConnector` issuing the same statements,
 * once with the month cube (what the page does) and once with every metric cell as SQL (the old path).
 *
 * Two times per browser action, each to the paint that shows it (the frame whose animation callback
 * first sees the state, timed once that frame is painted), with the chart acted on scrolled into
 * view: until the cube-answered figures on screen are redrawn (the runtime has answered the KPI cards, bar
 * charts and the barn chart; those far from the screen are redrawn when scrolled near) and until
 * every dependent cell is done (including SQL cells such as the budget
 * table, the flow chart and the share table, and the SQL that completes the cube's figures with
 * distinct household counts), so the next action starts on a settled page. Each action uses a range or bar not used before, so
 * the query cache cannot answer it.
 */
import { readFile } from 'node:fs/promises';
import type { Table } from 'apache-arrow';
import type { Browser, Page } from 'playwright-core';
import { NodeConnector } from '../../engine/node-connector.ts';
import { cubeHouseholdMonths, cubeVeryLongTerm, loadMonthCube } from '../../metrics/month-cube.ts';
import { fromMonthIndex } from '../../metrics/month.ts';
import { prepareMetrics, publishModel } from '../../metrics/prepare.ts';
import { loadBudget, parseBudgetCsv } from '../../notebooks/budget.ts';
import { metricCellSql } from '../../notebooks/metric-cell.ts';
import { parseNotebook } from '../../notebooks/parse.ts';
import { createRuntime, type RuntimeHost } from '../../notebooks/runtime.ts';
import { loadMetricsPage } from '../../metrics/page-data.ts';
import type { BenchDataset } from './datasets.ts';
import type { MeasuredRow } from './dataset-bench.ts';
import { median } from './stats.ts';

/** Cells of the Månadsrapport the month cube answers (their charts), and one SQL cell that follows the period. */
const FAST_CELLS = ['aktiva', 'mycket_kpi', 'hinder_diagram', 'typ_diagram', 'barn_diagram'];

const PAGE_CODE = `
window.__runs = (name) => Number(document.querySelector('[data-cell="' + name + '"]')?.dataset.runs ?? 0);
window.__ok = (names) => names.every((n) => document.querySelector('[data-cell="' + n + '"]')?.dataset.status === 'ok');
// Every one of the cells on screen draws the state the runtime has (data-deferred is set only on charts
// far from the screen, which are redrawn when they come near: src/ui/notebooks/nearness.svelte.ts).
window.__drawnInView = (names) => names.every((n) => { const c = document.querySelector('[data-cell="' + n + '"]'); const r = c.getBoundingClientRect(); return r.bottom <= 0 || r.top >= innerHeight || !c.hasAttribute('data-deferred'); });
// Idle: the run is over and no cell is running, waiting or refining (the cube's figures completed by SQL).
window.__idle = () => { const a = document.querySelector('article.notebook'); return a && a.dataset.running === 'false' && !document.querySelector('[data-status="running"],[data-status="pending"],[data-refining]'); };
// One frame: \`check\` runs in the frame's animation callback, which sees the DOM that frame paints, and
// the answer comes with the time the frame was painted (a message posted there is handled after the
// paint). Two animation frames in a row would add a whole frame after the one that shows the figures.
window.__frame = (check) => new Promise((r) => requestAnimationFrame(() => { const shown = check(); const c = new MessageChannel(); c.port1.onmessage = () => r([shown, performance.now()]); c.port2.postMessage(0); }));
// Acts, then resolves with [ms until the first paint showing the fast cells rerun, ms until the paint after every cell is done].
window.__measure = async (act, fast, witness) => {
  const before = window.__runs(witness);
  const check = () => window.__runs(witness) > before && window.__ok(fast) && window.__drawnInView(fast);
  const t0 = performance.now();
  // The first frame is asked for before acting, so its message is the first task after that frame's
  // paint: the page's own after-paint work (the URL, starting SQL cells) is queued behind it.
  let frame = window.__frame(check);
  act();
  let fastMs = null;
  for (;;) {
    if (fastMs === null) {
      const [shown, at] = await frame;
      if (shown) fastMs = at - t0;
      else frame = window.__frame(check);
    } else {
      const [idle, at] = await window.__frame(window.__idle);
      if (idle) return [fastMs, at - t0];
    }
    if (performance.now() - t0 > 60000) throw new Error('sidan blev aldrig klar');
  }
};
window.__brush = (a, b) => {
  const r = document.querySelector('[data-cell="trend_diagram"] rect.overlay');
  const box = r.getBoundingClientRect();
  const ev = (type, f) => r.dispatchEvent(new PointerEvent(type, { bubbles: true, pointerId: 1, clientX: box.left + box.width * f, clientY: box.top + 5 }));
  ev('pointerdown', a); ev('pointermove', b); ev('pointerup', b);
};
window.__bar = (i) => document.querySelectorAll('[data-cell="typ_diagram"] g.bar')[i].dispatchEvent(new MouseEvent('click', { bubbles: true }));
`;

async function openNotebook(browser: Browser, url: string): Promise<Page> {
  // The measuring code is injected as text, which the app's Content Security Policy forbids; the bench bypasses it.
  const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.on('close', () => void context.close());
  await page.addInitScript(PAGE_CODE);
  await page.goto(url);
  await page.waitForFunction('window.__idle() && window.__ok(["trend_diagram"])', null, { timeout: 600_000 });
  return page;
}

/** Brush (new range each time) and bar click (select, clear) on the real page: [fast, all] samples. */
export async function browserCrossfilter(browser: Browser, url: string, runs: number): Promise<Record<'brushFast' | 'brushAll' | 'barFast' | 'barAll', number[]>> {
  const page = await openNotebook(browser, url);
  const out = { brushFast: [] as number[], brushAll: [] as number[], barFast: [] as number[], barAll: [] as number[] };
  // As a user has it: the chart being dragged (or clicked) is on screen, with what is around it.
  await page.evaluate(`document.querySelector('[data-cell="trend_diagram"]').scrollIntoView({ block: 'center' })`);
  for (let i = 0; i <= runs; i++) {
    const a = 0.3 + 0.03 * i;
    const [fast, all] = (await page.evaluate(`window.__measure(() => window.__brush(${a}, ${a + 0.25}), ${JSON.stringify(FAST_CELLS)}, 'aktiva')`)) as number[];
    if (i === 0) continue;
    out.brushFast.push(fast!);
    out.brushAll.push(all!);
  }
  await page.evaluate(`document.querySelector('[data-cell="typ_diagram"]').scrollIntoView({ block: 'center' })`);
  for (let i = 0; i <= runs; i++) {
    // Bars 0, 0 (clear), 1, 1 (clear), …: a selection and its clearing are both crossfilter updates.
    const [fast, all] = (await page.evaluate(`window.__measure(() => window.__bar(${Math.floor(i / 2) % 5}), ${JSON.stringify(FAST_CELLS.filter((c) => c !== 'typ_diagram'))}, 'aktiva')`)) as number[];
    if (i === 0) continue;
    out.barFast.push(fast!);
    out.barAll.push(all!);
  }
  await page.close();
  return out;
}

/** The same notebook natively: brush and bar click with the cube (as the page) and with SQL only. */
export async function nativeCrossfilter(parquet: string, runs: number): Promise<Record<'cube' | 'sql', { brushFast: number[]; brushAll: number[]; barFast: number[]; bar: number[] }>> {
  const db = await NodeConnector.open();
  try {
    await db.loadFile('utbetalningar', parquet);
    const model = await prepareMetrics(db);
    await publishModel(db, model);
    await loadBudget(db, parseBudgetCsv(await readFile('data/budget.csv', 'utf8')));
    const cube = await loadMonthCube(db, model);
    const notebook = parseNotebook(await readFile('src/notebooks/builtin/manadsrapport.md', 'utf8'));
    const out = {} as Record<'cube' | 'sql', { brushFast: number[]; brushAll: number[]; barFast: number[]; bar: number[] }>;
    for (const mode of ['cube', 'sql'] as const) {
      const host: RuntimeHost<Table> = {
        manadKind: 'text',
        runSql: (q, signal) => db.queryReadOnly(q.text, q.params, { signal }),
        metricSql: (spec, filters) => metricCellSql(model, spec, filters),
        ...(mode === 'cube'
          ? {
              fastMetric: (spec, filters) => {
                const a = spec.measure === 'households' ? cubeHouseholdMonths(cube, filters, spec.grouping) : spec.measure === 'veryLongTerm' ? cubeVeryLongTerm(cube, filters, spec.grouping) : null;
                return a && { result: a.table, complete: a.complete };
              },
            }
          : {}),
      };
      const rt = createRuntime(notebook, host);
      await rt.run();
      const samples = { brushFast: [] as number[], brushAll: [] as number[], barFast: [] as number[], bar: [] as number[] };
      for (let i = 0; i <= runs; i++) {
        const from = fromMonthIndex(model.lastMonth - 30 + i);
        const to = fromMonthIndex(model.lastMonth - 20 + i);
        let fastAt = 0;
        const t0 = performance.now();
        const stop = rt.subscribe((s) => {
          if (!fastAt && ['aktiva', 'hinder_diagram', 'typ_diagram'].every((n) => s.cells[n]?.status === 'ok')) fastAt = performance.now();
        });
        rt.setInput('period', { from, to });
        await rt.run();
        stop();
        if (i === 0) continue;
        samples.brushFast.push((fastAt || performance.now()) - t0);
        samples.brushAll.push(performance.now() - t0);
      }
      const types = ['ensamstående man utan barn', 'ensamstående kvinna med barn', 'sammanboende med barn'];
      for (let i = 0; i <= runs; i++) {
        let fastAt = 0;
        const t0 = performance.now();
        const stop = rt.subscribe((s) => {
          if (!fastAt && ['aktiva', 'hinder_diagram'].every((n) => s.cells[n]?.status === 'ok')) fastAt = performance.now();
        });
        rt.setInput('hushallstyp', i % 2 === 0 ? [types[(i / 2) % types.length]!] : []);
        await rt.run();
        stop();
        if (i === 0) continue;
        samples.barFast.push((fastAt || performance.now()) - t0);
        samples.bar.push(performance.now() - t0);
      }
      rt.dispose();
      out[mode] = samples;
    }
    return out;
  } finally {
    await db.close();
  }
}

/** Report rows for one dataset (browser side from `browserCrossfilter`, native from `nativeCrossfilter`). */
export function crossfilterRows(label: string, dataRows: number, browser: Awaited<ReturnType<typeof browserCrossfilter>> | null, native: Awaited<ReturnType<typeof nativeCrossfilter>>): MeasuredRow[] {
  const row = (name: string, nativeSamples: number[], wasmSamples: number[] | null, targetMs: number | null): MeasuredRow => ({
    dataset: label, rows: dataRows, name, nativeMs: median(nativeSamples), wasmMs: wasmSamples ? median(wasmSamples) : null, targetMs,
    nativeSamples, wasmSamples: wasmSamples ?? undefined,
  }) as MeasuredRow;
  return [
    row('korsfilter: pensel → kubens figurer omritade', native.cube.brushFast, browser?.brushFast ?? null, 20),
    row('korsfilter: pensel → alla beroende celler klara', native.cube.brushAll, browser?.brushAll ?? null, null),
    row('korsfilter: pensel, alla mått som SQL (native)', native.sql.brushAll, null, null),
    row('korsfilter: klick på stapel → kubens figurer omritade', native.cube.barFast, browser?.barFast ?? null, 20),
    row('korsfilter: klick på stapel → alla beroende celler klara', native.cube.bar, browser?.barAll ?? null, null),
    row('korsfilter: klick på stapel, alla mått som SQL (native)', native.sql.bar, null, null),
  ];
}

/** Filter changes never made before in the run, so the query cache cannot answer them. */
const FILTERS = ['Norr', 'Söder', 'Centrum', 'Väster'].flatMap((e) => ['', 'med', 'utan'].map((barn) => ({ enhet: e, barn })));

/** Nyckeltal filter change on the page: URL change → page `ready` and drawn. */
export async function browserNyckeltal(browser: Browser, url: string, runs: number): Promise<number[]> {
  const context = await browser.newContext({ bypassCSP: true });
  const page = await context.newPage();
  try {
    await page.goto(`${url}#/nyckeltal`);
    const ready = `document.querySelector('[data-testid="metrics-page"]')?.dataset.state === 'ready'`;
    await page.waitForFunction(ready, null, { timeout: 600_000 });
    const samples: number[] = [];
    for (let i = 0; i <= runs; i++) {
      const f = FILTERS[i % FILTERS.length]!;
      const hash = `#/nyckeltal?enhet=${encodeURIComponent(f.enhet)}${f.barn ? `&barn=${f.barn}` : ''}`;
      const ms = (await page.evaluate(`(async () => {
        const t0 = performance.now();
        location.hash = ${JSON.stringify(hash)};
        const state = () => document.querySelector('[data-testid="metrics-page"]')?.dataset.state;
        while (state() !== 'loading' && performance.now() - t0 < 30) await new Promise((r) => setTimeout(r, 1));
        while (state() !== 'ready') await new Promise((r) => setTimeout(r, 1));
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
        return performance.now() - t0;
      })()`)) as number;
      if (i > 0) samples.push(ms);
    }
    return samples;
  } finally {
    await context.close();
  }
}

/** The same filter changes natively: the page's statements (loadMetricsPage) on NodeConnector. */
export async function nativeNyckeltal(parquet: string, runs: number): Promise<number[]> {
  const db = await NodeConnector.open();
  try {
    await db.loadFile('utbetalningar', parquet);
    const model = await prepareMetrics(db);
    await publishModel(db, model);
    const samples: number[] = [];
    for (let i = 0; i <= runs; i++) {
      const f = FILTERS[i % FILTERS.length]!;
      const t0 = performance.now();
      await loadMetricsPage(db, model, { enhet: [f.enhet], ...(f.barn ? { barn: f.barn as 'med' | 'utan' } : {}) });
      if (i > 0) samples.push(performance.now() - t0);
    }
    return samples;
  } finally {
    await db.close();
  }
}

/** The Nyckeltal filter change as a report row. */
export function nyckeltalRow(label: string, dataRows: number, browser: number[] | null, native: number[]): MeasuredRow {
  return { dataset: label, rows: dataRows, name: 'Nyckeltal: filterbyte (enhet/barn, ny kombination)', nativeMs: median(native), wasmMs: browser ? median(browser) : null, targetMs: 150, nativeSamples: native, wasmSamples: browser ?? undefined } as MeasuredRow;
}

/**
 * The crossfilter and the Nyckeltal filter change for `npm run bench` (bench.ts), on the dataset the
 * bench site already serves: the native reference first (same data, same statements), then the page.
 */
export async function benchCrossfilter(browser: Browser, baseUrl: string, ds: BenchDataset, dataRows: number, runs: number): Promise<MeasuredRow[]> {
  const native = await nativeCrossfilter(ds.parquet, runs);
  const nativeNk = await nativeNyckeltal(ds.parquet, runs);
  const url = `${baseUrl}index.html?data=${encodeURIComponent(ds.arrowUrl)}`;
  const cross = await browserCrossfilter(browser, `${url}#/anteckningar/manadsrapport`, runs);
  const nk = await browserNyckeltal(browser, url, runs);
  return [...crossfilterRows(ds.label, dataRows, cross, native), nyckeltalRow(ds.label, dataRows, nk, nativeNk)];
}
