/**
 * The Skyddsgräns (small-count threshold T, link parameter `skydd=`; docs/metrics.md, "Små antal") in
 * Chromium, over the fixture with enheter of 1, 4, 5 and 40 households (tests/fixtures/suppression/
 * small-groups.ts). Femman has 5 households paid 5 000 kr a month in 2025: shown at T = 5, "<10" at T = 10.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DIST_DIR, openNotebook, openPage, textInView, useSite } from './harness.ts';
import { SMALL_GROUPS_CSV } from '../fixtures/suppression/small-groups.ts';

const FILE = 'data/small-groups-threshold.arrow';
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('Skyddsgräns on the page and in its downloads', () => {
  beforeAll(() => {
    const made = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/prepare-data.ts', '--data', SMALL_GROUPS_CSV, '--out', `${DIST_DIR}/${FILE}`], { encoding: 'utf8', timeout: 120_000 });
    if (made.status !== 0) throw new Error(`prepare-data misslyckades: ${made.stderr}`);
  }, 180_000);
  const site = useSite();

  async function nyckeltal(page: Page, extra: string): Promise<void> {
    await page.goto(`${site.url}?data=${FILE}#/nyckeltal?enhet=Femman&from=2025-01&to=2025-12${extra}`);
    await page.locator('[data-testid="metrics-page"][data-state="ready"] [data-kpi="utbetalt"]').waitFor({ timeout: 90_000 });
  }
  const value = (page: Page, kpi: string) => page.locator(`[data-kpi="${kpi}"] .value`).innerText().then(plain);

  it('Nyckeltal for Femman: 5 households and 300,0 tkr at the default T = 5; "<10" and "skyddat" at skydd=10', async () => {
    const { page, log } = await openPage(site.browser);
    await nyckeltal(page, '');
    // 5 households; 12 months × 5 households × 5 000 kr = 300 000 kr.
    expect([await value(page, 'aktiva_hushall'), await value(page, 'utbetalt')]).toEqual(['5', '300,0 tkr']);
    expect(await page.getByLabel('Skyddsgräns').inputValue()).toBe('5');

    await nyckeltal(page, '&skydd=10');
    expect([await value(page, 'aktiva_hushall'), await value(page, 'hushall_under_perioden'), await value(page, 'utbetalt'), await value(page, 'utbetalt_per_hushall')]).toEqual(['<10', '<10', 'skyddat', 'skyddat']);
    const text = plain(await page.getByTestId('metrics-page').innerText());
    expect(text).toContain('skyddat: färre än 10 hushåll');
    for (const leak of ['300,0 tkr', '5 000 kr', '+4,2 %']) expect(text).not.toContain(leak);
    // A month of 5 households is below T = 10: no point in the monthly charts.
    expect(await page.locator('circle.point').count()).toBe(0);
    expect(await page.getByLabel('Skyddsgräns').inputValue()).toBe('10');
    expect(log.pageErrors).toEqual([]);
  });

  it('the setting writes skydd= into the link; an invalid value says why and keeps 5', async () => {
    const { page } = await openPage(site.browser);
    await nyckeltal(page, '');
    await page.getByLabel('Skyddsgräns').fill('10');
    await page.getByLabel('Skyddsgräns').press('Tab');
    await expect.poll(() => value(page, 'aktiva_hushall'), { timeout: 60_000 }).toBe('<10');
    expect(new URL(page.url()).hash).toContain('skydd=10');

    await nyckeltal(page, '&skydd=1');
    expect(plain(await page.getByTestId('threshold-problem').innerText())).toBe('Skyddsgränsen "1" går inte (den ska vara ett heltal 2–100). Sidan använder standardgränsen 5.');
    expect(await value(page, 'aktiva_hushall')).toBe('5');
  });

  it('månadsrapport for Femman at skydd=10: the KPI reads "<10" and the CSV download holds no figure of the 5', async () => {
    const { page } = await openPage(site.browser);
    await openNotebook(page, `${site.url}?data=${FILE}#/anteckningar/manadsrapport?period=2025-01..2025-12&enhet=Femman&skydd=10`, { timeout: 90_000 });
    await page.locator('[data-cell="aktiva"] .kpi-value').waitFor();
    expect(await page.locator('[data-cell="aktiva"] .kpi-value').innerText()).toBe('<10');
    expect(await page.locator('[data-cell="utbetalt"] .kpi-value').innerText()).toBe('skyddat');
    // The budget table has no households column of its own: the report's 5 households (< 10) protect it.
    const budget = plain(await textInView(page.locator('[data-cell="mot_budget_tabell"]')));
    expect(budget).toContain('Utfall januari–rapportmånaden\tskyddat');
    expect(budget).not.toContain('300 000');
    const dir = mkdtempSync(join(tmpdir(), 'skydd-'));
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('group', { name: 'Rapport' }).getByRole('button', { name: 'CSV' }).click()]);
    const file = join(dir, 'manadsrapport.csv');
    await download.saveAs(file);
    const csv = plain(readFileSync(file, 'utf8'));
    expect(csv).toContain('<10');
    // 5 000 kr a household and month, 25 000 kr a month, 300 000 kr in the year: none may be in the file.
    for (const leak of ['5000', '25000', '300000', '5 000', '25 000', '300 000']) expect(csv).not.toContain(leak);
  });
});
