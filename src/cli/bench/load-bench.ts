/**
 * Page-load scenarios on the real dashboard in headless Chromium: a cold first visit (empty cache) and
 * a repeat visit, each timed from navigation to the first useful paint (Översikt's figures drawn,
 * pre-computed or live) and to live figures, with the bytes transferred. Native DuckDB's reference in
 * the same run: reading the Parquet file, `prepareMetrics` and Översikt's query. Scenarios are a list,
 * so further interactions (a brush, a click on a bar) are added as entries of `PAGE_SCENARIOS`.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { NodeConnector } from '../../engine/node-connector.ts';
import { householdMonthsSql, prepareMetrics, runMetric } from '../../metrics/index.ts';
import type { BenchDataset } from './datasets.ts';
import type { MeasuredRow } from './dataset-bench.ts';
import { median } from './stats.ts';
import { loadavg } from 'node:os';

/** What a scenario measured once: ms to first paint and to live figures, and bytes over the wire. */
export interface LoadSample {
  firstPaintMs: number;
  liveMs: number;
  /** First contentful paint (the static page header), and when the snapshot's response had arrived. */
  fcpMs: number;
  snapshotMs: number;
  bytes: number;
  requests: number;
}

/** A timed page scenario on one dataset. */
export interface PageScenario {
  id: string;
  /** The report row's name (Swedish, as the table prints it). */
  name: string;
  /** Target in ms on this machine, per dataset id (issue 11), or null for none. */
  targetMs: (ds: BenchDataset) => number | null;
  /** One measurement; `baseUrl` serves the bench site, `url` is the dashboard with the dataset chosen. */
  measure: (browser: Browser, url: string) => Promise<LoadSample>;
}

const OVERVIEW_FIGURES = 'section[aria-labelledby="overview-h"] [data-testid="overview-charts"] svg';
const BADGE = '[data-testid="forberaknat"]';
const LIVE_SOURCE = 'Allt körs lokalt i webbläsaren.';

/**
 * Page-side watcher, as text (tsx would inject helpers the page lacks): stamps first paint and live.
 * First paint is the animation frame after the figures entered the page, the frame that draws them;
 * the moment of insertion alone would leave out the layout and paint of what was inserted.
 */
const WATCH = `
window.__load = { first: null, live: null, inserted: null };
new MutationObserver(() => {
  const l = window.__load;
  const figures = document.querySelector(${JSON.stringify(OVERVIEW_FIGURES)});
  if (figures && l.inserted === null) {
    l.inserted = performance.now();
    requestAnimationFrame(() => (l.first = performance.now()));
  }
  const live = figures && !document.querySelector(${JSON.stringify(BADGE)}) &&
    [...document.querySelectorAll('.source')].some((e) => e.textContent.includes(${JSON.stringify(LIVE_SOURCE)}));
  if (live && l.live === null) l.live = performance.now();
}).observe(document, { childList: true, subtree: true, characterData: true });
`;

/** Counts the bytes every response of the context put on the wire (headers and encoded body), workers included. */
function countBytes(context: BrowserContext): { total: () => { bytes: number; requests: number } } {
  let bytes = 0;
  let requests = 0;
  context.on('requestfinished', (request) => {
    requests++;
    void request.sizes().then((s) => (bytes += s.responseBodySize + s.responseHeadersSize)).catch(() => undefined);
  });
  return { total: () => ({ bytes, requests }) };
}

/** Page-side read-out, as text: the watcher's stamps, first contentful paint and the snapshot's arrival. */
const READ = `({
  ...window.__load,
  fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
  snapshot: performance.getEntriesByType('resource').find((e) => e.name.endsWith('.forberaknat.json'))?.responseEnd ?? NaN,
})`;

async function visit(page: Page, url: string): Promise<Omit<LoadSample, 'bytes' | 'requests'>> {
  await page.goto(url);
  await page.waitForFunction('window.__load && window.__load.live !== null && window.__load.first !== null', null, { timeout: 600_000, polling: 50 });
  const l = (await page.evaluate(READ)) as { first: number; live: number; fcp: number; snapshot: number };
  return { firstPaintMs: l.first, liveMs: l.live, fcpMs: l.fcp, snapshotMs: l.snapshot };
}

async function freshContext(browser: Browser): Promise<BrowserContext> {
  // The watcher is injected as text, which the app's Content Security Policy forbids; the bench bypasses it.
  const context = await browser.newContext({ bypassCSP: true });
  await context.addInitScript(WATCH);
  return context;
}

