/**
 * Reports leave the app and are opened by real consumers: `npm run report` writes the månadsrapport as
 * PPTX (LibreOffice converts it, pdftoppm renders every page) and as PDF (pdfinfo counts one page per
 * section, pdftotext finds each section's heading on its own page); bad arguments exit with one line;
 * presentation mode shows one section per slide. Expected section titles come from the notebook file
 * itself, read here with a plain regular expression, not from the report builder.
 */
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ensureOffice } from '../../scripts/ensure-office.mjs';
import { officeToPdf, pdfPages, renderPages } from '../../src/export/office.ts';
import { DIST_DIR, notebookSettled, openPage, useSite } from './harness.ts';

const NOTEBOOK = readFileSync('src/notebooks/builtin/manadsrapport.md', 'utf8');
/** Level-2 headings outside fenced blocks: the sections, by the rule in docs/notebooks.md. */
const SECTIONS = NOTEBOOK.split(/^```[^\n]*\n[\s\S]*?^```$/m)
  .join('\n')
  .split('\n')
  .filter((l) => /^##\s/.test(l))
  .map((l) => l.replace(/^##\s+/, '').trim());
const OUT = mkdtempSync(join(tmpdir(), 'rapport-e2e-'));
const OFFICE = ensureOffice({ quiet: true });
if (!OFFICE) console.warn('LibreOffice/pdftoppm saknas och kan inte installeras (inte root): PPTX/PDF-kontrollerna hoppas över.');

/** Runs `npm run report` as a user would (tsx in a child process); resolves with code, output and seconds. */
function report(args: string[]): Promise<{ code: number; stdout: string; stderr: string; seconds: number }> {
  const started = performance.now();
  return new Promise((done) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/report.ts', ...args], { env: { ...process.env, REPORT_DIST: resolve(DIST_DIR) } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => done({ code: code ?? -1, stdout, stderr, seconds: (performance.now() - started) / 1000 }));
  });
}

describe('npm run report', () => {
  it('has the sections the test expects to count', () => {
    expect(SECTIONS).toContain('Månadens nyckeltal');
    expect(SECTIONS.length).toBeGreaterThanOrEqual(5);
    // The page's own instructions the PDF and presentation must leave off are in the notebook.
    for (const hint of ['Dra över diagrammet', 'Klicka på en stapel', 'Klicka på Redigera']) expect(NOTEBOOK).toContain(hint);
  });

  it.skipIf(!OFFICE)('writes a PPTX that LibreOffice converts to 1 + sections pages, each rendered by pdftoppm', async () => {
    const out = join(OUT, 'manadsrapport.pptx');
    const ran = await report(['manadsrapport', '--format', 'pptx', '--out', out, '--set', 'enhet=Norr', '--set', 'period=2025-01..2025-06']);
    expect(ran.stderr).toBe('');
    expect(ran.code).toBe(0);
    console.log(`npm run report -- manadsrapport --format pptx: ${ran.seconds.toFixed(1)} s (inklusive webbläsarstart)`);
    expect(statSync(out).size).toBeGreaterThan(10_000);
    const pdf = await officeToPdf(out, OUT);
    expect(await pdfPages(pdf)).toBe(1 + SECTIONS.length);
    const pngs = await renderPages(pdf, OUT, 'pptx');
    expect(pngs).toHaveLength(1 + SECTIONS.length);
    for (const png of pngs) expect(statSync(png).size).toBeGreaterThan(2_000);
    // The footer names the filter on every slide (text of the converted PDF).
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    expect(text.split('\f').filter((p) => p.trim()).every((p) => p.includes('Enhet: Norr') && p.includes('januari 2025 – juni 2025'))).toBe(true);
  }, 300_000);

  it.skipIf(!OFFICE)('writes an A4 PDF with one page per section, each section heading on its own page', async () => {
    const out = join(OUT, 'utskrift.pdf');
    const ran = await report(['manadsrapport', '--format', 'pdf', '--out', out]);
    expect(ran.stderr).toBe('');
    expect(ran.code).toBe(0);
    // One page per section means no section ran over onto a second page, so no chart in it was cut:
    // the only page breaks are the forced ones between sections.
    expect(await pdfPages(out)).toBe(SECTIONS.length);
    const info = execFileSync('pdfinfo', [out], { encoding: 'utf8' });
    expect(info).toMatch(/Page size:.*\(A4\)/);
    const pages = execFileSync('pdftotext', [out, '-'], { encoding: 'utf8' }).split('\f');
    SECTIONS.forEach((title, i) => expect(pages[i]).toContain(title));
    // No controls or working steps on paper.
    for (const word of ['Ladda ner .md', 'PowerPoint', 'Välj budgetfil', 'Rensa urval', 'avg_households']) expect(pages.join(' ')).not.toContain(word);
    expect(pages.join(' ')).not.toMatch(/\d rader/);
    // Nor the page's instructions: nobody drags over a chart on paper.
    expect(pages.join(' ')).not.toMatch(/Dra\s+över|Klicka\s+på/);
  }, 300_000);

  it.each([
    [['okand', '--format', 'pptx', '--out', 'x.pptx'], /^Okänd anteckningsbok "okand": välj delarsbokslut, manadsrapport, scenarier\.$/],
    [['manadsrapport', '--format', 'docx', '--out', 'x.docx'], /^Okänt format "docx": välj pptx, pdf, xlsx, csv\.$/],
    [['manadsrapport', '--format', 'pdf', '--out', 'x.pdf', '--set', 'period=2025-13..2025-14'], /^Otillåtet värde för period: "2025-13..2025-14" \(tillåtet: ÅÅÅÅ-MM\.\.ÅÅÅÅ-MM, t\.ex\. 2025-01\.\.2025-12\)\.$/],
    [['manadsrapport', '--format', 'pdf', '--out', 'x.pdf', '--set', 'kommun=Norr'], /^Okänd inmatning i --set kommun=Norr: manadsrapport har period, enhet, hushallstyp, forsorjningshinder, barn/],
    [['manadsrapport', '--format', 'pdf', '--out', 'x.pdf', '--set', 'barn=kanske'], /^Otillåtet värde för barn: "kanske" \(tillåtet: med, utan eller tomt\)\.$/],
  ])('refuses %j with exit code 2 and one line', async (args, message) => {
    const ran = await report(args);
    expect(ran.code).toBe(2);
    expect(ran.stderr.trim().split('\n')).toHaveLength(1);
    expect(ran.stderr.trim()).toMatch(message);
  }, 120_000);

  it('refuses a value the data does not have, naming the values it has', async () => {
    const ran = await report(['manadsrapport', '--format', 'pdf', '--out', join(OUT, 'x.pdf'), '--set', 'enhet=Mars']);
    expect(ran.code).toBe(2);
    expect(ran.stderr.trim().split('\n')).toHaveLength(1);
    expect(ran.stderr.trim()).toBe('Otillåtet värde för enhet: "Mars" (tillåtet: Centrum, Norr, Söder, Väster eller tomt för alla).');
  }, 180_000);
});

describe('presentation mode', () => {
  const site = useSite();

  it('shows a title slide and one slide per section; arrows move, Esc closes and gives focus back', async () => {
    const { page } = await openPage(site.browser);
    await page.goto(`${site.url}#/anteckningar/manadsrapport?enhet=Söder`);
    const present = page.getByRole('group', { name: 'Rapport' }).getByRole('button', { name: 'Presentera' });
    await expect.poll(() => present.isEnabled(), { timeout: 120_000 }).toBe(true);
    await page.waitForSelector('article.notebook[data-running="false"]');
    // On screen the instructions stay: they are how the page is used.
    expect((await page.locator('.md').allTextContents()).join(' ')).toContain('Dra över diagrammet');
    await present.click();
    const dialog = page.getByRole('dialog');
    expect(await dialog.getAttribute('data-slides')).toBe(String(1 + SECTIONS.length));
    expect(await dialog.locator('h2').textContent()).toBe('Månadsrapport till nämnden');
    for (const [i, title] of SECTIONS.entries()) {
      await page.keyboard.press('ArrowRight');
      expect(await dialog.getAttribute('data-slide')).toBe(String(i + 2));
      expect(await dialog.locator('h2').textContent()).toBe(title);
      const text = (await dialog.textContent()) ?? '';
      expect(text).toContain('Filter: Enhet: Söder');
      // No technical labels: no cell or column names, no SQL, no row counts.
      for (const word of ['avg_households', 'paid_kr', 'SELECT', 'Mått ', 'Dra över', 'Klicka på']) expect(text).not.toContain(word);
      expect(text).not.toMatch(/\d rader/);
    }
    await page.keyboard.press('ArrowLeft');
    expect(await dialog.getAttribute('data-slide')).toBe(String(SECTIONS.length));
    await page.keyboard.press('Escape');
    expect(await page.getByRole('dialog').count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Presentera');
    // The page alone takes 30-40 s to settle at a load average of 11 on two cores: more than the default 120 s left for the slides.
  }, 240_000);
});

describe('report buttons while the figures are recomputed', () => {
  const site = useSite();

  it('CSV pressed right after choosing an enhet waits for the cells: the file has that enhet\'s figures, never the old ones', async () => {
    const { page, log } = await openPage(site.browser);
    await page.goto(`${site.url}#/anteckningar/manadsrapport`);
    await notebookSettled(page, { live: true });
    const group = page.getByRole('group', { name: 'Rapport' });
    const csvButton = group.getByRole('button', { name: 'CSV', exact: true });
    // Chosen and pressed within one task, so the cells are surely still running: the button is enabled (it
    // never flickers to disabled on a change) and its file must wait for them.
    const [download, state] = await Promise.all([
      page.waitForEvent('download', { timeout: 120_000 }),
      page.evaluate(async () => {
        const select = document.querySelector<HTMLSelectElement>('[data-input="enhet"] select')!;
        select.value = 'Norr';
        select.dispatchEvent(new Event('change', { bubbles: true }));
        // After the page's update (a microtask), before any answer from the engine (a task).
        await new Promise<void>((resolve) => queueMicrotask(resolve));
        const button = [...document.querySelectorAll<HTMLButtonElement>('.report-tools button')].find((b) => b.textContent === 'CSV')!;
        const at = { running: document.querySelector('article.notebook')!.getAttribute('data-running'), disabled: button.disabled };
        button.click();
        return at;
      }),
    ]);
    expect(state).toEqual({ running: 'true', disabled: false });
    expect(await csvButton.isEnabled()).toBe(true);
    const file = join(OUT, 'vantar.csv');
    await download.saveAs(file);
    const csv = readFileSync(file, 'utf8');

    // By plain SQL: active households in Norr in December 2025 (the default period's last month, from
    // the month cube on the page) and Norr's paid amount January–December 2025 (the budget table, SQL).
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const con = await (await DuckDBInstance.create(':memory:')).connect();
    const [norr, all, paid] = (await con.runAndReadAll(`SELECT count(DISTINCT hushall_id) FILTER (WHERE enhet = 'Norr' AND left(CAST(manad AS VARCHAR), 7) = '2025-12'),
        count(DISTINCT hushall_id) FILTER (WHERE left(CAST(manad AS VARCHAR), 7) = '2025-12'),
        sum(utbetalt_kr) FILTER (WHERE enhet = 'Norr' AND left(CAST(manad AS VARCHAR), 4) = '2025')
      FROM read_parquet('data/utbetalningar.parquet') WHERE utbetalt_kr > 0`)).getRows()[0]!.map(Number);
    con.closeSync();
    expect(norr).toBeLessThan(all!);
    expect(csv).toContain(`\nAktiva hushåll, december 2025;${norr};`);
    expect(csv).toContain(`\nUtfall januari–rapportmånaden;${Math.round(paid!)}\r\n`);
    expect(csv).toMatch(/Enhet: Norr/);
    expect(log.pageErrors).toEqual([]);
  }, 240_000);
});
