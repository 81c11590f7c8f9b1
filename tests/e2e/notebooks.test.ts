import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, openPage, serveDist, textInView, type PageLog } from './harness.ts';
import { NodeConnector } from '../../src/engine/node-connector.ts';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { prepareMetrics } from '../../src/metrics/index.ts';
import { calibrateBaseline } from '../../src/metrics/calibration.ts';
import { rebaseScenario } from '../../src/notebooks/index.ts';
import { parseScenario, simulate } from '../../src/simulation/index.ts';
import { count, kr, percent, signed, whole } from './expected-format.ts';

const DATA = process.env.E2E_DATA ?? 'data/utbetalningar.parquet';
const plain = (s: string) => s.replace(/\s/g, '');
// Expected text from the test's own Intl formatter (expected-format.ts), never the page's src/format.
const formatKr = (n: number | null | undefined) => kr(n!);
const formatCount = (n: number, suppress = true) => (suppress ? count(n) : whole(n));
/** The KPI cards' change line: the difference in the figure's own format and the relative change with one decimal. */
const change = (value: number, before: number, body: (abs: number) => string) =>
  `${signed(value - before, body)} (${signed((value - before) / Math.abs(before), (a) => percent(a, 1))})`;
/** A figure and the same period a year earlier, from plain SQL. */
interface Pair { value: number; previous: number }
/** A shown amount ("−829 707 kr") as a number. */
const kronor = (s: string) => Number(s.replace(/[\s\u00a0]|kr/g, '').replace('\u2212', '-'));

/** The delårsbokslut per August 2025 computed by plain SQL on the data file and a budget file, not by the page's code. */
interface Bokslut {
  ytd: number;
  linear: number;
  seasonal: number;
  budgetYear: number | null;
  budgetPeriod: number | null;
}

async function bokslutInSql(db: NodeConnector, budgetFile: string, enhet: string | null): Promise<Bokslut & { householdMonths: number; budgetHouseholds: number | null }> {
  const t = await db.query(
    `WITH rows AS (SELECT substr(CAST(manad AS VARCHAR), 1, 7) AS manad, hushall_id, enhet, utbetalt_kr FROM read_parquet('${DATA}')
                   WHERE ? IS NULL OR enhet = ?),
       m AS (SELECT left(manad, 4) AS ar, CAST(right(manad, 2) AS INTEGER) AS mn, sum(utbetalt_kr) AS kr FROM rows GROUP BY manad),
       ytd AS (SELECT sum(kr) AS kr FROM m WHERE ar = '2025' AND mn <= 8),
       shares AS (SELECT ar, sum(kr) FILTER (WHERE mn <= 8) / sum(kr) AS share FROM m WHERE ar < '2025' GROUP BY ar HAVING count(*) = 12),
       hm AS (SELECT count(DISTINCT (hushall_id, manad)) AS n FROM rows WHERE utbetalt_kr > 0 AND manad BETWEEN '2025-01' AND '2025-08'),
       -- Amounts may be written with spaces as thousands separators (as in the test's own file).
       b AS (SELECT manad, sum(CAST(replace(budget_kr, ' ', '') AS DOUBLE)) AS kr, sum(CAST(replace(hushall, ' ', '') AS DOUBLE)) AS hh
             FROM read_csv('${budgetFile}', delim = ';', header = true, all_varchar = true)
             WHERE ? IS NULL OR enhet = ? GROUP BY manad)
     SELECT ytd.kr AS ytd, ytd.kr / 8 * 12 AS linear, ytd.kr / (SELECT avg(share) FROM shares) AS seasonal, hm.n AS household_months,
       (SELECT CASE WHEN count(*) = 12 THEN sum(kr) END FROM b WHERE manad LIKE '2025-%') AS budget_year,
       (SELECT CASE WHEN count(*) = 8 THEN sum(kr) END FROM b WHERE manad BETWEEN '2025-01' AND '2025-08') AS budget_period,
       (SELECT CASE WHEN count(*) = 8 THEN sum(hh) END FROM b WHERE manad BETWEEN '2025-01' AND '2025-08') AS budget_households
     FROM ytd, hm`,
    [enhet, enhet, enhet, enhet],
  );
  const r = t.toArray()[0]!.toJSON() as Record<string, number | bigint | null>;
  const n = (v: number | bigint | null | undefined) => (v === null || v === undefined ? null : Number(v));
  return {
    ytd: n(r.ytd)!,
    linear: n(r.linear)!,
    seasonal: n(r.seasonal)!,
    householdMonths: n(r.household_months)!,
    budgetYear: n(r.budget_year),
    budgetPeriod: n(r.budget_period),
    budgetHouseholds: n(r.budget_households),
  };
}

