/**
 * The dashboard's own pages on the 12 M-row set in headless Chromium (issue 11: "the Nyckeltal page and
 * the månadsrapport work, every metric ≤ 1 s, no tab crash, peak memory reported"). One cold visit per
 * run, since each takes minutes: Nyckeltal's pre-computed and live figures, filter changes there, then
 * the Månadsrapport in the same tab and filter changes there; then a cold visit straight to the
 * Månadsrapport (as a link to it opens). Each visit reports the renderer's peak memory and whether it
 * fetched the raw rows or `hm`, which neither page needs (docs/data.md, "Förberedda tabeller").
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

/** What every visit records besides its timings: bytes on the wire, memory, big files fetched, problems. */
interface VisitBase {
  bytes: number;
  memory: PageMemory;
  /** Requests for the raw rows or `hm_g*.arrow` (neither page should need them). */
  bigFiles: string[];
  problems: string[];
}

interface Visit extends VisitBase {
  firstMs: number;
  liveMs: number;
  nyckeltal: number[];
  reportLiveMs: number;
  report: number[];
  /** Per notebook cell, ms from each filter change until the cell was done. */
  cells: Record<string, number[]>;
}

/** A cold visit straight to the Månadsrapport: from navigation until every cell is done, then filter changes. */
interface ReportVisit extends VisitBase {
  liveMs: number;
  report: number[];
  cells: Record<string, number[]>;
}

const ENHETER = ['Norr', 'Söder', 'Centrum', 'Väster'];

/**
 * Opens a new browser context (cold: no cache) with the page stamps, runs `steps` on its page and
 * adds what every visit records: bytes, the renderer's peak RSS, the JS heap, big files, problems.
 */
async function coldVisit<T>(browser: Browser, dataUrl: string, steps: (page: Page) => Promise<T>): Promise<T & VisitBase> {
  const before = new Set(rendererPids());
  // The stamps are injected as text, which the app's Content Security Policy forbids; the bench bypasses it.
  const context: BrowserContext = await browser.newContext({ bypassCSP: true });
  const problems: string[] = [];
  const bigFiles = new Set<string>();
  let bytes = 0;
  context.on('requestfinished', (r) => void r.sizes().then((s) => (bytes += s.responseBodySize + s.responseHeadersSize)).catch(() => undefined));
  context.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    if (path.endsWith(`/${dataUrl}`) || /\/hm_g\d+\.arrow$/.test(path)) bigFiles.add(path);
  });
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
    const result = await steps(page);
    problems.push(...(await failedCells(page)));
    const rss = mine.length ? Math.max(...mine.map(peakRssMb)) : null;
    return { ...result, bytes, memory: { rendererPeakRssMb: rss, jsHeapPeakMb }, bigFiles: [...bigFiles], problems };
  } finally {
    clearInterval(poll);
    await context.close();
  }
}

/** `changes` enhet changes on the open notebook, each timed until every cell is done, with each cell's time. */
async function reportChanges(page: Page, changes: number): Promise<{ report: number[]; cells: Record<string, number[]> }> {
  const report: number[] = [];
  const cells: Record<string, number[]> = {};
  for (let i = 0; i < changes; i++) {
    const act = `const s = document.querySelector('#in-enhet'); s.value = '${ENHETER[i % ENHETER.length]}'; s.dispatchEvent(new Event('change', { bubbles: true }))`;
    report.push((await page.evaluate(timed(act, NOTEBOOK_BUSY, NOTEBOOK_IDLE))) as number);
    for (const [name, ms] of Object.entries((await page.evaluate('window.__lastCells')) as Record<string, number>)) (cells[name] ??= []).push(ms);
  }
  return { report, cells };
}

function visit(browser: Browser, url: string, dataUrl: string, changes: number): Promise<Visit> {
  return coldVisit(browser, dataUrl, async (page) => {
    await page.goto(url);
    await page.waitForFunction('window.__t.live != null', null, { timeout: 1_800_000, polling: 100 });
    const t = (await page.evaluate('window.__t')) as { first: number; live: number };
    const nyckeltal: number[] = [];
    // Each change is to an enhet not shown just before, so the query cache cannot answer it.
    for (let i = 0; i < changes; i++) {
      const act = `location.hash = '#/nyckeltal?enhet=${ENHETER[i % ENHETER.length]}'`;
      nyckeltal.push((await page.evaluate(timed(act, `${METRICS_STATE} === 'loading'`, `${METRICS_STATE} === 'ready'`))) as number);
    }
    const reportLiveMs = (await page.evaluate(timed(`location.hash = '#/anteckningar/manadsrapport'`, NOTEBOOK_BUSY, NOTEBOOK_IDLE))) as number;
    return { firstMs: t.first, liveMs: t.live, nyckeltal, reportLiveMs, ...(await reportChanges(page, changes)) };
  });
}

