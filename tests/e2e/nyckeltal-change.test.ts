import { describe, expect, it } from 'vitest';
import { openPage, useSite } from './harness.ts';
import { count, plain } from './expected-format.ts';

const DATA = process.env.E2E_DATA ?? 'data/utbetalningar.parquet';

/** Households per month (average) and distinct households for one enhet and months, by plain SQL on the data file. */
async function expected(enhet: string, from: string, to: string, months: number): Promise<Record<string, string>> {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const con = await (await DuckDBInstance.create(':memory:')).connect();
  try {
    const [r] = (await con.runAndReadAll(`SELECT count(*) / ${months} AS per_month, count(DISTINCT hushall_id) AS households
      FROM read_parquet('${DATA}') WHERE utbetalt_kr > 0 AND enhet = '${enhet}' AND left(CAST(manad AS VARCHAR), 7) BETWEEN '${from}' AND '${to}'`))
      .getRowObjectsJS() as Record<string, unknown>[];
    return { aktiva_hushall: count(Number(r!.per_month)), hushall_under_perioden: count(Number(r!.households)) };
  } finally {
    con.closeSync();
  }
}

describe('a Nyckeltal filter change in Chromium', () => {
  const site = useSite();

  it('marks the figures being replaced as "Räknar …" while they are computed, and shows plain SQL\'s figures after', async () => {
    const { page, log } = await openPage(site.browser);
    const ready = () => page.waitForFunction(() => document.querySelector('[data-testid="metrics-page"]')?.getAttribute('data-state') === 'ready'
      && !document.querySelector('[data-testid="metrics-page"] h2')?.textContent?.includes('förberäknat'), null, { timeout: 120_000 });
    const read = async (ids: string[]) => Object.fromEntries(await Promise.all(ids.map(async (id) =>
      [id, plain(await page.locator(`[data-kpi="${id}"] .value`).innerText())] as const)));
    await page.goto(`${site.url}#/nyckeltal`);
    await ready();

    // Whole calendar years: answered from the page tables in JavaScript.
    await page.evaluate(() => (location.hash = '#/nyckeltal?enhet=Norr'));
    await ready();
    expect(await read(['aktiva_hushall', 'hushall_under_perioden'])).toEqual(await expected('Norr', '2025-01', '2025-12', 12));

    // Months that are not whole years need the engine (hm): the old figures must be marked while it works.
    await page.evaluate(() => {
      const w = window as unknown as { seenBusy: string[] };
      w.seenBusy = [];
      new MutationObserver(() => {
        const section = document.querySelector('[data-testid="metrics-page"]');
        const busy = document.querySelector('[data-testid="metrics-busy"]');
        if (busy) w.seenBusy.push(`${section?.getAttribute('data-state')} ${section?.getAttribute('aria-busy')} ${busy.textContent}`);
      }).observe(document.body, { subtree: true, childList: true, attributes: true });
      location.hash = '#/nyckeltal?enhet=S%C3%B6der&period=2024-03..2024-08';
    });
    await ready();
    const seen = await page.evaluate(() => (window as unknown as { seenBusy: string[] }).seenBusy);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen[0]).toMatch(/^loading true Räknar …/);
    expect(await page.locator('[data-testid="metrics-busy"]').count()).toBe(0);
    expect(await read(['aktiva_hushall', 'hushall_under_perioden'])).toEqual(await expected('Söder', '2024-03', '2024-08', 6));
    expect(log.consoleErrors).toEqual([]);
  });
});
