import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, openPage, serveDist, type PageLog } from './harness.ts';
import { NodeConnector } from '../../src/engine/node-connector.ts';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import type { Report } from '../../src/metrics/index.ts';
import { kpis, prepareMetrics, type KpiValue } from '../../src/metrics/index.ts';
import { calibrateBaseline } from '../../src/metrics/calibration.ts';
import { rebaseScenario } from '../../src/notebooks/index.ts';
import { parseScenario, simulate } from '../../src/simulation/index.ts';
import { formatCount, formatKr } from '../../src/format/sv.ts';
import { changeText } from '../../src/ui/notebooks/table-data.ts';

const DATA = process.env.E2E_DATA ?? 'data/utbetalningar.parquet';
const plain = (s: string) => s.replace(/\s/g, '');

/** Waits until the notebook has run every cell. */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const a = document.querySelector('article.notebook') as HTMLElement | null;
      return !!a && a.dataset.running === 'false' && !document.querySelector('[data-status="running"],[data-status="pending"]');
    },
    undefined,
    { timeout: 60_000 },
  );
}

async function open(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.locator('article.notebook').waitFor({ timeout: 60_000 });
  await settled(page);
}

async function runs(page: Page, name: string): Promise<number> {
  return Number(await page.locator(`[data-cell="${name}"]`).first().getAttribute('data-runs'));
}

