import { afterAll, beforeAll } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { launchChromium } from '../../src/cli/chromium.ts';
import { existsSync } from 'node:fs';
import { startServer } from '../../scripts/static-server.mjs';

/** Launches the system Chromium (see src/cli/chromium.ts). */
export const launch = launchChromium;

/**
 * The built site the browser tests serve: `dist/`, or `E2E_DIST` when several people build and test in
 * one work tree at once (`npx vite build --outDir dist-mine && E2E_DIST=dist-mine npx vitest …`).
 */
export const DIST_DIR = process.env.E2E_DIST ?? 'dist';

/** Serves the built site (see `DIST_DIR`) on a free loopback port. */
export async function serveDist(): Promise<{ url: string; close: () => Promise<void> }> {
  if (!existsSync(`${DIST_DIR}/index.html`)) throw new Error(`${DIST_DIR}/ saknas: kör "npm run build" först.`);
  return startServer(DIST_DIR, 0);
}

/** Everything the page asked for and printed, to check origin and console errors. */
export interface PageLog {
  requests: string[];
  consoleErrors: string[];
  pageErrors: string[];
}

/** Opens a page that records every request, console error and uncaught error. */
export async function openPage(browser: Browser): Promise<{ page: Page; log: PageLog }> {
  const context = await browser.newContext({ locale: 'sv-SE', timezoneId: 'Europe/Stockholm' });
  const page = await context.newPage();
  const log: PageLog = { requests: [], consoleErrors: [], pageErrors: [] };
  page.on('request', (r) => log.requests.push(r.url()));
  page.on('console', (m) => {
    if (m.type() === 'error') log.consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => log.pageErrors.push(e.message));
  // Workers' requests are seen too.
  context.on('request', (r) => {
    if (!log.requests.includes(r.url())) log.requests.push(r.url());
  });
  return { page, log };
}

/** The built site and one Chromium, shared by the tests of a `describe` block. */
export interface Site {
  readonly browser: Browser;
  /** The site's address, e.g. `http://127.0.0.1:41234/`. */
  readonly url: string;
}

/**
 * Serves the built site and starts Chromium before the tests of the calling `describe` block and stops
 * both after them. Read `browser` and `url` inside tests (they exist once `beforeAll` has run).
 */
export function useSite(): Site {
  let browser: Browser | undefined;
  let server: { url: string; close: () => Promise<void> } | undefined;
  beforeAll(async () => {
    server = await serveDist();
    browser = await launch();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  return {
    get browser() {
      if (!browser) throw new Error('Chromium är inte startad: useSite() måste anropas i describe-blocket.');
      return browser;
    },
    get url() {
      if (!server) throw new Error('Webbplatsen serveras inte: useSite() måste anropas i describe-blocket.');
      return server.url;
    },
  };
}

/**
 * Waits until the open notebook has run every cell. `live`: also until the live session has replaced the
 * månadsrapport's pre-computed first view (data-precomputed), for checks about the running engine.
 */
export async function notebookSettled(page: Page, { timeout = 240_000, live = false }: { timeout?: number; live?: boolean } = {}): Promise<void> {
  await page.waitForFunction(
    (live) => {
      const a = document.querySelector('article.notebook') as HTMLElement | null;
      return !!a && a.dataset.running === 'false' && (!live || a.dataset.precomputed !== 'true') && !document.querySelector('[data-status="running"],[data-status="pending"]');
    },
    live,
    { timeout },
  );
}

/** Opens a notebook link and waits until every cell has run. */
export async function openNotebook(page: Page, url: string, options: { timeout?: number; live?: boolean } = {}): Promise<void> {
  await page.goto(url);
  await page.locator('article.notebook').waitFor({ timeout: options.timeout ?? 240_000 });
  await notebookSettled(page, options);
}

/**
 * The text of an element as a reader sees it once scrolled to it. Notebook cells out of view are not
 * rendered (`content-visibility: auto`), and Chromium gives such an element an empty `innerText`; a
 * chart far from the screen shows its current figures only once near (src/ui/notebooks/nearness.svelte.ts).
 */
export async function textInView(locator: Locator): Promise<string> {
  await locator.first().waitFor();
  return locator.evaluate(
    (el: HTMLElement) =>
      new Promise<string>((resolve) => {
        el.scrollIntoView({ block: 'center' });
        // A chart far from the screen is redrawn once it comes near (data-deferred until then).
        const read = () => (el.closest('[data-deferred]') ? requestAnimationFrame(read) : requestAnimationFrame(() => resolve(el.innerText)));
        requestAnimationFrame(read);
      }),
  );
}