/** Cold: a new browser context, so nothing is cached. */
const coldFirstPaint: PageScenario = {
  id: 'cold',
  name: 'kall start → första siffror (Översikt)',
  targetMs: () => 1000,
  async measure(browser, url) {
    const context = await freshContext(browser);
    try {
      const counter = countBytes(context);
      const times = await visit(await context.newPage(), url);
      await new Promise((r) => setTimeout(r, 200));
      return { ...times, ...bytesOf(counter) };
    } finally {
      await context.close();
    }
  },
};

/** Warm: the same context visited once before (the browser's HTTP cache as the server's headers allow). */
const warmRepeat: PageScenario = {
  id: 'warm',
  name: 'upprepat besök → första siffror (Översikt)',
  targetMs: () => 1000,
  async measure(browser, url) {
    const context = await freshContext(browser);
    try {
      await visit(await context.newPage(), url);
      const counter = countBytes(context);
      const times = await visit(await context.newPage(), url);
      await new Promise((r) => setTimeout(r, 200));
      return { ...times, ...bytesOf(counter) };
    } finally {
      await context.close();
    }
  },
};

function bytesOf(counter: ReturnType<typeof countBytes>): { bytes: number; requests: number } {
  return counter.total();
}

/** The page scenarios `npm run bench` runs on the standard and 1,14 M sets. */
export const PAGE_SCENARIOS: PageScenario[] = [coldFirstPaint, warmRepeat];

/** Native DuckDB's cold path to the same figures: read Parquet, prepareMetrics, Översikt's query (ms, median). */
async function nativeFirstFigures(ds: BenchDataset, runs: number): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const db = await NodeConnector.open();
    try {
      const t0 = performance.now();
      await db.loadFile('utbetalningar', ds.parquet);
      const model = await prepareMetrics(db);
      await runMetric(db, householdMonthsSql(model, {}, 'month'));
      samples.push(performance.now() - t0);
    } finally {
      await db.close();
    }
  }
  return samples;
}

/** Runs every page scenario on `ds`; rows for first paint, live figures and bytes (in the note and JSON). */
export async function benchLoad(
  browser: Browser,
  baseUrl: string,
  ds: BenchDataset,
  dataRows: number,
  runs: number,
  scenarios = PAGE_SCENARIOS,
): Promise<MeasuredRow[]> {
  const url = ds.id === 'standard' ? `${baseUrl}index.html#/` : `${baseUrl}index.html?data=${encodeURIComponent(ds.arrowUrl)}#/`;
  const native = await nativeFirstFigures(ds, Math.min(runs, 3));
  // One visit that is not counted: our Node server reads and hashes each file on its first request
  // (the 34 MB wasm among them), which a web server serving from the OS's file cache does not.
  await coldFirstPaint.measure(browser, url);
  const rows: MeasuredRow[] = [];
  for (const scenario of scenarios) {
    const samples: LoadSample[] = [];
    for (let i = 0; i < runs; i++) samples.push(await scenario.measure(browser, url));
    const first = samples.map((s) => s.firstPaintMs);
    const live = samples.map((s) => s.liveMs);
    const bytes = median(samples.map((s) => s.bytes));
    const requests = median(samples.map((s) => s.requests));
    const ms = (values: number[]) => Math.round(median(values)).toLocaleString('sv-SE');
    const note =
      `${(bytes / 1e6).toLocaleString('sv-SE', { maximumFractionDigits: 2 })} MB över nätet, ${requests} förfrågningar; ` +
      `sidhuvud ritat ${ms(samples.map((s) => s.fcpMs))} ms, förberäknade siffror hämtade ${ms(samples.map((s) => s.snapshotMs))} ms; ` +
      `belastning ${loadAverage()}`;
    const base = { dataset: ds.label, rows: dataRows };
    rows.push({ ...base, name: scenario.name, nativeMs: median(native), wasmMs: median(first), targetMs: scenario.targetMs(ds), nativeSamples: native, wasmSamples: first, note, bytes, requests });
    rows.push({ ...base, name: `${scenario.name.replace('första siffror', 'levande siffror')}`, nativeMs: median(native), wasmMs: median(live), targetMs: null, wasmSamples: live });
  }
  return rows;
}

/** The machine's 1-minute load average, Swedish-formatted: the figures above mean little without it. */
function loadAverage(): string {
  return loadavg()[0]!.toLocaleString('sv-SE', { maximumFractionDigits: 1 });
}
