import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, openPage, serveDist } from './harness.ts';

const MESSY = 'tests/fixtures/import/browser-messy.csv';
const PERSONNUMMER = 'tests/fixtures/import/personnummer.csv';
// The raw identities in personnummer.csv, in every spelling that could leak (with and without separator, 10 and 12 digits).
const RAW_IDS = ['811218-9876', '8112189876', '19811218-9876', '198112189876', '121212-1212', '1212121212', '701063-2391', '7010632391'];

// Worked by hand from browser-messy.csv (semicolon, decimal comma, "maj 2024" months). Row 18
// (H9, antal barn 1,5) is refused; the other 17 rows are imported.
const EXPECTED_MONTHS = [
  { month: 'maj 2024', households: 6, kr: 8350.5 + 10000 + 5200.25 + 7000 + 6500 + 9000 }, // 46 050,75
  { month: 'juni 2024', households: 6, kr: 8350.5 + 10000 + 5200.25 + 7000 + 6500 + 4000 }, // 41 050,75
  { month: 'juli 2024', households: 5, kr: 8350.5 + 9500 + 5200.25 + 4000 + 3000 }, // 30 050,75
];

const plain = (s: string) => s.replace(/\s/g, '');

async function openImportPage(browser: Browser): Promise<{ page: Page; log: { requests: string[]; pageErrors: string[] } }> {
  const { page, log } = await openPage(browser);
  await page.goto(`${server.url}#/egna-data`);
  await page.getByRole('heading', { name: 'Egna data' }).waitFor({ timeout: 60_000 });
  return { page, log };
}

async function indexedDbDump(page: Page): Promise<string> {
  // Every value in idb-keyval's store, with byte arrays decoded, so text inside the saved Arrow data is searchable.
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open('keyval-store');
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    const values = await new Promise<unknown[]>((resolve, reject) => {
      const r = db.transaction('keyval').objectStore('keyval').getAll();
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    const text = (v: unknown): string => {
      if (v instanceof Uint8Array) return new TextDecoder('latin1').decode(v);
      if (v && typeof v === 'object') return Object.values(v).map(text).join('\n');
      return String(v);
    };
    return values.map(text).join('\n');
  });
}

let server: { url: string; close: () => Promise<void> };

