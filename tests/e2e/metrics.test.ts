import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { launch, openPage, serveDist } from './harness.ts';
import { NodeConnector } from '../../src/engine/node-connector.ts';
import { kpis, prepareMetrics, METRIC_DEFINITIONS, type KpiValue, type Report } from '../../src/metrics/index.ts';
import { formatMetricValue } from '../../src/format/metric.ts';
import { formatCount, formatKr, formatPercent } from '../../src/format/sv.ts';

const DATA = process.env.E2E_DATA ?? 'data/utbetalningar.parquet';
const plain = (s: string) => s.replace(/\s+/g, ' ').trim();

describe('the Nyckeltal page in Chromium', () => {
  let browser: Browser;
  let server: { url: string; close: () => Promise<void> };
  let cli: Report;
  let native: KpiValue[];
  let nativeNorr: KpiValue[];

  beforeAll(async () => {
    // The command-line tool, exactly as a controller runs it.
    const out = execFileSync('node_modules/.bin/tsx', ['src/cli/metrics.ts', '--data', DATA, '--json'], { encoding: 'utf8' });
    cli = JSON.parse(out) as Report;
    const db = await NodeConnector.open();
    await db.loadFile('utbetalningar', DATA);
    const model = await prepareMetrics(db);
    native = await kpis(db, model, {});
    nativeNorr = await kpis(db, model, { enhet: ['Norr'], from: '2024-01', to: '2024-12' });
    await db.close();
    server = await serveDist();
    browser = await launch();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows the same yearly figures as `npm run metrics --json`', async () => {
    const { page, log } = await openPage(browser);
    await page.goto(`${server.url}#/nyckeltal`);
    await page.locator('[data-testid="metrics-page"][data-state="ready"] [data-testid="yearly-table"] tbody tr').first().waitFor({ timeout: 60_000 });
    const rows = page.locator('[data-testid="yearly-table"] tbody tr');
    expect(await rows.count()).toBe(cli.yearly.length);
    for (const [i, y] of cli.yearly.entries()) {
      const cells = (await rows.nth(i).locator('td').allInnerTexts()).map(plain);
      expect(cells.slice(0, 3)).toEqual([String(y.year), plain(formatCount(y.households)), plain(formatKr(y.paidKr))]);
      expect(cells[4]).toBe(plain(y.longTermShare === null ? '–' : formatPercent(y.longTermShare)));
      expect(cells[7]).toBe(plain(y.reactivationRate === null ? '–' : formatPercent(y.reactivationRate)));
    }
    expect(log.consoleErrors).toEqual([]);
    expect(log.requests.filter((u) => !u.startsWith(new URL(server.url).origin))).toEqual([]);
    await page.screenshot({ path: 'test-results/nyckeltal.png', fullPage: true });
  });

  it('shows every KPI as native DuckDB computes it, and follows filters kept in the URL', async () => {
    const { page } = await openPage(browser);
    const read = async () => {
      await page.locator('[data-testid="metrics-page"][data-state="ready"] [data-testid="kpis"]').waitFor({ timeout: 60_000 });
      return Object.fromEntries(
        await page.locator('[data-kpi]').evaluateAll((els) => els.map((e) => [e.getAttribute('data-kpi'), e.querySelector('.value')?.textContent ?? ''])),
      ) as Record<string, string>;
    };
    const expected = (values: KpiValue[]) =>
      Object.fromEntries(values.map((k) => [k.id, plain(formatMetricValue(k.value, METRIC_DEFINITIONS.find((d) => d.id === k.id)!.unit))]));

    await page.goto(`${server.url}#/nyckeltal`);
    const all = await read();
    expect(Object.fromEntries(Object.entries(all).map(([k, v]) => [k, plain(v)]))).toEqual(expected(native));

    await page.goto(`${server.url}#/nyckeltal?enhet=Norr&from=2024-01&to=2024-12`);
    await page.waitForFunction(() => document.querySelector('[data-testid="metrics-page"]')?.getAttribute('data-state') === 'ready');
    const norr = await read();
    expect(Object.fromEntries(Object.entries(norr).map(([k, v]) => [k, plain(v)]))).toEqual(expected(nativeNorr));
    expect(norr.aktiva_hushall).not.toBe(all.aktiva_hushall);
    // The definition is one click away.
    await page.locator('[data-kpi="ateraktualisering"] summary').click();
    expect(await page.locator('[data-kpi="ateraktualisering"] details p').first().innerText()).toMatch(/W månader/);
  });
});
