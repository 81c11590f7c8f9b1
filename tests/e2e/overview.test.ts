import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { writeFile, rm } from 'node:fs/promises';
import { DIST_DIR, launch, openPage, serveDist } from './harness.ts';
import { NodeConnector } from '../../src/engine/node-connector.ts';
import { householdMonthsSql, prepareMetrics } from '../../src/metrics/index.ts';
import { formatMonth } from '../../src/format/sv.ts';

const DATA = process.env.E2E_DATA ?? 'data/utbetalningar.parquet';

describe('the built dashboard in Chromium', () => {
  let browser: Browser;
  let server: { url: string; close: () => Promise<void> };
  let expected: { months: string[]; households: number[] };

  beforeAll(async () => {
    // An independent native query over the same data file the page was built from.
    const db = await NodeConnector.open();
    await db.loadFile('utbetalningar', DATA);
    // Written out here rather than taken from src/metrics, so the page is checked against an independent query.
    const t = await db.query(`SELECT manad, count(DISTINCT hushall_id) FILTER (WHERE utbetalt_kr > 0)::INTEGER AS aktiva
      FROM utbetalningar GROUP BY manad ORDER BY manad`);
    expected = {
      months: t.getChild('manad')!.toArray() as string[],
      households: Array.from(t.getChild('aktiva')!.toArray() as ArrayLike<number>),
    };
    // And the metric definition agrees with it on every month.
    const model = await prepareMetrics(db);
    const q = householdMonthsSql(model, {}, 'month');
    const m = await db.query(q.text, q.params);
    expect(Array.from(m.getChild('households')!.toArray() as ArrayLike<number>)).toEqual(expected.households);
    await db.close();
    await writeFile(`${DIST_DIR}/data/corrupt.arrow`, 'det här är inte Arrow');
    server = await serveDist();
    browser = await launch();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await rm(`${DIST_DIR}/data/corrupt.arrow`, { force: true });
  });

  it('draws one point per month and a table whose first and last month match native DuckDB', async () => {
    const { page, log } = await openPage(browser);
    await page.goto(server.url);
    await page.getByTestId('overview-charts').waitFor({ timeout: 60_000 });
    const points = page.locator('[data-testid="overview-charts"] figure').first().locator('circle.point');
    expect(await points.count()).toBe(expected.months.length);
    const rows = page.locator('section[aria-labelledby="overview-h"] table tbody tr');
    expect(await rows.count()).toBe(expected.months.length);
    // Newest first: the latest month on top, the first month of the data at the bottom.
    const first = await rows.first().locator('td').allInnerTexts();
    const last = await rows.last().locator('td').allInnerTexts();
    const plain = (s: string) => s.replace(/\s/g, '');
    expect(first[0]).toBe(formatMonth(expected.months.at(-1)!));
    expect(last[0]).toBe(formatMonth(expected.months[0]!));
    expect(plain(first[1]!)).toBe(String(expected.households.at(-1)));
    expect(plain(last[1]!)).toBe(String(expected.households[0]));

    const origin = new URL(server.url).origin;
    const foreign = log.requests.filter((u) => !u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:'));
    expect(foreign).toEqual([]);
    expect(log.consoleErrors).toEqual([]);
    expect(log.pageErrors).toEqual([]);
    await page.screenshot({ path: 'test-results/overview.png', fullPage: true });
  });

  it('shows DuckDB’s message where a failing query is, and the rest keeps working', async () => {
    const { page } = await openPage(browser);
    await page.goto(server.url);
    await page.getByTestId('overview-charts').waitFor({ timeout: 60_000 });
    await page.locator('#console-sql').fill('SELECT nonexistent_column FROM utbetalningar');
    await page.getByRole('button', { name: 'Kör' }).click();
    const alert = page.getByTestId('console-result').getByRole('alert');
    await alert.waitFor();
    expect(await alert.innerText()).toMatch(/Frågan misslyckades[\s\S]*nonexistent_column/);
    // The chart is still there, and a good query still runs.
    expect(await page.locator('circle.point').count()).toBeGreaterThan(0);
    await page.locator('#console-sql').fill('SELECT count(*) AS n FROM utbetalningar');
    await page.getByRole('button', { name: 'Kör' }).click();
    await page.getByTestId('console-result').locator('table').waitFor();
    expect(await page.getByTestId('console-result').getByRole('alert').count()).toBe(0);
  });

  it.each([
    ['saknas.arrow', /hittades inte på webbplatsen \(HTTP 404\)/],
    ['corrupt.arrow', /skadad eller inte i Arrow-format/],
  ])('explains a bad data file (%s) instead of showing a blank page', async (file, message) => {
    const { page, log } = await openPage(browser);
    await page.goto(`${server.url}?data=data/${file}`);
    const alert = page.getByRole('alert');
    await alert.waitFor({ timeout: 60_000 });
    const text = await alert.innerText();
    expect(text).toMatch(/Datafilen kunde inte läsas/);
    expect(text).toMatch(message);
    expect(text).toContain(`data/${file}`);
    expect(log.pageErrors).toEqual([]);
    await expect(page.locator('header h1').innerText()).resolves.toBe('Biståndsläget');
  });
});
