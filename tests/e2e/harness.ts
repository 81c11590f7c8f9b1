import type { Browser, Page } from 'playwright-core';
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
