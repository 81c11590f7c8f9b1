/**
 * Downloads as their real consumers read them. The Nyckeltal yearly table's "Ladda ner Excel" file is
 * converted to CSV by LibreOffice (headless) and must give back the numbers `npm run metrics -- --json`
 * computes on the same data; the CSV download must be Swedish Excel's CSV; a notebook chart's SVG and
 * PNG must be self-contained images of the chart.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Download, Locator, Page } from 'playwright-core';
import { launch, openPage, serveDist } from './harness.ts';
import { officePdf, xlsxSheets } from './office-files.ts';
import { canInstallOffice, ensureOffice, hasOffice, OFFICE_PACKAGES } from '../../scripts/ensure-office.mjs';
import { main as metricsMain } from '../../src/cli/metrics.ts';
import type { Report } from '../../src/metrics/report.ts';

const DATA = process.env.E2E_DATA ?? 'data/utbetalningar.parquet';

// As root (CI) LibreOffice is installed when missing; only without both does the test skip, and says why.
const office = hasOffice() || (canInstallOffice() && ensureOffice({ quiet: true }));
if (!office) console.warn(`exports.test.ts: LibreOffice saknas och vi är inte root – LibreOffice-testet hoppas över (installera ${OFFICE_PACKAGES.join(', ')}).`);


async function download(page: Page, group: Locator, name: string, dir: string): Promise<{ file: string; download: Download }> {
  const [d] = await Promise.all([page.waitForEvent('download'), group.getByRole('button', { name, exact: true }).click()]);
  const file = join(dir, d.suggestedFilename());
  await d.saveAs(file);
  return { file, download: d };
}

describe('downloads of tables and charts', () => {
  let browser: Browser;
  let server: { url: string; close: () => Promise<void> };
  let report: Report;
  const dir = mkdtempSync(join(tmpdir(), 'exports-'));

  beforeAll(async () => {
    // The same code path as `npm run metrics -- --data … --json`, run in-process.
    report = JSON.parse(await metricsMain(['--data', DATA, '--json'])) as Report;
    server = await serveDist();
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function nyckeltal(): Promise<{ page: Page; group: Locator }> {
    const { page } = await openPage(browser);
    await page.goto(`${server.url}#/nyckeltal`);
    await page.locator('[data-testid="metrics-page"][data-state="ready"] [data-testid="yearly-table"] tbody tr').first().waitFor({ timeout: 60_000 });
    return { page, group: page.getByRole('group', { name: 'Ladda ner Nyckeltal per kalenderår' }) };
  }

  it.skipIf(!office)('Nyckeltal per år as Excel, read by LibreOffice, gives the numbers of npm run metrics --json', async () => {
    const { page, group } = await nyckeltal();
    const { file } = await download(page, group, 'Ladda ner Excel', dir);
    expect(file).toMatch(/nyckeltal-per-kalenderar-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const sheets = xlsxSheets(file, dir);
    expect([...sheets.keys()].sort()).toEqual(['Om rapporten', 'Per kalenderår']);
    const [header, ...rows] = sheets.get('Per kalenderår')!;
    expect(header!.slice(0, 3)).toEqual(['År', 'Hushåll under året', 'Utbetalt']);
    const body = rows.filter((r) => /^\d{4}$/.test(r[0]!));
    expect(body.map((r) => Number(r[0]))).toEqual(report.yearly.map((y) => y.year));
    // LibreOffice writes a percent-formatted cell's value in percent with a '%' sign.
    const share = (text: string | undefined) => (/^-?[\d.]+%$/.test(text ?? '') ? Number(text!.slice(0, -1)) / 100 : NaN);
    for (const [i, y] of report.yearly.entries()) {
      const r = body[i]!;
      expect(Number(r[1]), `hushåll ${y.year}`).toBe(y.households);
      expect(Number(r[2]), `utbetalt ${y.year}`).toBeCloseTo(y.paidKr, 2);
      if (y.benefitMonthsPerHousehold !== null) expect(Number(r[3]), `biståndsmånader ${y.year}`).toBeCloseTo(y.benefitMonthsPerHousehold, 6);
      else expect(r[3]).toBe('–');
      if (y.longTermShare !== null) expect(share(r[4]), `långvarigt ${y.year}`).toBeCloseTo(y.longTermShare, 9);
      if (y.exits !== null) expect(Number(r[6]), `avslut ${y.year}`).toBe(y.exits);
      if (y.notReactivatedRate !== null) expect(share(r[7]), `ej återakt. ${y.year}`).toBeCloseTo(y.notReactivatedRate, 9);
      if (y.meanDurationMonths !== null && !y.durationBiased) expect(Number(r[8]), `bidragstid ${y.year}`).toBeCloseTo(y.meanDurationMonths, 6);
      if (y.durationBiased && y.meanDurationMonths !== null) expect(r[8]).toBe('ej jämförbar*');
    }
    const about = new Map(sheets.get('Om rapporten')!.map((r) => [r[0], r[1]]));
    expect(about.get('Datafil')).toBe('utbetalningar.arrow (exempeldata)');
    expect(about.get('Period')).toBe(`${report.yearly[0]!.year}–${report.yearly.at(-1)!.year}`);
    expect(about.get('Skapad')).toMatch(/^\d{1,2} [a-zåäö]+ \d{4} kl\. \d{2}:\d{2}$/);
    expect(about.get('Biståndsmånader per hushåll')).toMatch(/Källa:/);
    // Look at the workbook as a person would: LibreOffice prints it to PDF, pdftoppm renders page 1.
    const pdf = officePdf(file, dir);
    execFileSync('pdftoppm', ['-r', '60', '-png', '-f', '1', '-l', '1', pdf, 'test-results/exports-nyckeltal'], { stdio: 'pipe' });
    await page.close();
  });

  it('Nyckeltal per år as CSV is Swedish Excel CSV: BOM, semicolons, decimal comma, CRLF, same numbers', async () => {
    const { page, group } = await nyckeltal();
    const { file } = await download(page, group, 'CSV', dir);
    const bytes = readFileSync(file);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    expect(text.endsWith('\r\n')).toBe(true);
    const lines = text.split('\r\n').filter((l) => l !== '');
    expect(lines[0]!.split(';').slice(0, 3)).toEqual(['År', 'Hushåll under året', 'Utbetalt']);
    const first = report.yearly.find((y) => y.benefitMonthsPerHousehold !== null)!;
    const row = lines.find((l) => l.startsWith(`${first.year};`))!.split(';');
    expect(row[1]).toBe(String(first.households));
    expect(row[2]).toBe(String(Math.round(first.paidKr * 100) / 100).replace('.', ','));
    expect(Number(row[3]!.replace(',', '.'))).toBeCloseTo(first.benefitMonthsPerHousehold!, 5);
    expect(row[4]).toMatch(/^\d+(,\d+)?$/);
    await page.close();
  });

  it.skipIf(!office)('a notebook chart filtered to Norr: its Excel (via LibreOffice) and CSV hold plain SQL\'s monthly households; SVG and PNG are self-contained images', async () => {
    const { page, log } = await openPage(browser);
    await page.goto(`${server.url}#/anteckningar/manadsrapport?enhet=Norr`);
    await page.locator('article.notebook').waitFor({ timeout: 60_000 });
    const cell = page.locator('[data-cell="trend_diagram"]');
    await cell.locator('figure.chart svg path').first().waitFor({ timeout: 60_000 });
    await page.waitForFunction(() => document.querySelector('article.notebook')?.getAttribute('data-running') === 'false', undefined, { timeout: 60_000 });
    const group = cell.getByRole('group', { name: 'Ladda ner Aktiva hushåll per månad (hela tidsserien)' });

    // Expected: active households per month in Norr, by plain SQL on the same data file.
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const con = await (await DuckDBInstance.create(':memory:')).connect();
    const expected = (await con.runAndReadAll(`SELECT left(CAST(manad AS VARCHAR), 7) AS m, count(DISTINCT hushall_id) AS n
      FROM read_parquet('${DATA}') WHERE utbetalt_kr > 0 AND enhet = 'Norr' GROUP BY 1 ORDER BY 1`)).getRowObjectsJS().map((r) => [String(r.m), Number(r.n)] as const);
    con.closeSync();
    const monthWords = new Intl.DateTimeFormat('sv-SE', { month: 'long', year: 'numeric', timeZone: 'UTC' });
    const words = (m: string) => monthWords.format(new Date(Date.UTC(Number(m.slice(0, 4)), Number(m.slice(5)) - 1, 1)));
    expect(expected.length).toBeGreaterThan(24);
    expect(expected.every(([, n]) => n >= 5), 'Norr has no small month in the sample, so every figure is shown').toBe(true);

    const xlsx = await download(page, group, 'Ladda ner Excel', dir);
    const sheet = [...xlsxSheets(xlsx.file, dir).entries()].find(([name]) => name !== 'Om rapporten')![1];
    // The charted figure (households, average per month) and the group size (distinct households): the same for one month.
    expect(sheet[0]).toEqual(['Månad', 'Hushåll (snitt per månad)', 'Hushåll']);
    // Months are real dates in the workbook (LibreOffice gives their values as ISO dates).
    expect(sheet.slice(1).map((r) => [r[0]!.slice(0, 7), Number(r[1]), Number(r[2])])).toEqual(expected.map(([m, n]) => [m, n, n]));

    const csv = readFileSync((await download(page, group, 'CSV', dir)).file, 'utf8');
    expect(csv.startsWith('\uFEFFMånad;Hushåll (snitt per månad);Hushåll\r\n')).toBe(true);
    // The table, then after an empty line where its figures come from (the Excel file's "Om rapporten").
    const lines = csv.slice(1).split('\r\n');
    expect(lines.slice(1, lines.indexOf(''))).toEqual(expected.map(([m, n]) => `${words(m)};${n};${n}`));
    expect(lines.slice(lines.indexOf('') + 1)[0]).toBe('Om rapporten');

    const svg = readFileSync((await download(page, group, 'SVG', dir)).file, 'utf8');
    expect(svg.startsWith('<?xml')).toBe(true);
    expect(svg).toContain('xmlns="http://www.w3.org/2000/svg"');
    expect(svg).toContain('>Aktiva hushåll per månad (hela tidsserien)</text>');
    expect(svg, 'no page stylesheet needed: no classes, no external references').not.toMatch(/class="|href=|url\(/);
    expect(svg).toMatch(/<path[^>]+stroke="(#|rgb)/);
    const [, width, height] = /<svg[^>]*width="(\d+)" height="(\d+)"/.exec(svg)!;

    const png = readFileSync((await download(page, group, 'PNG', dir)).file);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    // Drawn at 3 × the chart's size, sharp on a projector.
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([3 * Number(width), 3 * Number(height)]);
    expect(log.pageErrors).toEqual([]);
    await page.close();
  });

  it.skipIf(!office)('the whole månadsrapport as Excel, filtered to Norr, read by LibreOffice: the trend sheet holds plain SQL\'s households, "Om rapporten" names the filter', async () => {
    const { page } = await openPage(browser);
    await page.goto(`${server.url}#/anteckningar/manadsrapport?enhet=Norr`);
    await page.locator('article.notebook').waitFor({ timeout: 60_000 });
    await page.locator('[data-cell="trend_diagram"] figure.chart svg path').first().waitFor({ timeout: 60_000 });
    await page.waitForFunction(() => document.querySelector('article.notebook')?.getAttribute('data-running') === 'false', undefined, { timeout: 60_000 });
    const { file } = await download(page, page.getByRole('group', { name: 'Rapport' }), 'Excel', dir);
    const sheets = xlsxSheets(file, dir);
    expect(sheets.size).toBeGreaterThan(5);

    const { DuckDBInstance } = await import('@duckdb/node-api');
    const con = await (await DuckDBInstance.create(':memory:')).connect();
    const expected = (await con.runAndReadAll(`SELECT left(CAST(manad AS VARCHAR), 7) AS m, count(DISTINCT hushall_id) AS n
      FROM read_parquet('${DATA}') WHERE utbetalt_kr > 0 AND enhet = 'Norr' GROUP BY 1 ORDER BY 1`)).getRowObjectsJS().map((r) => [String(r.m), Number(r.n)]);
    con.closeSync();
    const trend = [...sheets.entries()].find(([name]) => name.startsWith('Aktiva hushåll per månad (hela'))![1];
    expect(trend[0]).toEqual(['Månad', 'Hushåll (snitt per månad)', 'Hushåll']);
    expect(trend.slice(1).map((r) => [r[0]!.slice(0, 7), Number(r[2])])).toEqual(expected);

    const about = new Map(sheets.get('Om rapporten')!.map((r) => [r[0], r[1]]));
    expect(about.get('Filter')).toContain('Enhet: Norr');
    expect(about.get('Period')).toBe('januari 2025 – december 2025');
    await page.close();
  });
});
