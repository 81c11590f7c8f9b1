/**
 * The dashboard's own pages on the 12 M-row set in headless Chromium (issue 11: "the Nyckeltal page and
 * the månadsrapport work, every metric ≤ 1 s, no tab crash, peak memory reported"). One cold visit per
 * run, since each takes minutes: Nyckeltal's pre-computed and live figures, filter changes there, then
 * the Månadsrapport in the same tab (its SQL reads the raw rows, so they load then), filter changes there,
 * and the renderer's peak memory over the whole visit.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { BenchDataset } from './datasets.ts';
import type { MeasuredRow } from './dataset-bench.ts';
import { readManifest } from './files.ts';
import { preparedDirFor } from '../../metrics/prepared.ts';
import { snapshotPathFor } from '../../metrics/snapshot-path.ts';
import { peakRssMb, rendererPids } from './import-bench.ts';
import { median } from './stats.ts';

/** Memory of one visit: the renderer's peak RSS (page, workers and wasm heap) and the page's JS heap. */
export interface PageMemory {
  rendererPeakRssMb: number | null;
  jsHeapPeakMb: number;
}

/** Page-side stamps, as text (tsx would inject helpers the page lacks): Nyckeltal's first and live figures. */
const WATCH = `
window.__t = {};
new MutationObserver(() => {
  const m = document.querySelector('[data-testid="metrics-page"]');
  if (!m || !m.querySelector('svg')) return;
  if (window.__t.first == null) window.__t.first = performance.now();
  if (window.__t.live == null && m.dataset.state === 'ready' && !document.querySelector('[data-testid="forberaknat"]')) window.__t.live = performance.now();
}).observe(document, { childList: true, subtree: true, attributes: true });
// When each notebook cell last finished, to say which cells a filter change waits for.
window.__cells = {};
new MutationObserver((records) => {
  for (const r of records) {
    const e = r.target;
    if (e.dataset && e.dataset.cell && e.dataset.status === 'ok') window.__cells[e.dataset.cell] = performance.now();
  }
}).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-status'] });
`;

const METRICS_STATE = `document.querySelector('[data-testid="metrics-page"]')?.dataset.state`;
const NOTEBOOK_BUSY = `document.querySelector('[data-status="running"],[data-status="pending"]') !== null`;
const NOTEBOOK_IDLE = `(() => { const a = document.querySelector('article.notebook'); return !!a && a.dataset.precomputed !== 'true' && a.dataset.running === 'false' && !(${NOTEBOOK_BUSY}); })()`;

/** Times `act` to two animation frames after the page is idle again, having seen it busy (or 50 ms passed). */
function timed(act: string, busy: string, idle: string): string {
  return `(async () => {
    window.__cells = {};
    const t0 = performance.now(); ${act};
    let seen = false;
    for (;;) {
      await new Promise((r) => setTimeout(r, 2));
      if (${busy}) seen = true;
      if ((seen || performance.now() - t0 > 50) && ${idle}) break;
      if (performance.now() - t0 > 600000) throw new Error('sidan blev aldrig klar');
    }
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    window.__lastCells = Object.fromEntries(Object.entries(window.__cells).map(([k, v]) => [k, Math.round(v - t0)]));
    return performance.now() - t0;
  })()`;
}

/** Cells in an error state, with their first words, so a failed cell is not timed as a fast one. */
async function failedCells(page: Page): Promise<string[]> {
  return page.$$eval('[data-status="error"]', (els) => els.map((e) => `${(e as HTMLElement).dataset.cell}: ${(e.textContent ?? '').trim().slice(0, 120)}`));
}

/** Fills the server's compression cache for `paths`, as Chromium asks (brotli), so a timed load is not the server compressing 670 MB. */
export async function warmFiles(baseUrl: string, paths: readonly string[]): Promise<void> {
  for (const path of paths) {
    const response = await fetch(baseUrl + path, { headers: { 'accept-encoding': 'br, gzip' } });
    const reader = response.body?.getReader();
    while (reader && !(await reader.read()).done);
  }
}

interface Visit {
  firstMs: number;
  liveMs: number;
  nyckeltal: number[];
  reportLiveMs: number;
  report: number[];
  /** Per notebook cell, ms from each filter change until the cell was done. */
  cells: Record<string, number[]>;
  bytes: number;
  memory: PageMemory;
  problems: string[];
}

