/**
 * Interaction timings on the real dashboard pages in headless Chromium: a filter change on the
 * Nyckeltal page and on the Månadsrapport notebook, a crossfilter selection (a click on a bar) in the
 * notebook, and a slider change on the Scenarier page. Each is the time from the user's action to the
 * page having redrawn (next animation frame after every dependent cell or chart is done).
 */
import type { Browser, Page } from 'playwright-core';
import type { BenchDataset } from './datasets.ts';
import type { MeasuredRow } from './dataset-bench.ts';
import { median } from './stats.ts';

/** Page-side code, as text: tsx would otherwise inject helpers the page does not have. */
const PAGE_HELPERS = `
window.__waitFor = (busy, idle) => new Promise((resolve, reject) => {
  const start = performance.now();
  let seenBusy = false;
  const check = () => {
    if (!seenBusy && busy()) seenBusy = true;
    // A change that finishes before we look never shows "busy"; after 30 ms assume it started.
    if ((seenBusy || performance.now() - start > 30) && idle()) return requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now())));
    if (performance.now() - start > 60000) return reject(new Error('sidan blev aldrig klar'));
    setTimeout(check, 1);
  };
  check();
});
window.__time = async (act, busy, idle) => { const t0 = performance.now(); act(); const t1 = await window.__waitFor(busy, idle); return t1 - t0; };
`;

const NOTEBOOK_BUSY = `() => document.querySelector('[data-status="running"],[data-status="pending"]') !== null`;
const NOTEBOOK_IDLE = `() => { const a = document.querySelector('article.notebook'); return a && a.dataset.running === 'false' && !document.querySelector('[data-status="running"],[data-status="pending"]'); }`;
const METRICS_BUSY = `() => document.querySelector('[data-testid="metrics-page"]')?.dataset.state === 'loading'`;
const METRICS_IDLE = `() => document.querySelector('[data-testid="metrics-page"]')?.dataset.state === 'ready'`;

async function timeAction(page: Page, act: string, busy: string, idle: string): Promise<number> {
  return page.evaluate(`window.__time(${act}, ${busy}, ${idle})`) as Promise<number>;
}

async function openDashboard(browser: Browser, url: string): Promise<Page> {
  // The measuring code is injected as text, which the app's Content Security Policy (rightly) forbids;
  // the bench context bypasses it. The browser tests run with the policy in force.
  const context = await browser.newContext({ bypassCSP: true });
  const page = await context.newPage();
  page.on('close', () => void context.close());
  await page.addInitScript(PAGE_HELPERS);
  await page.goto(url);
  return page;
}

/** Runs the page interactions on one dataset; returns report rows (wasm side only: these are pages). */
export async function benchPages(browser: Browser, baseUrl: string, ds: BenchDataset, dataRows: number, runs: number): Promise<MeasuredRow[]> {
  const rows: MeasuredRow[] = [];
  const target = ds.id === 'standard' ? 300 : 1000;
  const data = `index.html?data=${encodeURIComponent(ds.arrowUrl)}`;
  const row = (name: string, samples: number[], targetMs: number | null, note?: string): MeasuredRow => ({
    dataset: ds.label, rows: dataRows, name, nativeMs: null, wasmMs: median(samples), targetMs, wasmSamples: samples, note,
  });
  const enheter = ['Norr', 'Söder', 'Centrum', 'Väster'];

  // Nyckeltal: a filter change through the URL, as the filter bar makes it.
  let page = await openDashboard(browser, `${baseUrl}${data}#/nyckeltal`);
  await page.waitForFunction(`(${METRICS_IDLE})()`, null, { timeout: 600_000 });
  const metrics: number[] = [];
  for (let i = 0; i <= runs; i++) {
    const e = enheter[i % enheter.length]!;
    const ms = await timeAction(page, `() => { location.hash = '#/nyckeltal?enhet=${e}'; }`, METRICS_BUSY, METRICS_IDLE);
    if (i > 0) metrics.push(ms);
  }
  rows.push(row('sida: Nyckeltal, filterbyte (enhet)', metrics, target));
  await page.close();

  // Månadsrapport: the enhet input, and a crossfilter click on a bar.
  page = await openDashboard(browser, `${baseUrl}${data}#/anteckningar/manadsrapport`);
  await page.waitForFunction(`(${NOTEBOOK_IDLE})()`, null, { timeout: 600_000 });
  const filter: number[] = [];
  for (let i = 0; i <= runs; i++) {
    const e = enheter[i % enheter.length]!;
    const act = `() => { const s = document.querySelector('#in-enhet'); s.value = '${e}'; s.dispatchEvent(new Event('change', { bubbles: true })); }`;
    const ms = await timeAction(page, act, NOTEBOOK_BUSY, NOTEBOOK_IDLE);
    if (i > 0) filter.push(ms);
  }
  rows.push(row('anteckningsbok: Månadsrapport, filterbyte (enhet)', filter, ds.id === 'standard' ? 300 : 1000));
  const cross: number[] = [];
  for (let i = 0; i <= runs; i++) {
    // Clicking the same bar twice selects and clears: both are crossfilter updates.
    const act = `() => document.querySelector('[data-cell="typ_diagram"] g.bar').dispatchEvent(new MouseEvent('click', { bubbles: true }))`;
    const ms = await timeAction(page, act, NOTEBOOK_BUSY, NOTEBOOK_IDLE);
    if (i > 0) cross.push(ms);
  }
  rows.push(row('anteckningsbok: korsfilter (klick på stapel)', cross, ds.id === 'standard' ? null : 100));
  await page.close();

  // Scenarier: one slider step; the simulation itself does not depend on the data size.
  if (ds.id === 'standard') {
    page = await openDashboard(browser, `${baseUrl}${data}#/scenarier`);
    await page.waitForSelector('[data-testid="payback"]', { timeout: 120_000 });
    const slider: number[] = [];
    for (let i = 0; i <= runs; i++) {
      const act = `() => { const s = document.querySelector('input[type="range"]'); const v = Number(s.value); s.value = String(v > Number(s.min) ? v - Number(s.step || 1) : v + Number(s.step || 1)); s.dispatchEvent(new Event('input', { bubbles: true })); }`;
      const ms = await timeAction(page, act, '() => true', '() => true');
      if (i > 0) slider.push(ms);
    }
    rows.push(row('sida: Scenarier, ett reglagesteg till omritad sida', slider, 100));
    await page.close();
  }
  return rows;
}