/** Waits until the notebook has run every cell. */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const a = document.querySelector('article.notebook') as HTMLElement | null;
      // The månadsrapport is first shown from recorded statements (data-precomputed) while the engine starts;
      // the checks here are about the live session that replaces it.
      return !!a && a.dataset.running === 'false' && a.dataset.precomputed !== 'true' && !document.querySelector('[data-status="running"],[data-status="pending"]');
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

/** Replaces a cell's whole text (fences included) through the editor's raw Markdown view, as a user would. */
async function editCell(page: Page, index: number, text: string): Promise<void> {
  await page.getByRole('button', { name: `Redigera cell ${index + 1}`, exact: true }).click();
  await page.getByRole('button', { name: 'Visa som Markdown' }).click();
  const editor = page.getByTestId('cell-editor').locator('.cm-content');
  await editor.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  // One input event, so auto-indent and bracket closing do not alter the text.
  await page.keyboard.insertText(text);
  await page.getByRole('button', { name: 'Spara och kör' }).click();
}

const OWN_BUDGET = join(tmpdir(), 'egen-budget.csv');
/** A controller's own budget for 2025: Norr 1 000 000 kr and 100 households a month, Söder 3 000 000 kr and 300. */
function ownBudget(): string {
  const lines = ['manad;enhet;budget_kr;hushall'];
  for (let m = 1; m <= 12; m++) {
    const month = `2025-${String(m).padStart(2, '0')}`;
    lines.push(`${month};Norr;1 000 000;100`, `${month};Söder;3 000 000;300`);
  }
  return `${lines.join('\r\n')}\r\n`;
}