function clean(log: PageLog, origin: string): void {
  expect(log.requests.filter((u) => !u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:'))).toEqual([]);
  expect(log.consoleErrors).toEqual([]);
  expect(log.pageErrors).toEqual([]);
}

/** Replaces a cell's text through the CodeMirror editor, as a user would. */
async function editCell(page: Page, index: number, text: string): Promise<void> {
  await page.getByRole('button', { name: `Redigera cell ${index + 1}`, exact: true }).click();
  const editor = page.getByTestId('cell-editor').locator('.cm-content');
  await editor.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  // One input event, so auto-indent and bracket closing do not alter the text.
  await page.keyboard.insertText(text);
  await page.getByRole('button', { name: 'Spara och kör' }).click();
}

describe('notebooks in Chromium', () => {
  let browser: Browser;
  let server: { url: string; close: () => Promise<void> };
  let origin: string;
  let month: Record<string, KpiValue>;
  let ytd: Record<string, KpiValue>;
  let basForecast: { without: number; with: number };
  let ambitiousApril: { without: number; with: number };

  beforeAll(async () => {
    // The same figures computed natively by the metrics layer on the same data file.
    const db = await NodeConnector.open();
    await db.loadFile('utbetalningar', DATA);
    const model = await prepareMetrics(db);
    month = Object.fromEntries((await kpis(db, model, { from: '2025-12', to: '2025-12' })).map((k) => [k.id, k]));
    ytd = Object.fromEntries((await kpis(db, model, { from: '2025-01', to: '2025-08' })).map((k) => [k.id, k]));
    // The delårsbokslut's simulation forecast for scenario bas per August: baseline calibrated on data
    // up to 2025-08, simulated from 2025-09; September–December added to the actual January–August.
    const forecastInNode = async (file: string, asOf: string) => {
      const actual = (await kpis(db, model, { from: '2025-01', to: asOf })).find((k) => k.id === 'utbetalt')!.value!;
      const run = simulate(parseScenario(rebaseScenario(JSON.parse(readFileSync(`scenarios/${file}.json`, 'utf8')), asOf), await calibrateBaseline(db, { model, lastMonth: asOf })));
      const rest = run.months.filter((m) => m.month > asOf && m.month <= '2025-12');
      expect(rest).toHaveLength(12 - Number(asOf.slice(5)));
      return { without: actual + rest.reduce((s, m) => s + m.baselinePaymentsKr, 0), with: actual + rest.reduce((s, m) => s + m.paymentsKr, 0) };
    };
    basForecast = await forecastInNode('bas', '2025-08');
    // Per April, ambitiös's effect (from its fifth month) reaches September–December.
    ambitiousApril = await forecastInNode('ambitios', '2025-04');
    await db.close();
    server = await serveDist();
    origin = new URL(server.url).origin;
    browser = await launch();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('lists the three built-in notebooks', async () => {
    const { page, log } = await openPage(browser);
    await page.goto(`${server.url}#/anteckningar`);
    await page.getByRole('heading', { name: 'Anteckningsböcker' }).waitFor({ timeout: 60_000 });
    const titles = await page.locator('.nb-list a').allInnerTexts();
    expect(titles).toEqual(['Månadsrapport till nämnden', 'Scenarier för automatisering', 'Delårsbokslut och helårsprognos']);
    clean(log, origin);
  });

  it('månadsrapport: KPIs match the metrics layer run natively, and no cell fails', async () => {
    const { page, log } = await openPage(browser);
    await open(page, `${server.url}#/anteckningar/manadsrapport`);
    expect(await page.locator('.cell-error').count()).toBe(0);
    const kpi = page.locator('[data-cell="aktiva"] .kpi');
    expect(await kpi.locator('figcaption').innerText()).toBe('Aktiva hushåll, december 2025');
    const a = month.aktiva_hushall!;
    expect(plain(await kpi.locator('.kpi-value').innerText())).toBe(plain(formatCount(Math.round(a.value!))));
    expect(plain(await kpi.locator('.kpi-change').nth(1).innerText())).toBe(plain(`${changeText(a.value, a.previous, 'count')} mot samma månad förra året`));
    const paid = month.utbetalt!;
    expect(plain(await page.locator('[data-cell="utbetalt"] .kpi-value').innerText())).toBe(plain(formatKr(paid.value)));
    // The same month as the controllers' command-line tool prints it.
    const cli = JSON.parse(
      execFileSync('node_modules/.bin/tsx', ['src/cli/metrics.ts', '--data', 'data/utbetalningar.parquet', '--json'], { encoding: 'utf8' }),
    ) as Report;
    const december = cli.monthly.find((m) => m.month === '2025-12')!;
    expect(plain(await kpi.locator('.kpi-value').innerText())).toBe(plain(formatCount(december.households)));
    expect(plain(await page.locator('[data-cell="utbetalt"] .kpi-value').innerText())).toBe(plain(formatKr(december.paidKr)));
    expect(plain(await page.locator('[data-cell="utbetalt"] .kpi-change').nth(1).innerText())).toBe(plain(`${changeText(paid.value, paid.previous, 'kr')} mot samma månad förra året`));
    expect(await page.locator('[data-cell="trend_diagram"] svg path.series').count()).toBe(1);
    expect(await page.locator('[data-cell="hinder_diagram"] g.bar').count()).toBeGreaterThan(1);
    await page.screenshot({ path: 'test-results/notebook-manadsrapport.png', fullPage: true });
    clean(log, origin);
  });

  it('changing the period reruns dependants only; the URL keeps the state across reload and Back', async () => {
    const { page, log } = await openPage(browser);
    await open(page, `${server.url}#/anteckningar/manadsrapport`);
    const before = { manad: await runs(page, 'manad'), trend: await runs(page, 'trend'), lang: await runs(page, 'lang'), aktiva: await runs(page, 'aktiva') };
    await page.locator('#in-period-to').selectOption('2025-06');
    await settled(page);
    expect(await runs(page, 'manad')).toBe(before.manad + 1);
    expect(await runs(page, 'aktiva')).toBe(before.aktiva + 1);
    // Metrics that ignore the period (the trend, långvarigt per year) are not rerun.
    expect(await runs(page, 'trend')).toBe(before.trend);
    expect(await runs(page, 'lang')).toBe(before.lang);
    expect(await page.locator('[data-cell="aktiva"] figcaption').innerText()).toBe('Aktiva hushåll, juni 2025');
    expect(page.url()).toContain('period=2025-01..2025-06');
    const shown = await page.locator('[data-cell="aktiva"] .kpi-value').innerText();

    await page.reload();
    await page.locator('article.notebook').waitFor({ timeout: 60_000 });
    await settled(page);
    expect(await page.locator('#in-period-to').inputValue()).toBe('2025-06');
    expect(await page.locator('[data-cell="aktiva"] .kpi-value').innerText()).toBe(shown);

    await page.locator('#in-enhet').selectOption('Norr');
    await settled(page);
    expect(page.url()).toContain('enhet=Norr');
    await page.goBack();
    await settled(page);
    expect(await page.locator('#in-enhet').inputValue()).toBe('');
    expect(await page.locator('[data-cell="aktiva"] .kpi-value').innerText()).toBe(shown);
    clean(log, origin);
  });

  it('crossfilter: clicking a bar filters the other cells, the selection is shown and can be cleared', async () => {
    const { page, log } = await openPage(browser);
    await open(page, `${server.url}#/anteckningar/manadsrapport`);
    const total = await page.locator('[data-cell="aktiva"] .kpi-value').innerText();
    const bar = page.locator('[data-cell="typ_diagram"] g.bar').first();
    const category = (await bar.getAttribute('aria-label'))!.split(':')[0]!;
    const hinderRuns = await runs(page, 'hinder');
    await bar.click();
    await settled(page);
    const status = page.locator('[data-cell="typ_diagram"] .selection');
    expect(await status.innerText()).toContain(category);
    expect(await page.locator('[data-cell="typ_diagram"] g.bar[aria-pressed="true"]').count()).toBe(1);
    expect(await page.locator('[data-cell="aktiva"] .kpi-value').innerText()).not.toBe(total);
    expect(await runs(page, 'hinder')).toBe(hinderRuns + 1);
    expect(decodeURIComponent(page.url())).toContain(`hushallstyp=${category}`.replace(/ /g, '+'));
    await status.getByRole('button', { name: 'Rensa urval' }).click();
    await settled(page);
    expect(await status.count()).toBe(0);
    expect(await page.locator('[data-cell="aktiva"] .kpi-value').innerText()).toBe(total);
    clean(log, origin);
  });

  it('delårsbokslut: utfall and last year match the metrics layer; forecasts state their method', async () => {
    const { page, log } = await openPage(browser);
    await open(page, `${server.url}#/anteckningar/delarsbokslut`);
    expect(await page.locator('.cell-error').count()).toBe(0);
    const rows = page.locator('[data-cell="sammanstallning_tabell"] tbody tr');
    expect(plain(await rows.nth(0).innerText())).toBe(plain(`Utfall för perioden${formatKr(ytd.utbetalt!.value)}`));
    expect(plain(await rows.nth(1).innerText())).toBe(plain(`Samma period förra året${formatKr(ytd.utbetalt!.previous)}`));
    const forecast = await page.locator('[data-cell="prognos_tabell"] tbody').innerText();
    expect(forecast).toContain('Takt (run-rate)');
    expect(forecast).toContain('Utfall januari–bokslutsmånad ÷ antal månader × 12');
    expect(forecast).toContain('Säsongsprofil');
    const effects = await page.locator('[data-cell="effekter_tabell"] tbody').innerText();
    expect(effects).toContain('Volymeffekt (H₁ − H₀) × P₀');
    await page.screenshot({ path: 'test-results/notebook-delarsbokslut.png', fullPage: true });
    clean(log, origin);
  });

  it('delårsbokslut: choosing scenario bas (then ambitiös per April) adds the simulation forecast, equal to the same computation in Node', async () => {
    const { page, log } = await openPage(browser);
    await open(page, `${server.url}#/anteckningar/delarsbokslut`);
    await expect(page.getByTestId('no-scenario').innerText()).resolves.toContain('Inget scenario valt');
    const other = await runs(page, 'prognos');
    await page.locator('#in-scenario').selectOption('bas');
    await settled(page);
    expect(page.url()).toContain('scenario=bas');
    const table = page.getByTestId('sim-forecast');
    const method = 'Simulering (scenario bas, utgångsläge från data t.o.m. augusti 2025)';
    const without = await table.locator('tr[data-row="utan"]').innerText();
    const withMeasures = await table.locator('tr[data-row="med"]').innerText();
    expect(plain(without)).toContain(plain(`Utan åtgärder (utgångsläge)${formatKr(basForecast.without)}${method}: utfall januari–augusti 2025`));
    expect(plain(withMeasures)).toContain(plain(`Med scenariots åtgärder${formatKr(basForecast.with)}${method}`));
    await expect(page.locator('[data-cell="simulering"] .note').innerText()).resolves.toContain(`Utfall januari–augusti 2025: ${formatKr(ytd.utbetalt!.value)}`);
    // The choice reruns the simulation only, not the SQL forecasts.
    expect(await runs(page, 'prognos')).toBe(other);
    expect(await page.locator('.cell-error').count()).toBe(0);
    await page.locator('[data-cell="simulering"]').screenshot({ path: 'test-results/notebook-delarsbokslut-simulering.png' });
    // Per 30 April with ambitiös, the measures lower this year's payments, as in Node.
    await page.locator('#in-scenario').selectOption('ambitiös');
    await page.locator('#in-period-to').selectOption('2025-04');
    await settled(page);
    expect(ambitiousApril.with).toBeLessThan(ambitiousApril.without);
    const april = 'Simulering (scenario ambitiös, utgångsläge från data t.o.m. april 2025)';
    expect(plain(await table.locator('tr[data-row="utan"]').innerText())).toContain(plain(`${formatKr(ambitiousApril.without)}${april}`));
    expect(plain(await table.locator('tr[data-row="med"]').innerText())).toContain(plain(`${formatKr(ambitiousApril.with)}${april}`));
    expect(plain(await table.locator('tr[data-row="skillnad"]').innerText())).toContain(plain(formatKr(ambitiousApril.with - ambitiousApril.without)));
    clean(log, origin);
  });

  it('scenarier: the simulation runs and follows its sliders', async () => {
    const { page, log } = await openPage(browser);
    await open(page, `${server.url}#/anteckningar/scenarier`);
    expect(await page.locator('.cell-error').count()).toBe(0);
    const result = page.locator('[data-cell="resultat"]');
    const before = await result.locator('dd').nth(1).innerText();
    const n = await runs(page, 'resultat');
    await page.locator('#in-tidsbesparing').fill('0.3');
    await settled(page);
    expect(await runs(page, 'resultat')).toBeGreaterThan(n);
    expect(await result.locator('dd').nth(1).innerText()).not.toBe(before);
    expect(page.url()).toContain('tidsbesparing=0.3');
    await page.screenshot({ path: 'test-results/notebook-scenarier.png', fullPage: true });
    clean(log, origin);
  });

  it('an edit is kept after reload; broken SQL fails in its own cell only; raw HTML in Markdown stays text', async () => {
    const { page, log } = await openPage(browser);
    await open(page, `${server.url}#/anteckningar/manadsrapport`);
    await page.getByRole('button', { name: 'Redigera', exact: true }).click();
    // Cell 1 is the intro text.
    await editCell(page, 0, '# Min rapport\n\n<script>window.__xss = 1</script> <img src=x onerror="window.__xss = 2"> Kommentar.');
    await settled(page);
    await page.getByRole('button', { name: '+ SQL' }).click();
    const count = await page.locator('section.cell').count();
    await editCell(page, count - 1, '```sql trasig\nSELECT finns_inte FROM utbetalningar\n```');
    await settled(page);
    await page.screenshot({ path: 'test-results/notebook-authoring.png', fullPage: true });
    const broken = page.locator('[data-cell="trasig"] .cell-error');
    expect(await broken.innerText()).toMatch(/finns_inte/);
    expect(await page.locator('.cell-error').count()).toBe(1);
    expect(await page.locator('[data-cell="aktiva"] .kpi-value').innerText()).not.toBe('');
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    const md = page.locator('section.cell-text').first();
    expect(await md.innerText()).toContain('<script>');
    expect(await md.locator('script, img').count()).toBe(0);
    await page.screenshot({ path: 'test-results/notebook-authoring.png', fullPage: true });

    await page.reload();
    await page.locator('article.notebook').waitFor({ timeout: 60_000 });
    await settled(page);
    expect(await page.locator('h1, h2').allInnerTexts()).toContain('Min rapport');
    expect(await page.locator('[data-cell="trasig"] .cell-error').count()).toBe(1);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    await page.getByRole('button', { name: 'Ångra' }).waitFor();
    expect(log.pageErrors).toEqual([]);
  });

  it.each(['manadsrapport', 'scenarier', 'delarsbokslut', 'delarsbokslut?scenario=bas'])('axe finds no serious or critical violations on %s', async (id) => {
    // The app's CSP rightly forbids injected scripts; this test context bypasses it to run axe.
    const context = await browser.newContext({ locale: 'sv-SE', bypassCSP: true });
    const page = await context.newPage();
    await open(page, `${server.url}#/anteckningar/${id}`);
    // A link with a scenario opens the delårsbokslut with the simulation forecast drawn.
    if (id.includes('scenario=')) await page.getByTestId('sim-forecast').waitFor();
    await page.addScriptTag({ path: 'node_modules/axe-core/axe.min.js' });
    const violations = await page.evaluate(async () => {
      const r = await (window as unknown as { axe: { run(): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe.run();
      return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
    });
    expect(violations).toEqual([]);
    await context.close();
  });
});
