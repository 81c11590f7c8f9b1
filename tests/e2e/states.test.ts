import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openNotebook, openPage, useSite, DIST_DIR } from './harness.ts';
import { NodeConnector } from '../../src/engine/node-connector.ts';

const DATA = process.env.E2E_DATA ?? 'data/utbetalningar.parquet';
// The test's own month names, not the page's src/format.
const MONTHS = ['januari', 'februari', 'mars', 'april', 'maj', 'juni', 'juli', 'augusti', 'september', 'oktober', 'november', 'december'];
const month = (ym: string) => `${MONTHS[Number(ym.slice(5, 7)) - 1]} ${ym.slice(0, 4)}`;

describe('clear states: what is wrong and what is shown instead', () => {
  let first = '';
  let last = '';
  beforeAll(async () => {
    const db = await NodeConnector.open();
    const t = await db.query(`SELECT min(substr(CAST(manad AS VARCHAR), 1, 7)) AS a, max(substr(CAST(manad AS VARCHAR), 1, 7)) AS b FROM read_parquet('${DATA}')`);
    first = String(t.getChild('a')!.get(0));
    last = String(t.getChild('b')!.get(0));
    await db.close();
  });
  const site = useSite();

  it('a notebook link to 2030 says the data has no such months and shows the notebook’s own period', async () => {
    const { page } = await openPage(site.browser);
    await openNotebook(page, `${site.url}#/anteckningar/delarsbokslut?period=2030-01..2030-12`);
    const note = page.locator('.nb-head [role=status]', { hasText: '2030' });
    // The delårsbokslut's own period is January–August 2025 (its file).
    expect(await note.innerText()).toBe(
      `Perioden januari 2030–december 2030 finns inte i datan, som har ${month(first)}–${month(last)}. Visar i stället januari 2025–augusti 2025.`,
    );
    expect(await page.locator('[data-cell="sammanstallning_tabell"]').innerText()).not.toMatch(/Utfall för perioden\s+–/);
    await page.screenshot({ path: join(tmpdir(), 'state-period-2030.png'), fullPage: false });
  }, 600_000);

  it('Nyckeltal with W=0 says so and uses W = 12 everywhere on the page', { timeout: 600_000 }, async () => {
    const { page } = await openPage(site.browser);
    await page.goto(`${site.url}#/nyckeltal?W=0`);
    const problem = page.getByTestId('view-problem');
    await problem.waitFor({ timeout: 240_000 });
    expect(await problem.innerText()).toBe('W = 0 går inte (W ska vara ett heltal 1–60). Sidan använder W = 12.');
    await page.locator('[data-testid="metrics-page"][data-state="ready"]').waitFor({ timeout: 240_000 });
    expect(await page.getByTestId('metrics-page').innerText()).toContain('W = 12 månader');
  });

  it('Nyckeltal with an enhet and a hushållstyp the data lacks says so per filter, keeps them in the link, and "Rensa filter" clears it', { timeout: 600_000 }, async () => {
    const { page } = await openPage(site.browser);
    await page.goto(`${site.url}#/nyckeltal?enhet=${encodeURIComponent('Öster')}&enhet=Norr&hushallstyp=finns-inte`);
    await page.locator('[data-testid="metrics-page"][data-state="ready"]').waitFor({ timeout: 240_000 });
    await expect
      .poll(() => page.getByTestId('view-problem').allInnerTexts(), { timeout: 60_000 })
      .toEqual([
        'Enhet: "Öster" finns inte i datan och ger därför inga hushåll. Välj bland filtrets alternativ eller rensa det.',
        'Hushållstyp: "finns-inte" finns inte i datan och ger därför inga hushåll. Välj bland filtrets alternativ eller rensa det.',
      ]);
    expect(decodeURIComponent(page.url())).toContain('enhet=Öster');
    await page.getByRole('button', { name: 'Rensa filter' }).click();
    await expect.poll(() => page.getByTestId('view-problem').count(), { timeout: 60_000 }).toBe(0);
  });

  it('the delårsbokslut’s monthly chart has no actuals after the chosen period; a year without budget says why "–"', async () => {
    const { page } = await openPage(site.browser);
    await openNotebook(page, `${site.url}#/anteckningar/delarsbokslut`);
    // The queries' data is shown in the edit view.
    await page.getByRole('button', { name: 'Redigera', exact: true }).click();
    const cell = page.locator('[data-cell="per_manad"]');
    await cell.locator('summary').click();
    // The table is drawn when the fold opens, a moment after the click.
    await cell.locator('tbody tr').nth(11).waitFor({ timeout: 30_000 });
    const rows = await cell.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td,th')].map((c) => (c as HTMLElement).innerText.trim())));
    expect(rows).toHaveLength(12);
    // Columns: manad, Utfall, Budget. January–August have actuals, September–December none.
    for (const [i, r] of rows.entries()) {
      if (i < 8) expect(r[1], r[0]).not.toMatch(/^(–|)$/);
      else expect(r[1], r[0]).toMatch(/^(–|)$/);
    }
    expect(await page.getByTestId('budget-gap').count()).toBe(0);
    await page.getByRole('button', { name: 'Klar' }).click();

    await openNotebook(page, `${site.url}#/anteckningar/delarsbokslut?period=2023-01..2023-08`);
    // data/budget.csv has 2024 and 2025 only.
    // The note waits until the budget table has been read.
    await expect
      .poll(() => page.getByTestId('budget-gap').innerText(), { timeout: 60_000 })
      .toBe('Budgetfilen har ingen budget för 2023 (den har budget för 2024, 2025). Därför står streck (–) för budget och avvikelse mot budget.');
    await page.screenshot({ path: join(tmpdir(), 'state-no-budget.png'), fullPage: false });
  }, 600_000);
});

