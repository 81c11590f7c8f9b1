import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { Browser, Page } from 'playwright-core';
import { createHandler } from '../../scripts/static-server.mjs';
import { DIST_DIR, launch } from './harness.ts';

/** What the server saw: one line per request, with the status and encoding it answered. */
interface Hit {
  path: string;
  status: number;
  encoding: string | undefined;
  acceptEncoding: string | undefined;
}

/** The engine has answered: the pre-computed figures (marked "förberäknat") are replaced by live ones. */
async function waitForLive(page: Page): Promise<void> {
  await page.getByTestId('overview-charts').waitFor({ timeout: 90_000 });
  await page.waitForFunction(() => !document.body.innerText.includes('förberäknat'), undefined, { timeout: 90_000 });
  await page.waitForLoadState('networkidle');
}

describe('serving: the browser cache and brotli', () => {
  let browser: Browser;
  let server: Server;
  let url: string;
  const hits: Hit[] = [];

  beforeAll(async () => {
    const handler = createHandler(DIST_DIR);
    server = createServer((req, res) => {
      // The handler passes its headers to writeHead, where getHeader cannot see them: note them there.
      let encoding: string | undefined;
      const writeHead = res.writeHead.bind(res) as (status: number, headers?: Record<string, unknown>) => typeof res;
      res.writeHead = ((status: number, headers?: Record<string, unknown>) => {
        encoding = headers?.['content-encoding'] as string | undefined;
        return writeHead(status, headers);
      }) as typeof res.writeHead;
      res.on('finish', () =>
        hits.push({
          path: new URL(req.url ?? '/', 'http://x').pathname,
          status: res.statusCode,
          encoding,
          acceptEncoding: req.headers['accept-encoding'],
        }),
      );
      void handler(req, res);
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    const address = server.address();
    url = `http://localhost:${typeof address === 'object' && address ? address.port : 0}/`;
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((ok) => server?.close(ok));
  });

  it('a repeat visit fetches no wasm and no script again, and revalidates the data with 304', async () => {
    const context = await browser.newContext({ locale: 'sv-SE' });
    const first = await context.newPage();
    await first.goto(url);
    await waitForLive(first);
    const firstVisit = hits.splice(0);
    const wasm = firstVisit.filter((h) => h.path.endsWith('.wasm'));
    expect(wasm.length, 'the engine is downloaded on the first visit').toBeGreaterThan(0);
    // Chromium asks for brotli on localhost, and gets it for the engine.
    expect(wasm[0]?.acceptEncoding).toMatch(/\bbr\b/);
    expect(wasm.map((h) => [h.status, h.encoding])).toEqual(wasm.map(() => [200, 'br']));
    await first.close();

    const second = await context.newPage();
    await second.goto(url);
    await waitForLive(second);
    const secondVisit = hits.splice(0);
    expect(secondVisit.filter((h) => h.path.endsWith('.wasm')), 'wasm served from the cache').toEqual([]);
    expect(secondVisit.filter((h) => h.path.startsWith('/assets/')), 'hashed assets served from the cache').toEqual([]);
    // index.html and the data are asked for again, and answered without a body.
    const page = secondVisit.find((h) => h.path === '/' || h.path === '/index.html');
    expect(page?.status).toBe(304);
    const data = secondVisit.filter((h) => h.path.startsWith('/data/'));
    expect(data.length).toBeGreaterThan(0);
    expect(data.every((h) => h.status === 304)).toBe(true);
    await context.close();
  });

  it('sends gzip to a client that cannot take brotli, and the plain file to one that takes neither', async () => {
    const index = await fetch(url, { headers: { 'accept-encoding': 'gzip' } });
    expect(index.headers.get('content-encoding')).toBe('gzip');
    expect(index.headers.get('etag')).toMatch(/-gzip"$/);
    expect(await index.text()).toContain('<title>');
    const plain = await fetch(url, { headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await plain.text()).toContain('<title>');
  });
});
