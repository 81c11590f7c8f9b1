/**
 * Issue 11, "12 M rows in the browser": opening the Månadsrapport must not load the raw rows (670 MB
 * at 12 M rows, 89 s before the report went live) nor `hm`. Its filter choices, budget check and
 * `manad` look-up read the loaded prepared tables; a statement that names `utbetalningar` (the SQL
 * console here) still loads the raw rows then (docs/data.md, "Förberedda tabeller").
 */
import { describe, expect, it } from 'vitest';
import { NodeConnector } from '../../src/engine/node-connector.ts';
import { notebookSettled, openPage, useSite } from './harness.ts';

/** The sample's units and row count, by plain SQL over the committed Parquet file (not through the page). */
async function sampleFacts(): Promise<{ units: string[]; rows: number }> {
  const db = await NodeConnector.open();
  try {
    await db.loadFile('utbetalningar', 'data/utbetalningar.parquet');
    const units = (await db.query('SELECT DISTINCT enhet FROM utbetalningar WHERE enhet IS NOT NULL ORDER BY 1')).getChild('enhet')!.toArray() as string[];
    const rows = Number((await db.query('SELECT count(*)::DOUBLE AS n FROM utbetalningar')).getChild('n')!.get(0));
    return { units: [...units], rows };
  } finally {
    await db.close();
  }
}

const isRawFile = (url: string) => /\/data\/utbetalningar\.arrow(\?|$)/.test(url);
// hm_g3.arrow (the household-month table); hm_manader_g3, the small month list, is loaded at start.
const isHmFile = (url: string) => /\/hm_g\d+\.arrow(\?|$)/.test(url);

describe('Månadsrapport on the prepared tables', () => {
  const site = useSite();

  it('opens live without fetching the raw rows or hm; the console still loads the raw rows on demand', async () => {
    const facts = await sampleFacts();
    const { page, log } = await openPage(site.browser);
    await page.goto(`${site.url}#/anteckningar/manadsrapport`);
    await page.locator('article.notebook').waitFor({ timeout: 120_000 });
    await notebookSettled(page, { live: true });
    // Every cell ran to ok or skipped, none failed.
    expect(await page.locator('[data-status="error"],[data-status="blocked"]').count()).toBe(0);
    // The prepared tables were fetched (so the page is live on them) …
    expect(log.requests.some((u) => /\.prepared\/agg_manad_g3\.arrow/.test(u))).toBe(true);
    // … and neither the raw rows nor hm.
    expect(log.requests.filter(isRawFile)).toEqual([]);
    expect(log.requests.filter(isHmFile)).toEqual([]);

    const options = await page.locator('[data-input="enhet"] select option').allTextContents();
    expect(options).toEqual(['Alla', ...facts.units]);

    await page.evaluate(() => (location.hash = '#/'));
    await page.locator('#console-sql').fill('SELECT count(*) AS n FROM utbetalningar');
    await page.getByRole('button', { name: 'Kör', exact: true }).click();
    const cell = page.getByTestId('console-result').locator('td').first();
    await cell.waitFor({ timeout: 120_000 });
    expect((await cell.textContent())?.replace(/\s/g, '')).toBe(String(facts.rows));
    // The page's and the context's listeners may both log the one request.
    expect(new Set(log.requests.filter(isRawFile)).size).toBe(1);
    expect(log.pageErrors).toEqual([]);
  }, 300_000);
});