describe('notebooks in Chromium', () => {
  let browser: Browser;
  let server: { url: string; close: () => Promise<void> };
  let origin: string;
  let month: { aktiva_hushall: Pair; utbetalt: Pair };
  let ytd: { utbetalt: Pair };
  let basForecast: { without: number; with: number };
  let ambitiousApril: { without: number; with: number };
  let bundled: Bokslut;
  let own: Bokslut;
  let ownNorr: Awaited<ReturnType<typeof bokslutInSql>>;
  let paid2025: number;
  let households: { june: number; may: number };

  beforeAll(async () => {
    const db = await NodeConnector.open();
    await db.loadFile('utbetalningar', DATA);
    const model = await prepareMetrics(db);
    // Plain SQL on the data file: households with a payment and kronor paid in a range of months.
    const inSql = async (from: string, to: string) => {
      const t = await db.query(`SELECT count(DISTINCT hushall_id) FILTER (WHERE utbetalt_kr > 0) AS h, sum(utbetalt_kr) AS kr
        FROM read_parquet('${DATA}') WHERE left(CAST(manad AS VARCHAR), 7) BETWEEN ? AND ?`, [from, to]);
      return { households: Number(t.getChild('h')!.get(0)), kr: Number(t.getChild('kr')!.get(0)) };
    };
    const pair = async (from: string, to: string) => {
      const [now, before] = [await inSql(from, to), await inSql(`${Number(from.slice(0, 4)) - 1}${from.slice(4)}`, `${Number(to.slice(0, 4)) - 1}${to.slice(4)}`)];
      return { households: { value: now.households, previous: before.households }, kr: { value: now.kr, previous: before.kr } };
    };
    const december = await pair('2025-12', '2025-12');
    month = { aktiva_hushall: december.households, utbetalt: december.kr };
    ytd = { utbetalt: (await pair('2025-01', '2025-08')).kr };
    households = { june: (await inSql('2025-06', '2025-06')).households, may: (await inSql('2025-05', '2025-05')).households };
    // The delårsbokslut's simulation forecast for scenario bas per August: baseline calibrated on data
    // up to 2025-08, simulated from 2025-09; September–December added to the actual January–August.
    const forecastInNode = async (file: string, asOf: string) => {
      const actual = (await inSql('2025-01', asOf)).kr;
      const run = simulate(parseScenario(rebaseScenario(JSON.parse(readFileSync(`scenarios/${file}.json`, 'utf8')), asOf), await calibrateBaseline(db, { model, lastMonth: asOf })));
      const rest = run.months.filter((m) => m.month > asOf && m.month <= '2025-12');
      expect(rest).toHaveLength(12 - Number(asOf.slice(5)));
      return { without: actual + rest.reduce((s, m) => s + m.baselinePaymentsKr, 0), with: actual + rest.reduce((s, m) => s + m.paymentsKr, 0) };
    };
    basForecast = await forecastInNode('bas', '2025-08');
    // Per April, ambitiös's effect (from its fifth month) reaches September–December.
    ambitiousApril = await forecastInNode('ambitios', '2025-04');
    bundled = await bokslutInSql(db, 'data/budget.csv', null);
    writeFileSync(OWN_BUDGET, ownBudget());
    own = await bokslutInSql(db, OWN_BUDGET, null);
    ownNorr = await bokslutInSql(db, OWN_BUDGET, 'Norr');
    paid2025 = Number((await db.query(`SELECT sum(utbetalt_kr) AS kr FROM read_parquet('${DATA}') WHERE CAST(manad AS VARCHAR) LIKE '2025-%'`)).getChild('kr')!.get(0));
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

  it('månadsrapport: KPIs match plain SQL on the data file, and no cell fails', async () => {
    const { page, log } = await openPage(browser);
    await open(page, `${server.url}#/anteckningar/manadsrapport`);
    expect(await page.locator('.cell-error').count()).toBe(0);
    const kpi = page.locator('[data-cell="aktiva"] .kpi');
    expect(await textInView(kpi.locator('figcaption'))).toBe('Aktiva hushåll, december 2025');
    const a = month.aktiva_hushall;
    expect(plain(await textInView(kpi.locator('.kpi-value')))).toBe(plain(formatCount(a.value)));
    expect(plain(await textInView(kpi.locator('.kpi-change').nth(1)))).toBe(plain(`${change(a.value, a.previous, count)} mot samma månad förra året`));
    const paid = month.utbetalt;
    expect(plain(await textInView(page.locator('[data-cell="utbetalt"] .kpi-value')))).toBe(plain(formatKr(paid.value)));
    expect(plain(await textInView(page.locator('[data-cell="utbetalt"] .kpi-change').nth(1)))).toBe(plain(`${change(paid.value, paid.previous, kr)} mot samma månad förra året`));
    // Year to date against the periodised budget and the full-year forecast: per December both are the year.
    const budget = plain(await textInView(page.locator('[data-cell="mot_budget_tabell"] tbody')));
    expect(budget).toContain(plain(`Utfall januari–rapportmånaden${formatKr(paid2025)}`));
    expect(budget).toContain(plain(`Budget för helåret${formatKr(41_799_000)}`));
    expect(budget).toContain(plain(`Prognostiserad avvikelse mot budget, helår (linjär framskrivning)${formatKr(41_799_000 - paid2025)}`));
    for (const cell of ['barnhushall_kpi', 'personer_kpi', 'handlingsplan_kpi', 'e_kpi', 'mycket_kpi']) {
      expect(await textInView(page.locator(`[data-cell="${cell}"] .kpi-value`))).toMatch(/\d/);
    }
    expect(await textInView(page.locator('[data-cell="handlingsplan_kpi"] .kpi-value'))).toMatch(/%$/);
    expect((await textInView(page.locator('[data-cell="hinder_andel_tabell"] thead'))).trim()).toBe('Försörjningshinder\tAndel av aktiva hushåll');
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
    expect(await textInView(page.locator('[data-cell="aktiva"] figcaption'))).toBe('Aktiva hushåll, juni 2025');
    // The URL is written once the change is painted (session.svelte.ts), which can come after the cells settle.
    await expect.poll(() => page.url()).toContain('period=2025-01..2025-06');
    const shown = await textInView(page.locator('[data-cell="aktiva"] .kpi-value'));

    await page.reload();
    await page.locator('article.notebook').waitFor({ timeout: 60_000 });
    await settled(page);
    expect(await page.locator('#in-period-to').inputValue()).toBe('2025-06');
    expect(await textInView(page.locator('[data-cell="aktiva"] .kpi-value'))).toBe(shown);

    await page.locator('#in-enhet').selectOption('Norr');
    await settled(page);
    // The URL is written once the change is painted (session.svelte.ts), which can come after the cells settle.
    await expect.poll(() => page.url()).toContain('enhet=Norr');
    await page.goBack();
    await settled(page);
    expect(await page.locator('#in-enhet').inputValue()).toBe('');
    expect(await textInView(page.locator('[data-cell="aktiva"] .kpi-value'))).toBe(shown);
    clean(log, origin);
  });

  it('crossfilter: clicking a bar filters the other cells, the selection is shown and can be cleared', async () => {
    const { page, log } = await openPage(browser);
    await open(page, `${server.url}#/anteckningar/manadsrapport`);
    const total = await textInView(page.locator('[data-cell="aktiva"] .kpi-value'));
    const bar = page.locator('[data-cell="typ_diagram"] g.bar').first();
    const category = (await bar.getAttribute('aria-label'))!.split(':')[0]!;
    const hinderRuns = await runs(page, 'hinder');
    await bar.click();
    await settled(page);
    const status = page.locator('[data-cell="typ_diagram"] .selection');
    expect(await textInView(status)).toContain(category);
    expect(await page.locator('[data-cell="typ_diagram"] g.bar[aria-pressed="true"]').count()).toBe(1);
    expect(await textInView(page.locator('[data-cell="aktiva"] .kpi-value'))).not.toBe(total);
    expect(await runs(page, 'hinder')).toBe(hinderRuns + 1);
    // The URL is written once the change is painted (session.svelte.ts), which can come after the cells settle.
    await expect.poll(() => decodeURIComponent(page.url())).toContain(`hushallstyp=${category}`.replace(/ /g, '+'));
    await status.getByRole('button', { name: 'Rensa urval' }).click();
    await settled(page);
    expect(await status.count()).toBe(0);
    expect(await textInView(page.locator('[data-cell="aktiva"] .kpi-value'))).toBe(total);
    clean(log, origin);
  });

  it('a chart far from the screen keeps its figures until it comes near, then shows the current ones; print draws every chart current', async () => {
    const { page, log } = await openPage(browser);
    await open(page, `${server.url}#/anteckningar/manadsrapport`);
    const aktiva = page.locator('[data-cell="aktiva"]');
    const december = await textInView(aktiva.locator('.kpi-value'));
    // Scrolled to the last chart: the KPI cards are several screens above.
    await page.locator('[data-cell="barn_diagram"]').evaluate((el) => el.scrollIntoView({ block: 'end' }));
    const choose = (month: string) =>
      page.locator('#in-period-to').evaluate((el: HTMLSelectElement, m) => {
        el.value = m;
        el.dispatchEvent(new Event('change', { bubbles: true }));
      }, month);
    await choose('2025-06');
    await settled(page);
    expect(await aktiva.getAttribute('data-deferred')).toBe('true');
    expect(await aktiva.locator('figcaption').textContent()).toBe('Aktiva hushåll, december 2025');
    expect(await aktiva.locator('.kpi-value').textContent()).toBe(december);
    // Print media (the browser's print, and how `npm run report` makes its PDF) draws it current.
    await page.emulateMedia({ media: 'print' });
    await expect.poll(() => aktiva.getAttribute('data-deferred')).toBeNull();
    expect(await aktiva.locator('figcaption').textContent()).toBe('Aktiva hushåll, juni 2025');
    expect(plain((await aktiva.locator('.kpi-value').textContent()) ?? '')).toBe(plain(formatCount(households.june)));
    await page.emulateMedia({ media: 'screen' });
    // Another change while far: scrolled near, the card shows it.
    await choose('2025-05');
    await settled(page);
    expect(await aktiva.getAttribute('data-deferred')).toBe('true');
    expect(await textInView(aktiva.locator('figcaption'))).toBe('Aktiva hushåll, maj 2025');
    expect(plain(await textInView(aktiva.locator('.kpi-value')))).toBe(plain(formatCount(households.may)));
    expect(await aktiva.getAttribute('data-deferred')).toBeNull();
    clean(log, origin);
  });

  it('crossfilter: the frame that shows a bar click\'s new KPI touches no SQL cell; those show "räknar …" after it and then rerun', async () => {
    const { page, log } = await openPage(browser);
    // Tall enough that the KPI cards, the budget table and the flow chart are all near the screen, so drawn.
    await page.setViewportSize({ width: 1280, height: 3000 });
    await open(page, `${server.url}#/anteckningar/manadsrapport`);
    // Cells that need the engine after a hushållstyp click: the budget table (SQL) and the flow chart (a metric the cube cannot answer).
    const sqlCells = ['mot_budget_tabell', 'flode_diagram'];
    const before = Object.fromEntries(await Promise.all(sqlCells.map(async (n) => [n, await runs(page, n)] as const)));
    type Frame = { kpiChanged: boolean; touched: string[]; status: string[]; runs: number[] };
    const click = (i: number): Promise<{ first: Frame; busy: string[] }> =>
      page.evaluate(
        ({ i, sqlCells }) =>
          new Promise((resolve) => {
            const cellOf = (node: Node): string | undefined => ((node.nodeType === 1 ? node : node.parentElement) as Element | null)?.closest<HTMLElement>('[data-cell]')?.dataset.cell;
            const cell = (n: string) => document.querySelector<HTMLElement>(`[data-cell="${n}"]`)!;
            const touched = new Set<string>();
            const busy = new Set<string>();
            const observer = new MutationObserver((records) => {
              for (const r of records) {
                const name = cellOf(r.target);
                if (name) touched.add(name);
              }
              for (const n of sqlCells) if (cell(n).querySelector('[aria-busy="true"]')) busy.add(n);
            });
            observer.observe(document.querySelector('article.notebook')!, { subtree: true, childList: true, attributes: true, characterData: true });
            const kpi = cell('aktiva').querySelector('.kpi-value')!.textContent;
            document.querySelectorAll('[data-cell="typ_diagram"] g.bar')[i]!.dispatchEvent(new MouseEvent('click', { bubbles: true }));
            requestAnimationFrame(() => {
              observer.takeRecords().forEach((r) => { const name = cellOf(r.target); if (name) touched.add(name); });
              const first = { kpiChanged: cell('aktiva').querySelector('.kpi-value')!.textContent !== kpi, touched: [...touched], status: sqlCells.map((n) => cell(n).dataset.status!), runs: sqlCells.map((n) => Number(cell(n).dataset.runs)) };
              // Then until the run is over, watching for the SQL cells' "räknar …" state.
              const done = () => {
                const a = document.querySelector<HTMLElement>('article.notebook')!;
                if (a.dataset.running === 'false' && !document.querySelector('[data-status="running"],[data-status="pending"]')) {
                  observer.disconnect();
                  resolve({ first, busy: [...busy] });
                } else setTimeout(done, 20);
              };
              setTimeout(done, 20);
            });
          }),
        { i, sqlCells },
      );
    // The first clicks may come before the month cube is loaded, when every cell waits for the engine; click
    // (and clear) until a click is answered in its first frame.
    let result: { first: Frame; busy: string[] } | null = null;
    let clicks = 0;
    for (let attempt = 0; attempt < 4 && !result?.first.kpiChanged; attempt++) {
      result = await click(0);
      clicks++;
      await settled(page);
      if (!result.first.kpiChanged) {
        await click(0);
        clicks++;
        await settled(page);
      }
    }
    expect(result!.first.kpiChanged).toBe(true);
    expect(result!.first.touched).toContain('aktiva');
    for (const n of sqlCells) expect(result!.first.touched).not.toContain(n);
    expect(result!.first.status).toEqual(['ok', 'ok']);
    expect(result!.first.runs).toEqual(sqlCells.map((n) => before[n]! + clicks - 1));
    // Once that frame is painted they are marked as being recomputed, and they rerun.
    expect(result!.busy.sort()).toEqual([...sqlCells].sort());
    for (const n of sqlCells) expect(await runs(page, n)).toBe(before[n]! + clicks);
    clean(log, origin);
  });

  it('a link choosing a hushållstyp the data lacks says so in Swedish, and keeps the choice', async () => {
    const { page, log } = await openPage(browser);
    await open(page, `${server.url}#/anteckningar/manadsrapport?hushallstyp=finns-inte&hushallstyp=${encodeURIComponent('sammanboende med barn')}`);
    await expect
      .poll(() => page.locator('article.notebook header [role="status"]').allInnerTexts())
      .toContain('Hushållstyp: "finns-inte" finns inte i datan och ger därför inga hushåll. Välj bland filtrets alternativ eller rensa det.');
    // Only the value the data lacks is named; the link's choice is not dropped.
    expect((await page.locator('article.notebook header [role="status"]').allInnerTexts()).join(' ')).not.toContain('"sammanboende med barn"');
    expect(decodeURIComponent(page.url())).toContain('hushallstyp=finns-inte');
    // Clearing the filter clears the message.
    await page.locator('[data-input="hushallstyp"]').getByRole('button', { name: 'rensa' }).click();
    await settled(page);
    expect((await page.locator('article.notebook header [role="status"]').allInnerTexts()).join(' ')).not.toContain('finns inte i datan');
    clean(log, origin);
  });

  it('delårsbokslut: utfall and last year match plain SQL; forecasts state their method', async () => {
    const { page, log } = await openPage(browser);
    await open(page, `${server.url}#/anteckningar/delarsbokslut`);
    expect(await page.locator('.cell-error').count()).toBe(0);
    const rows = page.locator('[data-cell="sammanstallning_tabell"] tbody tr');
    expect(plain(await textInView(rows.nth(0)))).toBe(plain(`Utfall för perioden${formatKr(ytd.utbetalt.value)}`));
    expect(plain(await textInView(rows.nth(1)))).toBe(plain(`Samma period förra året${formatKr(ytd.utbetalt.previous)}`));
    const forecast = await textInView(page.locator('[data-cell="prognos_tabell"] tbody'));
    expect(forecast).toContain('Linjär framskrivning');
    expect(forecast).not.toContain('run-rate');
    expect(forecast).toContain('Utfall januari–bokslutsmånaden ÷ 8 × 12');
    expect(forecast).toContain('Säsongsprofil');
    const effects = await textInView(page.locator('[data-cell="effekter_tabell"] tbody'));
    expect(effects).toContain('Volymeffekt (H₁ − H₀) × P₀');
    await page.screenshot({ path: 'test-results/notebook-delarsbokslut.png', fullPage: true });
    clean(log, origin);
  });

  it('delårsbokslut: choosing scenario bas (then ambitiös per April) adds the simulation forecast, equal to the same computation in Node', async () => {
    const { page, log } = await openPage(browser);
    await open(page, `${server.url}#/anteckningar/delarsbokslut`);
    expect(await textInView(page.getByTestId('no-scenario'))).toContain('Inget scenario valt');
    const other = await runs(page, 'prognos');
    await page.locator('#in-scenario').selectOption('bas');
    await settled(page);
    // The URL is written once the change is painted (session.svelte.ts), which can come after the cells settle.
    await expect.poll(() => page.url()).toContain('scenario=bas');
    const table = page.getByTestId('sim-forecast');
    const method = 'Simulering (scenario bas, utgångsläge från data t.o.m. augusti 2025)';
    const without = await textInView(table.locator('tr[data-row="utan"]'));
    const withMeasures = await textInView(table.locator('tr[data-row="med"]'));
    expect(plain(without)).toContain(plain(`Utan åtgärder (utgångsläge)${formatKr(basForecast.without)}`));
    expect(plain(without)).toContain(plain(`${method}: utfall januari–augusti 2025`));
    expect(plain(withMeasures)).toContain(plain(`Med scenariots åtgärder${formatKr(basForecast.with)}`));
    expect(plain(withMeasures)).toContain(plain(method));
    expect(plain(await textInView(page.locator('[data-cell="simulering"] .note').nth(1)))).toContain(plain(`Utfall januari–augusti 2025: ${formatKr(ytd.utbetalt.value)}`));
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
    for (const [row, kr] of [['utan', ambitiousApril.without], ['med', ambitiousApril.with]] as const) {
      const text = plain(await textInView(table.locator(`tr[data-row="${row}"]`)));
      expect(text).toContain(plain(formatKr(kr)));
      expect(text).toContain(plain(april));
    }
    expect(plain(await textInView(table.locator('tr[data-row="skillnad"]')))).toContain(plain(formatKr(ambitiousApril.with - ambitiousApril.without)));
    clean(log, origin);
  });

  it('delårsbokslut: the forecast deviation is budget − forecast for each method, as plain SQL on the data and budget.csv gives it', async () => {
    const { page, log } = await openPage(browser);
    await page.setViewportSize({ width: 1440, height: 900 });
    await open(page, `${server.url}#/anteckningar/delarsbokslut`);
    expect(await textInView(page.getByTestId('budget-in-use'))).toContain('data/budget.csv');
    expect(bundled.budgetYear).not.toBeNull();
    const table = page.locator('[data-cell="prognos_tabell"]');
    expect(await table.locator('thead th').allInnerTexts()).toEqual(['Prognosmetod', 'Avvikelse (budget − prognos)', 'Helårsprognos', 'Helårsbudget', 'Beräkning']);
    // Budget is the reference in every row, never a method of its own.
    const rows = table.locator('tbody tr');
    expect(await rows.count()).toBe(2);
    const expected: [string, number][] = [['Linjär framskrivning', bundled.linear], ['Säsongsprofil', bundled.seasonal]];
    for (const [i, [method, forecast]] of expected.entries()) {
      const [name, deviation, shownForecast, budget] = await rows.nth(i).locator('td').allInnerTexts();
      expect(name).toBe(method);
      expect(Math.abs(kronor(shownForecast!) - forecast)).toBeLessThanOrEqual(1);
      expect(kronor(budget!)).toBe(bundled.budgetYear);
      expect(Math.abs(kronor(deviation!) - (bundled.budgetYear! - forecast))).toBeLessThanOrEqual(1);
    }
    const summary = await textInView(page.locator('[data-cell="sammanstallning_tabell"] tbody'));
    expect(plain(summary)).toContain(plain(`Budget för perioden (periodiserad)${formatKr(bundled.budgetPeriod)}`));
    expect(plain(summary)).toContain(plain(`Avvikelse mot budget för perioden (budget − utfall)${formatKr(bundled.budgetPeriod! - bundled.ytd)}`));
    const text = await textInView(page.locator('article.notebook'));
    expect(text).toContain('Utfallet är utbetalt ekonomiskt bistånd brutto, fördelat på den månad utbetalningen avser');
    expect(text).toContain('inte nämndens nettokostnad');
    expect(text).not.toMatch(/\b1 rader\b/);
    const headings = await page.locator('article.notebook th[scope="col"]').allInnerTexts();
    expect(headings.filter((h) => /^[a-z_]+$/.test(h))).toEqual([]);
    await page.screenshot({ path: 'test-results/notebook-delarsbokslut-1440.png' });
    // The simulation forecast for scenario bas: its deviation against the whole municipality's budget.
    await page.locator('#in-scenario').selectOption('bas');
    const sim = page.getByTestId('sim-forecast');
    await sim.waitFor({ timeout: 60_000 });
    await settled(page);
    for (const [row, forecast] of [['utan', basForecast.without], ['med', basForecast.with]] as const) {
      const shown = await textInView(sim.locator(`tr[data-row="${row}"] td[data-col="avvikelse"]`));
      expect(Math.abs(kronor(shown) - (bundled.budgetYear! - forecast))).toBeLessThanOrEqual(1);
    }
    expect(await textInView(sim.locator('thead th').nth(2))).toBe('Prognostiserad avvikelse mot budget, helår');
    clean(log, origin);
  });

  it('delårsbokslut: a budget file chosen in the browser replaces the bundled one; a bad file is refused in Swedish', async () => {
    const { page, log } = await openPage(browser);
    await open(page, `${server.url}#/anteckningar/delarsbokslut`);
    // Hand-known: Norr 12 × 1 000 000 + Söder 12 × 3 000 000 = 48 000 000 kr; January–August 32 000 000 kr.
    expect([own.budgetYear, own.budgetPeriod]).toEqual([48_000_000, 32_000_000]);
    await page.locator('#budget-file').setInputFiles(OWN_BUDGET);
    await expect.poll(() => page.getByTestId('budget-in-use').innerText()).toContain('egen-budget.csv');
    const summary = page.locator('[data-cell="sammanstallning_tabell"] tbody');
    await expect.poll(async () => plain(await textInView(summary)), { timeout: 30_000 }).toContain(plain(`Budget för helåret${formatKr(48_000_000)}`));
    await settled(page);
    expect(plain(await textInView(summary))).toContain(plain(`Budget för perioden (periodiserad)${formatKr(32_000_000)}`));
    const linear = await page.locator('[data-cell="prognos_tabell"] tbody tr').first().locator('td').allInnerTexts();
    expect(Math.abs(kronor(linear[1]!) - (48_000_000 - own.linear))).toBeLessThanOrEqual(1);
    expect(kronor(linear[3]!)).toBe(48_000_000);

    // The budget follows the enhet filter: Norr's 1 000 000 kr and 100 households a month.
    await page.locator('#in-enhet').selectOption('Norr');
    await settled(page);
    expect(plain(await textInView(summary))).toContain(plain(`Budget för helåret${formatKr(12_000_000)}`));
    expect(plain(await textInView(summary))).toContain(plain(`Budget för perioden (periodiserad)${formatKr(8_000_000)}`));
    const split = plain(await textInView(page.locator('[data-cell="budgeteffekter_tabell"] tbody')));
    expect(split).toContain(plain('Budgeterade hushållsmånader (H_b)800'));
    expect(split).toContain(plain('Budgeterat per hushållsmånad (P_b), kr10 000'));
    expect(split).toContain(plain(`Hushållsmånader i utfallet (H_u)${formatCount(ownNorr.householdMonths)}`));
    expect(split).toContain(plain(`Volymeffekt (H_b − H_u) × P_b, kr${formatCount((800 - ownNorr.householdMonths) * 10_000, false)}`.replace('-', '−')));
    expect(split).toContain(plain(`Avvikelse mot budget (budget − utfall), kr${formatCount(Math.round(8_000_000 - ownNorr.ytd), false)}`.replace('-', '−')));

    // A bad file: every bad line named in Swedish, the chosen budget stays.
    await page.locator('#budget-file').setInputFiles({ name: 'trasig.csv', mimeType: 'text/csv', buffer: Buffer.from('manad;budget_kr\n2025-01;tio\n2025-1;5\n') });
    const error = page.getByTestId('budget-error');
    await error.waitFor();
    expect(await textInView(error)).toContain('Filen trasig.csv kan inte användas; budgeten nedan gäller fortfarande.');
    expect(await textInView(error)).toContain('Rad 2: beloppet "tio" ska vara ett tal ≥ 0 i kronor');
    expect(await textInView(error)).toContain('Rad 3: månaden "2025-1" ska skrivas ÅÅÅÅ-MM');
    expect(await textInView(page.getByTestId('budget-in-use'))).toContain('egen-budget.csv');

    // The chosen file holds for the session (a reload), until the bundled one is chosen again.
    await page.reload();
    await page.locator('article.notebook').waitFor({ timeout: 60_000 });
    await settled(page);
    await expect.poll(() => page.getByTestId('budget-in-use').innerText()).toContain('egen-budget.csv');
    expect(plain(await textInView(summary))).toContain(plain(`Budget för helåret${formatKr(12_000_000)}`));
    await page.getByRole('button', { name: 'Använd exempelbudgeten' }).click();
    await expect.poll(() => page.getByTestId('budget-in-use').innerText()).toContain('data/budget.csv');
    expect(await page.getByTestId('budget-gap').count()).toBe(0);

    // A whole-municipality budget while Norr is chosen: the note says why budget reads "–", and goes
    // when the bundled per-unit budget is back.
    const municipality = ['manad;budget_kr', ...Array.from({ length: 12 }, (_, i) => `2025-${String(i + 1).padStart(2, '0')};4000000`)].join('\n');
    await page.locator('#budget-file').setInputFiles({ name: 'kommunen.csv', mimeType: 'text/csv', buffer: Buffer.from(municipality) });
    await expect.poll(() => page.getByTestId('budget-gap').count(), { timeout: 30_000 }).toBe(1);
    expect(await textInView(page.getByTestId('budget-gap'))).toBe('Budgetfilen har bara budget för hela kommunen, inte per enhet. Med enheten Norr vald står därför streck (–) där budgeten skulle stå.');
    await page.getByRole('button', { name: 'Använd exempelbudgeten' }).click();
    await expect.poll(() => page.getByTestId('budget-gap').count(), { timeout: 30_000 }).toBe(0);
    clean(log, origin);
  });

  it('scenarier: the simulation runs and follows its sliders', async () => {
    const { page, log } = await openPage(browser);
    await open(page, `${server.url}#/anteckningar/scenarier`);
    expect(await page.locator('.cell-error').count()).toBe(0);
    const result = page.locator('[data-cell="resultat"]');
    // The value of freed time follows the time saving (the payback month may stay outside the period).
    const before = await textInView(result.locator('.freed'));
    const n = await runs(page, 'resultat');
    await page.locator('#in-tidsbesparing').fill('0.3');
    await settled(page);
    expect(await runs(page, 'resultat')).toBeGreaterThan(n);
    expect(await textInView(result.locator('.freed'))).not.toBe(before);
    // The URL is written once the change is painted (session.svelte.ts), which can come after the cells settle.
    await expect.poll(() => page.url()).toContain('tidsbesparing=0.3');
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
    await page.getByRole('button', { name: '+ Fråga (SQL)' }).click();
    const count = await page.locator('section.cell').count();
    await editCell(page, count - 1, '```sql trasig\nSELECT finns_inte FROM utbetalningar\n```');
    await settled(page);
    await page.screenshot({ path: 'test-results/notebook-authoring.png', fullPage: true });
    const broken = page.locator('[data-cell="trasig"] .cell-error');
    expect(await textInView(broken)).toMatch(/finns_inte/);
    expect(await page.locator('.cell-error').count()).toBe(1);
    expect(await textInView(page.locator('[data-cell="aktiva"] .kpi-value'))).not.toBe('');
    // A <script> put in through innerHTML never runs, so __xss can only be set by the img's onerror; that the
    // script element itself is not in the DOM is what the script/img count below checks.
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    const md = page.locator('section.cell-text').first();
    expect(await textInView(md)).toContain('<script>');
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