async function visit(browser: Browser, url: string, changes: number): Promise<Visit> {
  const before = new Set(rendererPids());
  // The stamps are injected as text, which the app's Content Security Policy forbids; the bench bypasses it.
  const context: BrowserContext = await browser.newContext({ bypassCSP: true });
  const problems: string[] = [];
  let bytes = 0;
  context.on('requestfinished', (r) => void r.sizes().then((s) => (bytes += s.responseBodySize + s.responseHeadersSize)).catch(() => undefined));
  let jsHeapPeakMb = 0;
  let mine: number[] = [];
  let poll: ReturnType<typeof setInterval> | undefined;
  try {
    await context.addInitScript(WATCH);
    const page = await context.newPage();
    page.on('crash', () => problems.push('Sidan kraschade (troligen slut på minne)'));
    page.on('pageerror', (e) => problems.push(e.message));
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    poll = setInterval(() => {
      if (!mine.length) mine = rendererPids().filter((p) => !before.has(p));
      void cdp.send('Performance.getMetrics').then((m) => {
        const used = m.metrics.find((x) => x.name === 'JSHeapUsedSize')?.value ?? 0;
        jsHeapPeakMb = Math.max(jsHeapPeakMb, used / 1e6);
      }).catch(() => undefined);
    }, 250);
    await page.goto(url);
    await page.waitForFunction('window.__t.live != null', null, { timeout: 1_800_000, polling: 100 });
    const t = (await page.evaluate('window.__t')) as { first: number; live: number };
    const enheter = ['Norr', 'Söder', 'Centrum', 'Väster'];
    const nyckeltal: number[] = [];
    // Each change is to an enhet not shown just before, so the query cache cannot answer it.
    for (let i = 0; i < changes; i++) {
      const act = `location.hash = '#/nyckeltal?enhet=${enheter[i % enheter.length]}'`;
      nyckeltal.push((await page.evaluate(timed(act, `${METRICS_STATE} === 'loading'`, `${METRICS_STATE} === 'ready'`))) as number);
    }
    const reportLiveMs = (await page.evaluate(timed(`location.hash = '#/anteckningar/manadsrapport'`, NOTEBOOK_BUSY, NOTEBOOK_IDLE))) as number;
    const report: number[] = [];
    const cells: Record<string, number[]> = {};
    for (let i = 0; i < changes; i++) {
      const act = `const s = document.querySelector('#in-enhet'); s.value = '${enheter[i % enheter.length]}'; s.dispatchEvent(new Event('change', { bubbles: true }))`;
      report.push((await page.evaluate(timed(act, NOTEBOOK_BUSY, NOTEBOOK_IDLE))) as number);
      for (const [name, ms] of Object.entries((await page.evaluate('window.__lastCells')) as Record<string, number>)) (cells[name] ??= []).push(ms);
    }
    problems.push(...(await failedCells(page)));
    const rss = mine.length ? Math.max(...mine.map(peakRssMb)) : null;
    return { firstMs: t.first, liveMs: t.live, nyckeltal, reportLiveMs, report, cells, bytes, memory: { rendererPeakRssMb: rss, jsHeapPeakMb }, problems };
  } finally {
    clearInterval(poll);
    await context.close();
  }
}

/**
 * Runs `visits` cold visits (new browser context each) of Nyckeltal then the Månadsrapport on `ds`,
 * with `changes` filter changes on each page; report rows (wasm side only: these are pages) and the
 * highest memory of any visit.
 */
export async function benchLargePages(
  browser: Browser,
  baseUrl: string,
  ds: BenchDataset,
  dataRows: number,
  visits: number,
  changes: number,
): Promise<{ rows: MeasuredRow[]; memory: PageMemory; problems: string[]; cells: Record<string, number> }> {
  const url = `${baseUrl}index.html?data=${encodeURIComponent(ds.arrowUrl)}#/nyckeltal`;
  const all: Visit[] = [];
  for (let i = 0; i < visits; i++) all.push(await visit(browser, url, changes));
  const base = { dataset: ds.label, rows: dataRows, nativeMs: null };
  const row = (name: string, samples: number[], targetMs: number | null, note?: string): MeasuredRow => ({ ...base, name, wasmMs: median(samples), targetMs, wasmSamples: samples, note });
  const mb = (bytes: number) => `${(bytes / 1e6).toLocaleString('sv-SE', { maximumFractionDigits: 1 })} MB över nätet`;
  const rows = [
    row('kall start → första siffror (Nyckeltal)', all.map((v) => v.firstMs), 1000),
    row('kall start → levande siffror (Nyckeltal)', all.map((v) => v.liveMs), null),
    row('sida: Nyckeltal, filterbyte (enhet)', all.flatMap((v) => v.nyckeltal), 1000),
    row('Månadsrapport öppnad → levande (läser rådata)', all.map((v) => v.reportLiveMs), null, mb(median(all.map((v) => v.bytes)))),
    row('anteckningsbok: Månadsrapport, filterbyte (enhet)', all.flatMap((v) => v.report), 1000),
  ];
  const peaks = all.map((v) => v.memory.rendererPeakRssMb).filter((m): m is number => m !== null);
  const memory = { rendererPeakRssMb: peaks.length ? Math.max(...peaks) : null, jsHeapPeakMb: Math.max(...all.map((v) => v.memory.jsHeapPeakMb)) };
  // Median per cell over every change of every visit, slowest first: where a filter change's time goes.
  const samples: Record<string, number[]> = {};
  for (const v of all) for (const [name, ms] of Object.entries(v.cells)) (samples[name] ??= []).push(...ms);
  const cells = Object.fromEntries(Object.entries(samples).map(([n, ms]) => [n, median(ms)] as const).sort((a, b) => b[1] - a[1]));
  return { rows, memory, problems: [...new Set(all.flatMap((v) => v.problems))], cells };
}

/**
 * The 12 M pages as `npm run bench` runs them: the server's compressed copies of every file the two
 * pages fetch are made first (a web server would have them from the build, scripts/precompress.mjs),
 * then one cold visit with `changes` filter changes per page.
 */
export async function benchLargeDataset(browser: Browser, baseUrl: string, ds: BenchDataset, dataRows: number, changes: number): ReturnType<typeof benchLargePages> {
  const manifest = await readManifest(ds);
  const dir = preparedDirFor(ds.arrowUrl);
  // hm is left out: neither page should need it (a request for it would show in the bytes).
  const files = [snapshotPathFor(ds.arrowUrl), `${dir}manifest.json`, ...manifest.tables.filter((t) => t.role !== 'hm').map((t) => dir + t.file), ds.arrowUrl];
  const t0 = performance.now();
  await warmFiles(baseUrl, files);
  console.log(`» ${ds.label}: serverns komprimerade kopior klara på ${((performance.now() - t0) / 1000).toFixed(0)} s; sidorna i Chromium`);
  return benchLargePages(browser, baseUrl, ds, dataRows || manifest.source.rows, 1, changes);
}
