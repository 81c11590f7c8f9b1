import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../src/cli/chromium.ts';
import { existsSync } from 'node:fs';
import { startServer } from '../../scripts/static-server.mjs';

/** Launches the system Chromium (see src/cli/chromium.ts). */
export const launch = launchChromium;

/** Serves the built dist/ on a free loopback port. */
export async function serveDist(): Promise<{ url: string; close: () => Promise<void> }> {
  if (!existsSync('dist/index.html')) throw new Error('dist/ saknas: kör "npm run build" först.');
  return startServer('dist', 0);
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
