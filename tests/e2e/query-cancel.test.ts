import { describe, expect, it } from 'vitest';
import { openPage, useSite } from './harness.ts';

// A cross join typed by mistake: 10^12 row pairs, hours of work unless the engine is interrupted.
// (A cross join with a condition on both sides, a nested-loop join, cannot be stopped this way in the
// browser: docs/notebooks.md "Avbryta en fråga".)
const RUNAWAY = 'SELECT sum(a.x + b.y) AS s FROM range(1000000) a(x), range(1000000) b(y)';

describe('a runaway query in the SQL console', () => {
  const site = useSite();

  it('is stopped by Avbryt, after which the console and Nyckeltal answer', async () => {
    const { page, log } = await openPage(site.browser);
    await page.goto(site.url);
    await page.getByTestId('overview-charts').waitFor({ timeout: 60_000 });
    await page.locator('#console-sql').fill(RUNAWAY);
    await page.getByRole('button', { name: 'Kör', exact: true }).click();
    await page.getByText('Räknar …').waitFor({ timeout: 5_000 });
    // Still running a second later: it is the runaway, not a quick answer.
    await page.waitForTimeout(1_000);
    expect(await page.getByText('Räknar …').isVisible()).toBe(true);

    const stopped = Date.now();
    await page.getByTestId('console-cancel').click();
    await page.getByText('Frågan avbröts.').waitFor({ timeout: 5_000 });
    expect(Date.now() - stopped).toBeLessThan(5_000);

    // The user connection is free again …
    await page.locator('#console-sql').fill('SELECT count(*) AS n FROM utbetalningar');
    await page.getByRole('button', { name: 'Kör', exact: true }).click();
    await page.getByTestId('console-result').locator('table').waitFor({ timeout: 30_000 });
    // … and so is the app's: Nyckeltal computes a filter it has not cached.
    await page.evaluate(() => (location.hash = '#/nyckeltal?enhet=S%C3%B6der'));
    await page.locator('[data-testid="metrics-page"][data-state="ready"] [data-testid="kpis"]').waitFor({ timeout: 30_000 });
    expect(log.pageErrors).toEqual([]);
  });
});
