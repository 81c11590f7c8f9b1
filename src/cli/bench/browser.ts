/**
 * Drives the bench page (bench.html of a vite build) in headless Chromium: serves the build on loopback, opens
 * the page and calls its `window.bench` methods, so Node decides what is timed and the page only
 * measures.
 */
import type { Browser, Page } from 'playwright-core';
import { startServer } from '../../../scripts/static-server.mjs';
import type { BenchApi, BenchStatement, BenchTiming, PreparedFile } from '../../bench/bench-entry.ts';
import type { SimBenchRequest } from '../../bench/bench-sim.worker.ts';
import { launchChromium } from '../chromium.ts';

type Bench = { bench: BenchApi };

/** A headless Chromium with the bench page open. */
export class BenchBrowser {
  private constructor(
    private readonly browser: Browser,
    private page: Page,
    private readonly server: { url: string; close: () => Promise<void> },
    /** Uncaught errors and console errors of the page, to explain a failure (e.g. out of memory). */
    readonly errors: string[],
  ) {}

  /** Serves the built site in `distDir`, launches Chromium and waits until the page has installed `window.bench`. */
  static async start(distDir: string): Promise<BenchBrowser> {
    const server = await startServer(distDir, 0);
    const browser = await launchChromium();
    const errors: string[] = [];
    const page = await openBenchPage(browser, server.url, errors);
    return new BenchBrowser(browser, page, server, errors);
  }

  /** The Chromium instance, for benches that open the dashboard's own pages. */
  get chromium(): Browser {
    return this.browser;
  }

  /** The server's base URL (to warm its gzip cache before a timed load). */
  get url(): string {
    return this.server.url;
  }

  /**
   * Replaces the page with a fresh one: drops the engine and its memory before the next dataset,
   * and recovers after a page that crashed (e.g. out of wasm memory).
   */
  async fresh(): Promise<void> {
    await this.page.close().catch(() => undefined);
    this.errors.length = 0;
    this.page = await openBenchPage(this.browser, this.server.url, this.errors);
  }

  /** Boots DuckDB-WASM and loads the Arrow file at `dataUrl` (relative to the site). */
  open(dataUrl: string): Promise<{ rows: number; ms: number }> {
    return this.page.evaluate((url) => (window as unknown as Bench).bench.open(url), dataUrl);
  }

  /** Boots DuckDB-WASM and loads prepared tables as the dashboard does (`deferred` ones on first use). */
  openPrepared(tables: PreparedFile[], deferred: string[]): Promise<{ ms: number }> {
    return this.page.evaluate(([t, d]) => (window as unknown as Bench).bench.openPrepared(t, d), [tables, deferred] as const);
  }

  /** DuckDB's buffer memory and database size in MB. */
  memory(): Promise<{ bufferMb: number; databaseMb: number }> {
    return this.page.evaluate(() => (window as unknown as Bench).bench.memory());
  }

  /** Runs statements once each, in order; ms each. */
  setup(statements: BenchStatement[]): Promise<number[]> {
    return this.page.evaluate((s) => (window as unknown as Bench).bench.setup(s), statements);
  }

  /** Times each statement `runs` times after a warm-up. */
  time(statements: BenchStatement[], runs: number): Promise<BenchTiming[]> {
    return this.page.evaluate(([s, n]) => (window as unknown as Bench).bench.time(s, n), [statements, runs] as const);
  }

  /** Times the whole set `runs` times after a warm-up, in sequence or all at once. */
  timeSet(statements: BenchStatement[], runs: number, concurrent: boolean): Promise<number[]> {
    return this.page.evaluate(([s, n, c]) => (window as unknown as Bench).bench.timeSet(s, n, c), [statements, runs, concurrent] as const);
  }

  /** Runs the simulation bench in a module worker. */
  simulate(request: SimBenchRequest): Promise<{ samples: number[]; months: number; totalMs: number }> {
    return this.page.evaluate((r) => (window as unknown as Bench).bench.simulate(r), request);
  }

  /** The JS heap the page uses, in MB (Chromium only), to see how close a load came to the limit. */
  heapMb(): Promise<number | null> {
    return this.page.evaluate(() => {
      const memory = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory;
      return memory ? memory.usedJSHeapSize / 1e6 : null;
    });
  }

  /** Closes Chromium and the server. */
  async close(): Promise<void> {
    await this.browser.close().catch(() => undefined);
    await this.server.close();
  }
}

async function openBenchPage(browser: Browser, baseUrl: string, errors: string[]): Promise<Page> {
  const page = await browser.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('crash', () => errors.push('Sidan kraschade (troligen slut på minne)'));
  await page.goto(`${baseUrl}bench.html`);
  await page.waitForSelector('body[data-ready="true"]', { state: 'attached', timeout: 60_000 });
  return page;
}