describe('Egna data: import in the browser', () => {
  let browser: Browser;

  beforeAll(async () => {
    server = await serveDist();
    browser = await launch();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('imports a messy CSV, lists the refused row, and every page then shows its hand-known figures', async () => {
    const { page, log } = await openImportPage(browser);
    await page.getByTestId('import-file').setInputFiles(MESSY);
    await page.getByTestId('import-preview').waitFor();
    // Suggestions: Ärende-ID → hushålls-id, Belopp → utbetalt, Månad → månad.
    expect(await page.getByTestId('map-hushall_id').inputValue()).toBe('Ärende-ID');
    expect(await page.getByTestId('map-utbetalt_kr').inputValue()).toBe('Belopp');
    expect(await page.getByTestId('map-manad').inputValue()).toBe('Månad');
    await page.getByRole('button', { name: 'Kontrollera filen' }).click();
    await page.getByTestId('import-validation').waitFor();

    const totals = await page.getByTestId('import-totals').locator('tbody tr').evaluateAll((rows) =>
      rows.map((r) => Array.from(r.querySelectorAll('td'), (td) => td.textContent!.replace(/\s/g, ''))),
    );
    const fileKr = EXPECTED_MONTHS.reduce((s, m) => s + m.kr, 0) + 2000;
    const importedKr = EXPECTED_MONTHS.reduce((s, m) => s + m.kr, 0);
    expect(totals).toEqual([
      ['18', '17'],
      ['9', '8'],
      [`${Math.round(fileKr)}kr`, `${Math.round(importedKr)}kr`],
    ]);
    const rejected = await page.getByTestId('import-rejected').locator('tbody tr').allInnerTexts();
    expect(rejected).toHaveLength(1);
    expect(rejected[0]).toMatch(/^18\s+Antal barn\s+inte ett heltal/);

    await page.getByRole('button', { name: 'Importera giltiga rader' }).click();
    await page.getByTestId('import-active').getByText('browser-messy.csv').waitFor({ timeout: 60_000 });
    // The "Data:" line names the file and its period on every page.
    await expect.poll(() => page.locator('p.source').innerText()).toContain('browser-messy.csv, maj 2024 – juli 2024');

    await page.getByRole('link', { name: 'Översikt' }).click();
    await page.getByTestId('overview-charts').waitFor({ timeout: 60_000 });
    expect(await page.locator('p.source').innerText()).toContain('browser-messy.csv, maj 2024 – juli 2024');
    const rows = await page.locator('section[aria-labelledby="overview-h"] table tbody tr').evaluateAll((trs) =>
      trs.map((tr) => Array.from(tr.querySelectorAll('td'), (td) => td.textContent!)),
    );
    // The table reads newest first.
    expect(rows.map((r) => [r[0], plain(r[1]!), plain(r[2]!)])).toEqual(
      [...EXPECTED_MONTHS].reverse().map((m) => [m.month, String(m.households), `${Math.round(m.kr)}kr`]),
    );
    // Everything the page asked for during the import came from its own origin.
    const origin = new URL(server.url).origin;
    expect(log.requests.filter((u) => !u.startsWith(origin) && !u.startsWith('blob:') && !u.startsWith('data:'))).toEqual([]);
    expect(log.pageErrors).toEqual([]);
    await page.context().close();
  });

  it('refuses a file with personnummer by default, and after pseudonymisation no original value is in the DOM, the URL or IndexedDB', async () => {
    const { page, log } = await openImportPage(browser);
    await page.getByTestId('import-file').setInputFiles(PERSONNUMMER);
    const guard = page.getByTestId('import-guard');
    await guard.waitFor();
    // Refused by default, naming the column and how many values.
    await expect.poll(() => guard.getByRole('alert').innerText()).toMatch(/importeras inte.*kolumnen "personnummer".*personnummer eller samordningsnummer \(4 värden\)/s);
    expect(await page.getByRole('button', { name: 'Kontrollera filen' }).isDisabled()).toBe(true);
    const noRaw = (text: string) => RAW_IDS.filter((id) => text.includes(id));
    expect(noRaw(await page.content())).toEqual([]);

    await guard.getByLabel('Pseudonymisera till hushålls-id').check();
    await page.getByRole('button', { name: 'Kontrollera filen' }).click();
    await page.getByTestId('import-validation').waitFor();
    expect(noRaw(await page.content())).toEqual([]);
    await page.getByRole('button', { name: 'Importera giltiga rader' }).click();
    await page.getByRole('button', { name: 'Spara på den här datorn' }).click({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Glöm data' }).waitFor();

    const dump = await indexedDbDump(page);
    // The saved data is there (pseudonyms P + 20 hex digits), the raw identities are not.
    expect(dump).toMatch(/P[0-9a-f]{20}/);
    expect(noRaw(dump)).toEqual([]);
    expect(noRaw(await page.content())).toEqual([]);
    expect(noRaw(page.url())).toEqual([]);

    // Saved data opens again after a reload, labelled with its file name; "Glöm data" removes it.
    await page.reload();
    await expect.poll(() => page.locator('p.source').innerText(), { timeout: 60_000 }).toContain('personnummer.csv');
    await page.getByRole('button', { name: 'Glöm data' }).click();
    await page.getByRole('button', { name: 'Spara på den här datorn' }).waitFor();
    expect(await indexedDbDump(page)).not.toMatch(/P[0-9a-f]{20}/);

    const origin = new URL(server.url).origin;
    expect(log.requests.filter((u) => !u.startsWith(origin) && !u.startsWith('blob:') && !u.startsWith('data:'))).toEqual([]);
    expect(log.pageErrors).toEqual([]);
    await page.context().close();
  });
});