/** A cold visit of `url` (the Månadsrapport): ms from navigation until every cell is done and live, then `changes` enhet changes. */
export function visitReport(browser: Browser, url: string, dataUrl: string, changes: number): Promise<ReportVisit> {
  return coldVisit(browser, dataUrl, async (page) => {
    await page.goto(url);
    await page.waitForFunction(NOTEBOOK_IDLE, null, { timeout: 1_800_000, polling: 100 });
    const liveMs = (await page.evaluate('performance.now()')) as number;
    return { liveMs, ...(await reportChanges(page, changes)) };
  });
}

/**
 * Runs `visits` cold visits (new browser context each) of Nyckeltal then the Månadsrapport on `ds`,
 * with `changes` filter changes on each page, and as many cold visits straight to the Månadsrapport;
 * report rows (wasm side only: these are pages) and the highest memory of any visit.
 */
export async function benchLargePages(
  browser: Browser,
  baseUrl: string,
  ds: BenchDataset,
  dataRows: number,
  visits: number,
  changes: number,
): Promise<{ rows: MeasuredRow[]; memory: PageMemory; problems: string[]; cells: Record<string, number> }> {
  const page = (hash: string) => `${baseUrl}index.html?data=${encodeURIComponent(ds.arrowUrl)}#/${hash}`;
  const all: Visit[] = [];
  const direct: ReportVisit[] = [];
  for (let i = 0; i < visits; i++) all.push(await visit(browser, page('nyckeltal'), ds.arrowUrl, changes));
  for (let i = 0; i < visits; i++) direct.push(await visitReport(browser, page('anteckningar/manadsrapport'), ds.arrowUrl, changes));
  const base = { dataset: ds.label, rows: dataRows, nativeMs: null };
  const row = (name: string, samples: number[], targetMs: number | null, note?: string): MeasuredRow => ({ ...base, name, wasmMs: median(samples), targetMs, wasmSamples: samples, note });
  const mb = (bytes: number) => `${(bytes / 1e6).toLocaleString('sv-SE', { maximumFractionDigits: 1 })} MB över nätet`;
  const rows = [
    row('kall start → första siffror (Nyckeltal)', all.map((v) => v.firstMs), 1000),
    row('kall start → levande siffror (Nyckeltal)', all.map((v) => v.liveMs), null),
    row('sida: Nyckeltal, filterbyte (enhet)', all.flatMap((v) => v.nyckeltal), 1000),
    row('Månadsrapport öppnad efter Nyckeltal → levande', all.map((v) => v.reportLiveMs), null, mb(median(all.map((v) => v.bytes)))),
    row('anteckningsbok: Månadsrapport, filterbyte (enhet)', all.flatMap((v) => v.report), 1000),
    row('kall start → Månadsrapport levande', direct.map((v) => v.liveMs), null, mb(median(direct.map((v) => v.bytes)))),
    row('kall Månadsrapport, filterbyte (enhet)', direct.flatMap((v) => v.report), 1000),
  ];
  const visited: VisitBase[] = [...all, ...direct];
  const peaks = visited.map((v) => v.memory.rendererPeakRssMb).filter((m): m is number => m !== null);
  const memory = { rendererPeakRssMb: peaks.length ? Math.max(...peaks) : null, jsHeapPeakMb: Math.max(...visited.map((v) => v.memory.jsHeapPeakMb)) };
  // Median per cell over every change of every visit, slowest first: where a filter change's time goes.
  const samples: Record<string, number[]> = {};
  for (const v of [...all, ...direct]) for (const [name, ms] of Object.entries(v.cells)) (samples[name] ??= []).push(...ms);
  const cells = Object.fromEntries(Object.entries(samples).map(([n, ms]) => [n, median(ms)] as const).sort((a, b) => b[1] - a[1]));
  const fetched = [...new Set(visited.flatMap((v) => v.bigFiles))].map((f) => `Hämtade ${f}, som ingen av sidorna behöver`);
  return { rows, memory, problems: [...new Set([...visited.flatMap((v) => v.problems), ...fetched])], cells };
}

/**
 * The 12 M pages as `npm run bench` runs them: the server's compressed copies of every file the pages
 * fetch are made first (a web server would have them from the build, scripts/precompress.mjs), then
 * one cold visit of each kind with `changes` filter changes per page.
 */
export async function benchLargeDataset(browser: Browser, baseUrl: string, ds: BenchDataset, dataRows: number, changes: number): ReturnType<typeof benchLargePages> {
  const manifest = await readManifest(ds);
  const dir = preparedDirFor(ds.arrowUrl);
  // The raw rows and hm are left out: no page should need them, and a request for one would then
  // show in the time (the server compressing 670 MB) as well as in the problems and bytes.
  const files = [snapshotPathFor(ds.arrowUrl), `${dir}manifest.json`, ...manifest.tables.filter((t) => t.role !== 'hm').map((t) => dir + t.file)];
  const t0 = performance.now();
  await warmFiles(baseUrl, files);
  console.log(`» ${ds.label}: serverns komprimerade kopior klara på ${((performance.now() - t0) / 1000).toFixed(0)} s; sidorna i Chromium`);
  return benchLargePages(browser, baseUrl, ds, dataRows || manifest.source.rows, 1, changes);
}