describe('when the data cannot be loaded', () => {
  const site = useSite();

  async function failed(page: Page, query: string): Promise<{ text: string }> {
    await page.goto(`${site.url}?${query}#/oversikt`);
    const box = page.getByTestId('no-data');
    await box.waitFor({ timeout: 240_000 });
    return { text: await box.innerText() };
  }

  it('a missing file is "hittades inte"; Scenarier and the notebook editor still work', async () => {
    const { page, log } = await openPage(site.browser);
    const { text } = await failed(page, 'data=data/finns-inte.arrow');
    expect(text).toContain('data/finns-inte.arrow');
    expect(text).toContain('Datafilen hittades inte på webbplatsen (HTTP 404).');
    expect(await page.getByTestId('page-needs-data').innerText()).toContain('Översikt');
    await page.screenshot({ path: join(tmpdir(), 'state-no-data.png'), fullPage: true });

    // Scenarier: a worked example has its own figures and needs no data.
    await page.goto(`${site.url}?data=data/finns-inte.arrow#/scenarier?s=exempel-1`);
    await page.getByTestId('baseline').waitFor({ timeout: 240_000 });
    expect(await page.locator('h2#scen-h').count()).toBe(1);
    await page.screenshot({ path: join(tmpdir(), 'state-no-data-scenarier.png'), fullPage: false });

    // The notebook editor: a new notebook with a text cell, written and saved.
    await page.goto(`${site.url}?data=data/finns-inte.arrow#/anteckningar`);
    await page.getByRole('button', { name: 'Ny anteckningsbok' }).click({ timeout: 240_000 });
    await page.locator('article.notebook').waitFor({ timeout: 240_000 });
    await page.getByRole('button', { name: 'Redigera', exact: true }).click();
    await page.getByRole('button', { name: '+ Text' }).click();
    await page.locator('section.cell').last().getByRole('button', { name: /^Redigera cell/ }).click();
    await page.getByTestId('text-editor').locator('textarea').fill('Utan data går det ändå att skriva.');
    await page.getByRole('button', { name: 'Spara och kör' }).click();
    expect(await page.locator('section.cell-text').last().locator('.md').innerText()).toBe('Utan data går det ändå att skriva.');
    // A cell that reads data says why it cannot run.
    await page.getByRole('button', { name: '+ Fråga (SQL)' }).click();
    await expect.poll(() => page.locator('[data-cell="fraga"] .cell-error').innerText(), { timeout: 60_000 }).toMatch(/^SQL fraga: Ingen data är inläst.*HTTP 404/s);
    expect(log.pageErrors).toEqual([]);
  }, 600_000);

  it('a refused ?data= loads nothing (not the sample) and says what was asked for', { timeout: 600_000 }, async () => {
    const { page, log } = await openPage(site.browser);
    const { text } = await failed(page, 'data=https://example.org/x.arrow');
    expect(text).toContain('Adressens datafil godtas inte');
    expect(text).toContain('data=https://example.org/x.arrow');
    expect(log.requests.filter((u) => u.includes('utbetalningar.'))).toEqual([]);
  });

  it('an HTTP 500 is a server error and a cut-off file is "avkortad", not "saknar kolumner"', { timeout: 600_000 }, async () => {
    const { page } = await openPage(site.browser);
    await page.route('**/data/trasig-server.arrow', (r) => r.fulfill({ status: 500, body: 'fel' }));
    const whole = readFileSync(join(DIST_DIR, 'data/utbetalningar.arrow'));
    await page.route('**/data/avkortad.arrow', (r) => r.fulfill({ status: 200, body: whole.subarray(0, Math.floor(whole.length / 2)) }));
    expect((await failed(page, 'data=data/trasig-server.arrow')).text).toContain('svarade med ett fel när datafilen hämtades (HTTP 500)');
    const cut = (await failed(page, 'data=data/avkortad.arrow')).text;
    expect(cut).toContain('Datafilen är avkortad');
    expect(cut).not.toMatch(/saknar obligatoriska kolumner|hittades inte/);
  });
});
