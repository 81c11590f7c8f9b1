import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { readFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { DIST_DIR, launch, openPage, serveDist } from './harness.ts';
import { NodeConnector } from '../../src/engine/node-connector.ts';
import { formatCount } from '../../src/format/sv.ts';
import { formatMetricValue } from '../../src/format/metric.ts';

/**
 * The pre-computed first screens (src/metrics/snapshot.ts, docs/architecture.md "Förberäknat"): shown at
 * once while the engine starts, then replaced by live figures that must read exactly the same. The
 * data files are held back (`holdData`) so the pre-computed state lasts as long as the test needs it.
 */
const DATA = process.env.E2E_DATA ?? 'data/utbetalningar.parquet';
const SNAPSHOT = `${DIST_DIR}/data/utbetalningar.forberaknat.json`;
const BADGE = '[data-testid="forberaknat"]';
const OVERVIEW = 'section[aria-labelledby="overview-h"]';
const METRICS = '[data-testid="metrics-page"]';
const REPORT = 'article.notebook[data-notebook="manadsrapport"]';

/** Holds every data request except the snapshot until `release()`, so the engine cannot go live before. */
async function holdData(page: Page, snapshot?: (json: string) => string): Promise<() => void> {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/data/**', async (route) => {
    const url = route.request().url();
    if (url.endsWith('.forberaknat.json')) {
      if (!snapshot) return route.continue();
      const original = await readFile(SNAPSHOT, 'utf8');
      return route.fulfill({ status: 200, contentType: 'application/json', body: snapshot(original) });
    }
    await gate;
    return route.continue();
  });
  return release;
}

/**
 * Records whether the pages were ever taken down after they first appeared: a dropped snapshot
 * rebuilds them (the app shows its loading line in between); a snapshot that goes live does not.
 */
async function watchRemount(page: Page): Promise<() => Promise<boolean>> {
  await page.addInitScript(() => {
    const w = window as unknown as { remounted: boolean };
    w.remounted = false;
    let seen = false;
    new MutationObserver(() => {
      const present = document.querySelector('nav.pages') !== null;
      if (present) seen = true;
      else if (seen) w.remounted = true;
    }).observe(document, { childList: true, subtree: true });
  });
  return () => page.evaluate(() => (window as unknown as { remounted: boolean }).remounted);
}

/** The figures a section shows, as text, without the "förberäknat" label itself. */
async function figures(page: Page, section: string): Promise<string> {
  // A notebook's cells out of view are not rendered (content-visibility), so their innerText is empty:
  // the report is read as textContent, the same way on both sides of a comparison. Its page is opened
  // tall enough to have every chart on screen, so each draws its current figures (nearness.svelte.ts).
  const l = page.locator(section);
  const text = section === REPORT ? ((await l.textContent()) ?? '') : await l.innerText();
  return text.replace(/\s*förberäknat\s*/g, ' ').replace(/\s+/g, ' ').trim();
}

async function waitLive(page: Page, section: string): Promise<void> {
  await page.locator(BADGE).waitFor({ state: 'detached', timeout: 120_000 });
  await page.locator('.source', { hasText: 'Allt körs lokalt i webbläsaren.' }).waitFor({ timeout: 120_000 });
  if (section === METRICS) await page.locator(`${METRICS}[data-state="ready"]`).waitFor({ timeout: 120_000 });
}

/** First screen while held, then the live screen: both as text. */
async function precomputedThenLive(page: Page, url: string, section: string, ready: string): Promise<{ first: string; live: string; remounted: boolean }> {
  const remounted = await watchRemount(page);
  const release = await holdData(page);
  await page.goto(url);
  await page.locator(`${section} ${BADGE}`).waitFor({ timeout: 60_000 });
  await page.locator(`${section} ${ready}`).first().waitFor();
  const first = await figures(page, section);
  release();
  await waitLive(page, section);
  return { first, live: await figures(page, section), remounted: await remounted() };
}

describe('pre-computed first screens', () => {
  let browser: Browser;
  let server: { url: string; close: () => Promise<void> };
  let plain: { lastMonthHouseholds: number; lastMonthPaid: number; paid2025: number };

  beforeAll(async () => {
    // The månadsrapport's record is keyed by its notebook's text: a site built from public/data older
    // than the text (prepare-data not re-run after an edit) rightly never shows it. Say that here,
    // rather than as a timeout waiting for data-precomputed="true" below.
    const record = (JSON.parse(await readFile(SNAPSHOT, 'utf8')) as { notebooks?: Record<string, { textSha256: string }> }).notebooks?.manadsrapport;
    const text = createHash('sha256').update(await readFile('src/notebooks/builtin/manadsrapport.md')).digest('hex');
    if (record?.textSha256 !== text) throw new Error(`${SNAPSHOT} was recorded from another text of the månadsrapport: run npm run prepare-data and build again`);
    // Plain SQL over the file the site was prepared from: the live page is checked against it.
    const db = await NodeConnector.open();
    await db.loadFile('utbetalningar', DATA);
    const t = await db.query(`SELECT
        count(DISTINCT hushall_id) FILTER (WHERE manad = '2025-12')::DOUBLE AS h,
        sum(utbetalt_kr) FILTER (WHERE manad = '2025-12')::DOUBLE AS p,
        sum(utbetalt_kr) FILTER (WHERE manad BETWEEN '2025-01' AND '2025-12')::DOUBLE AS y
      FROM utbetalningar WHERE utbetalt_kr > 0`);
    const row = t.get(0)!.toJSON() as Record<string, number>;
    plain = { lastMonthHouseholds: row.h!, lastMonthPaid: row.p!, paid2025: row.y! };
    await db.close();
    server = await serveDist();
    browser = await launch();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('Översikt: the figures shown before the engine starts equal the live ones, which equal plain SQL', async () => {
    const { page, log } = await openPage(browser);
    const { first, live, remounted } = await precomputedThenLive(page, server.url, OVERVIEW, '[data-testid="overview-charts"] svg');
    expect(live).toBe(first);
    // Swapped in place: the same components stayed on screen (no rebuild, no jump).
    expect(remounted).toBe(false);
    // Newest month first or last: find the December 2025 row, and check it against plain SQL.
    const row = page.locator(`${OVERVIEW} table tbody tr`, { hasText: 'december 2025' });
    const cells = (await row.locator('td').allInnerTexts()).map((s) => s.replace(/\s/g, ''));
    expect(cells[1]).toBe(String(plain.lastMonthHouseholds));
    expect(cells[2]).toBe(`${Math.round(plain.lastMonthPaid)}kr`);
    expect(log.pageErrors).toEqual([]);
  });

  it('Nyckeltal: the pre-computed KPIs, series and yearly table equal the live page', async () => {
    const { page, log } = await openPage(browser);
    const { first, live, remounted } = await precomputedThenLive(page, `${server.url}#/nyckeltal`, METRICS, '.kpi .value');
    expect(live).toBe(first);
    expect(remounted).toBe(false);
    // Utbetalt over the default KPI months (2025), from plain SQL, formatted as every amount is.
    const paid = await page.locator('[data-kpi="utbetalt"] .value').innerText();
    expect(paid.replace(/\s/g, ' ')).toBe(formatMetricValue(plain.paid2025, 'kr').replace(/\s/g, ' '));
    expect(log.pageErrors).toEqual([]);
  });

  it('a snapshot with one figure changed fails the comparison', async () => {
    const { page } = await openPage(browser);
    const release = await holdData(page, (json) => {
      const s = JSON.parse(json);
      s.overview.households[s.overview.households.length - 1] += 1000;
      return JSON.stringify(s);
    });
    await page.goto(server.url);
    await page.locator(`${OVERVIEW} ${BADGE}`).waitFor({ timeout: 60_000 });
    const first = await figures(page, OVERVIEW);
    release();
    await waitLive(page, OVERVIEW);
    expect(await figures(page, OVERVIEW)).not.toBe(first);
    expect(first.replace(/\s/g, ' ')).toContain(formatCount(plain.lastMonthHouseholds + 1000).replace(/\s/g, ' '));
  });

  it('a snapshot of other data is dropped when the data loads and never shown as live', async () => {
    const { page } = await openPage(browser);
    const wrong = plain.lastMonthHouseholds + 1000;
    const release = await holdData(page, (json) => {
      const s = JSON.parse(json);
      s.data.sha256 = '0'.repeat(64);
      s.overview.households[s.overview.households.length - 1] = wrong;
      return JSON.stringify(s);
    });
    const remounted = await watchRemount(page);
    // Every 10 ms: is the wrong figure on screen, and is it marked?
    await page.addInitScript(() => {
      const seen: { wrongText: string | null; badge: boolean }[] = [];
      (window as unknown as { seen: typeof seen }).seen = seen;
      setInterval(() => {
        const cell = document.querySelector('section[aria-labelledby="overview-h"]');
        seen.push({ wrongText: cell?.textContent ?? null, badge: document.querySelector('[data-testid="forberaknat"]') !== null });
      }, 10);
    });
    await page.goto(server.url);
    await page.locator(`${OVERVIEW} ${BADGE}`).waitFor({ timeout: 60_000 });
    release();
    await waitLive(page, OVERVIEW);
    const wrongText = formatCount(wrong);
    const seen = await page.evaluate(() => (window as unknown as { seen: { wrongText: string | null; badge: boolean }[] }).seen);
    const shown = seen.filter((s) => s.wrongText?.includes(wrongText));
    expect(shown.length).toBeGreaterThan(0); // it was shown while loading, marked …
    expect(shown.every((s) => s.badge)).toBe(true); // … and never without the mark
    expect(await remounted()).toBe(true); // dropped: the pages were rebuilt on the live engine
    // The rebuilt page computes its figures a moment after the mark goes ("Beräknar …" meanwhile).
    await expect.poll(() => figures(page, OVERVIEW), { timeout: 60_000 }).toContain(formatCount(plain.lastMonthHouseholds).replace(/\s/g, ' '));
    expect(await figures(page, OVERVIEW)).not.toContain(wrongText.replace(/\s/g, ' '));
  });

  it('a view other than the one pre-computed (G = 4) waits for the engine instead', async () => {
    const { page } = await openPage(browser);
    const release = await holdData(page);
    await page.goto(`${server.url}#/nyckeltal?G=4`);
    await page.locator('.source [role="status"]').waitFor({ timeout: 60_000 });
    await page.waitForTimeout(500);
    expect(await page.locator(`${METRICS} ${BADGE}`).count()).toBe(0);
    expect(await page.locator('.kpi').count()).toBe(0);
    release();
    await page.locator('.kpi .value').first().waitFor({ timeout: 120_000 });
    expect(await page.locator(BADGE).count()).toBe(0);
  });

  /** The månadsrapport as text and its height: from the record while held, then live (same text, same height). */
  async function reportPrecomputedThenLive(page: Page, snapshot?: (json: string) => string) {
    const remounted = await watchRemount(page);
    const release = await holdData(page, snapshot);
    // Every cell on screen (the report is about 5 800 px tall at this width): none is held far away.
    await page.setViewportSize({ width: 1280, height: 8000 });
    await page.goto(`${server.url}#/anteckningar/manadsrapport`);
    await page.locator(`${REPORT}[data-precomputed="true"][data-running="false"]`).waitFor({ timeout: 60_000 });
    const first = await figures(page, REPORT);
    const height = (await page.locator(REPORT).boundingBox())!.height;
    release();
    await page.locator(`${REPORT}[data-precomputed="false"][data-running="false"]`).waitFor({ timeout: 180_000 });
    return { first, height, remounted };
  }

  it('månadsrapport: the default view answered from the recorded statements equals the live report, in place', async () => {
    const { page, log } = await openPage(browser);
    const { first, height, remounted } = await reportPrecomputedThenLive(page);
    expect(first).toContain('Aktiva hushåll');
    // Distinct counts may refine after the run: the live text settles on exactly the pre-computed one.
    let last = '';
    try {
      await expect.poll(async () => (last = await figures(page, REPORT)), { timeout: 60_000, interval: 500 }).toBe(first);
    } catch (e) {
      let i = 0;
      while (i < first.length && first[i] === last[i]) i++;
      // Where the two differ, for the log: the assertion's own message cuts both texts off early.
      console.log(`Pre-computed and live differ at character ${i}:\n${first.slice(i - 200, i + 400)}\n---\n${last.slice(i - 200, i + 400)}`);
      throw e;
    }
    expect(await page.locator(`${REPORT} ${BADGE}`).count()).toBe(0);
    expect(await remounted()).toBe(false);
    expect(Math.abs((await page.locator(REPORT).boundingBox())!.height - height)).toBeLessThan(2);
    // The report month's households (December 2025, the period's last month), against plain SQL.
    expect(first.replace(/\s/g, ' ')).toContain(formatCount(plain.lastMonthHouseholds).replace(/\s/g, ' '));
    expect(log.pageErrors).toEqual([]);
  });

  it('månadsrapport: a record with two statements swapped shows figures the live report does not', async () => {
    const { page } = await openPage(browser);
    const { first } = await reportPrecomputedThenLive(page, (json) => {
      const s = JSON.parse(json);
      const st = s.notebooks.manadsrapport.statements as Record<string, string>;
      const keys = Object.keys(st).filter((k) => k.startsWith('user'));
      [st[keys[0]!], st[keys[1]!]] = [st[keys[1]!]!, st[keys[0]!]!];
      return JSON.stringify(s);
    });
    await page.waitForTimeout(2000);
    expect(await figures(page, REPORT)).not.toBe(first);
  });

  it('månadsrapport: another period in the link, or a record of another notebook text, waits for the engine', async () => {
    for (const [hash, snapshot] of [
      ['#/anteckningar/manadsrapport?period=2025-01..2025-06', undefined],
      ['#/anteckningar/manadsrapport', (json: string) => json.replace(/"textSha256":"[0-9a-f]+"/, `"textSha256":"${'0'.repeat(64)}"`)],
    ] as const) {
      const { page } = await openPage(browser);
      const release = await holdData(page, snapshot);
      await page.goto(`${server.url}${hash}`);
      await page.locator('.source [role="status"]').waitFor({ timeout: 60_000 });
      await page.waitForTimeout(1500);
      expect(await page.locator(REPORT).count()).toBe(0);
      release();
      await page.locator(`${REPORT}[data-precomputed="false"][data-running="false"]`).waitFor({ timeout: 180_000 });
      expect(await page.locator(BADGE).count()).toBe(0);
      await page.close();
    }
    // Two cold loads of the månadsrapport in one test.
  }, 300_000);
});
