/**
 * Small counts on the page (docs/metrics.md, "Små antal"), in Chromium, over the fixture with enheter of
 * 1 (Ettan), 4 (Fyran) and 5 (Femman) households (tests/fixtures/suppression/small-groups.ts), prepared for
 * the browser by `prepare-data` and loaded with `?data=`. The leak strings are the fixture's own amounts.
 */
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DIST_DIR, launch, openPage, serveDist } from './harness.ts';
import { SMALL_GROUPS_CSV } from '../fixtures/suppression/small-groups.ts';

const FILE = 'data/small-groups.arrow';
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');
/** Amounts, per-household amounts, shares and changes of Ettan and Fyran in 2025 as the page would write them. */
const LEAKS: Record<string, string[]> = {
  Ettan: ['7 777', '93,3 tkr', '93 324', '+11,1 %', '100 %'],
  Fyran: ['6 111', '24 444', '293,3 tkr', '293 328', '+1,9 %', '75 %'],
};

describe('small counts on the page', () => {
  let browser: Browser;
  let server: { url: string; close: () => Promise<void> };

  beforeAll(async () => {
    const made = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/prepare-data.ts', '--data', SMALL_GROUPS_CSV, '--out', `${DIST_DIR}/${FILE}`], { encoding: 'utf8', timeout: 120_000 });
    if (made.status !== 0) throw new Error(`prepare-data misslyckades: ${made.stderr}`);
    server = await serveDist();
    browser = await launch();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function nyckeltal(page: Page, enhet: string): Promise<string> {
    await page.goto(`${server.url}?data=${FILE}#/nyckeltal?enhet=${enhet}&from=2025-01&to=2025-12`);
    await page.locator('[data-testid="metrics-page"][data-state="ready"] [data-kpi="utbetalt"]').waitFor({ timeout: 90_000 });
    return plain(await page.getByTestId('kpis').innerText());
  }

  it.each(['Ettan', 'Fyran'])('Nyckeltal for %s: "<5" and "skyddat", none of its amounts, shares or changes', async (enhet) => {
    const { page, log } = await openPage(browser);
    const text = await nyckeltal(page, enhet);
    expect(await page.locator('[data-kpi="aktiva_hushall"] .value').innerText()).toBe('<5');
    expect(await page.locator('[data-kpi="utbetalt"] .value').innerText()).toBe('skyddat');
    expect(text).toContain('skyddat: färre än 5 hushåll');
    for (const leak of LEAKS[enhet]!) expect(text).not.toContain(leak);
    // The monthly charts draw no point for the group, and no axis tick reads "<5".
    expect(await page.locator('circle.point').count()).toBe(0);
    expect(await page.locator('svg text').allInnerTexts()).not.toContain('<5');
    expect(log.pageErrors).toEqual([]);
  });

  it('Nyckeltal for Femman (5 households) shows its numbers', async () => {
    const { page } = await openPage(browser);
    const text = await nyckeltal(page, 'Femman');
    expect(await page.locator('[data-kpi="aktiva_hushall"] .value').innerText()).toBe('5');
    // 12 × 5 × 5 000 kr; 5 000 kr a household and month; all via e-tjänst.
    expect(plain(await page.locator('[data-kpi="utbetalt"] .value').innerText())).toBe('300,0 tkr');
    expect(plain(await page.locator('[data-kpi="utbetalt_per_hushall"] .value').innerText())).toBe('5 000 kr');
    expect(plain(await page.locator('[data-kpi="e_andel"] .value').innerText())).toBe('100 %');
    expect(text).toContain('+4,2 % mot året innan');
    // Within the group of 5, 3 children is a count of 1–4 and 3 of 5 with a handlingsplan a share whose numerator is.
    expect(await page.locator('[data-kpi="barn"] .value').innerText()).toBe('<5');
    expect(await page.locator('[data-kpi="handlingsplan"] .value').innerText()).toBe('skyddat');
    expect(await page.locator('circle.point').count()).toBeGreaterThan(0);
  });

  it.each(['Ettan', 'Fyran'])('Månadsrapport for %s: "<5", no amounts, no "<5" ticks, no row counts or SQL names', async (enhet) => {
    const { page, log } = await openPage(browser);
    await page.goto(`${server.url}?data=${FILE}#/anteckningar/manadsrapport?period=2025-01..2025-12&enhet=${enhet}`);
    await page.locator('article.notebook').waitFor({ timeout: 90_000 });
    await page.waitForFunction(() => {
      const a = document.querySelector('article.notebook') as HTMLElement | null;
      return !!a && a.dataset.running === 'false' && !document.querySelector('[data-status="running"],[data-status="pending"]');
    }, undefined, { timeout: 90_000 });
    await page.locator('[data-cell="aktiva"] .kpi-value').waitFor();
    const text = plain(await page.locator('article.notebook').innerText());
    expect(await page.locator('[data-cell="aktiva"] .kpi-value').innerText()).toBe('<5');
    expect(await page.locator('[data-cell="utbetalt"] .kpi-value').innerText()).toBe('skyddat');
    expect(text).toContain('skyddat: färre än 5 hushåll');
    for (const leak of LEAKS[enhet]!) expect(text).not.toContain(leak);
    expect(text).not.toMatch(/\+<5|\d+ rader\b|Mått manad|\bhelar|\bberakning|\bvarde\b/);
    expect(text).toContain('december 2025');
    expect(await page.locator('svg text').allInnerTexts()).not.toContain('<5');
    expect(log.pageErrors).toEqual([]);
  });
});
