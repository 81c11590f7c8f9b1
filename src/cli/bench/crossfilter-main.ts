/**
 * The crossfilter and Nyckeltal part of the bench on its own, against any built site:
 *
 *   npx tsx src/cli/bench/crossfilter-main.ts --site dist-x --data data/bench-1m.arrow \
 *     --parquet data/large/bench-1m.parquet [--runs 5]
 *
 * `--data` is the Arrow file's path inside the site (the page accepts only data/<name>.arrow);
 * `--parquet` is the same data for the native side. Prints the rows and writes them as JSON to
 * bench-results/crossfilter-<time>.json. `npm run bench` runs the same functions (bench.ts).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { Browser } from 'playwright-core';
import { startServer } from '../../../scripts/static-server.mjs';
import { NodeConnector } from '../../engine/node-connector.ts';
import { loadMetricsPage } from '../../metrics/page-data.ts';
import { prepareMetrics, publishModel } from '../../metrics/prepare.ts';
import { launchChromium } from '../chromium.ts';
import { browserCrossfilter, crossfilterRows, nativeCrossfilter } from './crossfilter-bench.ts';
import type { MeasuredRow } from './dataset-bench.ts';
import { formatTable, median } from './stats.ts';

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

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { site: { type: 'string' }, data: { type: 'string' }, parquet: { type: 'string' }, runs: { type: 'string', default: '5' }, label: { type: 'string', default: '1,2 M' } } });
  if (!values.site || !values.data || !values.parquet) throw new Error('Ange --site, --data och --parquet.');
  const runs = Number(values.runs);
  const native = await nativeCrossfilter(values.parquet, runs);
  const nativeNk = await nativeNyckeltal(values.parquet, runs);
  const server = await startServer(values.site, 0);
  const browser = await launchChromium();
  try {
    const url = `${server.url}index.html?data=${encodeURIComponent(values.data)}`;
    const cross = await browserCrossfilter(browser, `${url}#/anteckningar/manadsrapport`, runs);
    const nk = await browserNyckeltal(browser, url, runs);
    const rows: MeasuredRow[] = [
      ...crossfilterRows(values.label, 0, cross, native),
      { dataset: values.label, rows: 0, name: 'Nyckeltal: filterbyte (enhet/barn, ny kombination)', nativeMs: median(nativeNk), wasmMs: median(nk), targetMs: 150, nativeSamples: nativeNk, wasmSamples: nk },
    ];
    console.log(formatTable(rows));
    await mkdir('bench-results', { recursive: true });
    const file = `bench-results/crossfilter-${new Date().toISOString().replace(/[:.]/g, '-')}.json`;
    await writeFile(file, JSON.stringify({ runs, rows }, null, 2) + '\n');
    console.log(`Skrev ${file}`);
  } finally {
    await browser.close();
    await server.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
