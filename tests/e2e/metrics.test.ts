import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launch, openPage, serveDist } from './harness.ts';
import { count, kr, mnkr, months, percent, plain } from './expected-format.ts';

const DATA = process.env.E2E_DATA ?? 'data/utbetalningar.parquet';

/** Plain SQL on the data file in a native DuckDB of its own: the expectations never touch src/metrics. */
async function plainSql(): Promise<{ rows: (q: string) => Promise<Record<string, unknown>[]>; one: (q: string) => Promise<number>; close: () => void }> {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const con = await (await DuckDBInstance.create(':memory:')).connect();
  const rows = async (q: string) => (await con.runAndReadAll(q)).getRowObjectsJS() as Record<string, unknown>[];
  return { rows, one: async (q) => Number(Object.values((await rows(q))[0]!)[0]), close: () => con.closeSync() };
}

/** kr shown compact as the KPI cards do: mnkr from a million, tkr from 10 000, else whole kronor. */
const krCompact = (n: number) => (n >= 1e6 ? mnkr(n) : n >= 1e4 ? plain(`${new Intl.NumberFormat('sv-SE', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(n / 1e3)} tkr`) : kr(n));

describe('the Nyckeltal page in Chromium', () => {
  let browser: Browser;
  let server: { url: string; close: () => Promise<void> };
  let yearly: { year: number; households: number; paid: number; longTerm: number }[];
  const kpi: Record<string, Record<string, string>> = {};

  beforeAll(async () => {
    const db = await plainSql();
    // A household-month counts when something was paid (one row per household and month in the sample).
    await db.rows(`CREATE TABLE u AS SELECT hushall_id, left(CAST(manad AS VARCHAR), 7) AS m, utbetalt_kr, enhet
      FROM read_parquet('${DATA}') WHERE utbetalt_kr > 0`);
    // Per household and year: paid months and kronor; långvarigt = 10 or more paid months in the year.
    yearly = (await db.rows(`SELECT CAST(y AS INTEGER) AS year, count(*) AS households, sum(kr) AS paid, avg(CASE WHEN n >= 10 THEN 1 ELSE 0 END) AS long_term
      FROM (SELECT hushall_id, left(m, 4) AS y, count(*) AS n, sum(utbetalt_kr) AS kr FROM u GROUP BY 1, 2) GROUP BY 1 ORDER BY 1`))
      .map((r) => ({ year: Number(r.year), households: Number(r.households), paid: Number(r.paid), longTerm: Number(r.long_term) }));
    // The KPI cards for a range: households per month (average), paid in the range, distinct households, kr per household-month.
    for (const [name, where] of [['all', "m BETWEEN '2025-01' AND '2025-12'"], ['norr', "m BETWEEN '2024-01' AND '2024-12' AND enhet = 'Norr'"]]) {
      const [r] = await db.rows(`SELECT count(*) / 12 AS per_month, sum(utbetalt_kr) AS paid, count(DISTINCT hushall_id) AS households,
        sum(utbetalt_kr) / count(*) AS per_household_month FROM u WHERE ${where}`);
      kpi[name!] = {
        aktiva_hushall: count(Number(r!.per_month)), utbetalt: krCompact(Number(r!.paid)),
        hushall_under_perioden: count(Number(r!.households)), utbetalt_per_hushall: krCompact(Number(r!.per_household_month)),
      };
    }
    db.close();
    server = await serveDist();
    browser = await launch();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows the yearly households, kronor and långvarigt share as plain SQL gives them', async () => {
    const { page, log } = await openPage(browser);
    await page.goto(`${server.url}#/nyckeltal`);
    await page.locator('[data-testid="metrics-page"][data-state="ready"] [data-testid="yearly-table"] tbody tr').first().waitFor({ timeout: 60_000 });
    const rows = page.locator('[data-testid="yearly-table"] tbody tr');
    expect(await rows.count()).toBe(yearly.length);
    for (const [i, y] of yearly.entries()) {
      const cells = (await rows.nth(i).locator('td').allInnerTexts()).map(plain);
      expect(cells.slice(0, 3)).toEqual([String(y.year), count(y.households), kr(y.paid)]);
      expect(cells[4]).toBe(percent(y.longTerm));
    }
    expect(log.consoleErrors).toEqual([]);
    expect(log.requests.filter((u) => !u.startsWith(new URL(server.url).origin))).toEqual([]);
    await page.screenshot({ path: 'test-results/nyckeltal.png', fullPage: true });
  });

  it('shows the household and kronor KPIs as plain SQL gives them, and follows filters kept in the URL', async () => {
    const { page } = await openPage(browser);
    const read = async () => {
      await page.locator('[data-testid="metrics-page"][data-state="ready"] [data-testid="kpis"]').waitFor({ timeout: 60_000 });
      const shown = Object.fromEntries(
        await page.locator('[data-kpi]').evaluateAll((els) => els.map((e) => [e.getAttribute('data-kpi'), e.querySelector('.value')?.textContent ?? ''])),
      ) as Record<string, string>;
      return Object.fromEntries(Object.keys(kpi.all!).map((id) => [id, plain(shown[id] ?? '')]));
    };

    await page.goto(`${server.url}#/nyckeltal`);
    const all = await read();
    expect(all).toEqual(kpi.all);

    await page.goto(`${server.url}#/nyckeltal?enhet=Norr&from=2024-01&to=2024-12`);
    await page.waitForFunction(() => document.querySelector('[data-testid="metrics-page"]')?.getAttribute('data-state') === 'ready');
    expect(await read()).toEqual(kpi.norr);
    expect(kpi.norr!.aktiva_hushall).not.toBe(kpi.all!.aktiva_hushall);
    // The definition is one click away; återaktualiserade is shown under ej återaktualiserade, its primary.
    await page.locator('[data-kpi="ej_ateraktualiserade"] details:not(.caveat) summary').click();
    expect(await page.locator('[data-kpi="ej_ateraktualiserade"] details:not(.caveat) p').first().innerText()).toMatch(/W månader/);
  });
});

/**
 * The measures added for Socialstyrelsen's and Kolada's readings, checked against plain SQL written here
 * and run by native DuckDB on the same parquet file: an implementation independent of src/metrics (periods
 * by a running sum over gaps instead of pairing starts with ends), not the page's own functions.
 */
describe('Nyckeltal against plain SQL on the sample data', () => {
  let browser: Browser;
  let server: { url: string; close: () => Promise<void> };
  const sqlValues: Record<string, number> = {};
  const notReactivated: Record<number, number> = {};

  beforeAll(async () => {
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const con = await (await DuckDBInstance.create(':memory:')).connect();
    const one = async (q: string) => Number(Object.values((await con.runAndReadAll(q)).getRowObjectsJS()[0]!)[0]);
    await con.run(`CREATE TABLE u AS SELECT hushall_id, CAST(substr(CAST(manad AS VARCHAR), 1, 4) AS INTEGER) * 12
        + CAST(substr(CAST(manad AS VARCHAR), 6, 2) AS INTEGER) - 1 AS mi, utbetalt_kr, antal_vuxna, antal_barn
      FROM read_parquet('${DATA}')`);
    const first = await one('SELECT min(mi) FROM u');
    const last = await one('SELECT max(mi) FROM u');
    // Paid months; a period starts where the previous paid month lies more than G = 3 months back.
    await con.run(`CREATE TABLE p AS SELECT hushall_id, mi, sum(CAST(mi - prev > 3 OR prev IS NULL AS INTEGER))
        OVER (PARTITION BY hushall_id ORDER BY mi) AS nr FROM (SELECT hushall_id, mi, lag(mi) OVER (PARTITION BY hushall_id ORDER BY mi) AS prev
        FROM (SELECT DISTINCT hushall_id, mi FROM u WHERE utbetalt_kr > 0))`);
    await con.run(`CREATE TABLE s AS SELECT hushall_id, nr, min(mi) AS s, max(mi) AS e FROM p GROUP BY ALL`);
    // Biståndsmånader per hushåll in the latest whole year: payment months ÷ households.
    sqlValues.bistandsmanader2025 = await one(`SELECT count(*) / count(DISTINCT hushall_id) FROM p WHERE mi BETWEEN ${2025 * 12} AND ${2025 * 12 + 11}`);
    // Starts in 2025 (all observable: first + 3 is in 2018) and those of households with an earlier period.
    sqlValues.started2025 = await one(`SELECT count(*) FROM s WHERE s BETWEEN ${2025 * 12} AND ${2025 * 12 + 11} AND s >= ${first + 3}`);
    sqlValues.returning2025 = await one(`SELECT count(*) FROM s WHERE s BETWEEN ${2025 * 12} AND ${2025 * 12 + 11} AND nr > 1`);
    // Ej återaktualiserade by year of ending: ends with 3 months after and 12 months of follow-up in the data.
    const rows = (await con.runAndReadAll(`SELECT a.e // 12 AS y, avg(CASE WHEN b.s IS NOT NULL AND b.s <= a.e + 12 THEN 0 ELSE 1 END) AS share
      FROM s a LEFT JOIN s b ON b.hushall_id = a.hushall_id AND b.nr = a.nr + 1
      WHERE a.e + 3 <= ${last} AND a.e + 12 <= ${last} GROUP BY 1`)).getRowObjectsJS();
    for (const r of rows) notReactivated[Number(r.y)] = Number(r.share);
    // Långvarigt 2024 weighted by adults in each household's last payment month of the year.
    sqlValues.longTermAdults2024 = await one(`SELECT sum(v) FILTER (WHERE n >= 10) / sum(v) FROM (
        SELECT hushall_id, count(*) AS n, arg_max(antal_vuxna, mi) AS v FROM u
        WHERE utbetalt_kr > 0 AND mi BETWEEN ${2024 * 12} AND ${2024 * 12 + 11} GROUP BY 1)`);
    // Persons and households with children per month in 2025 (the KPIs' default 12 months).
    sqlValues.persons2025 = await one(`SELECT sum(antal_vuxna + antal_barn) / 12 FROM u WHERE utbetalt_kr > 0 AND mi BETWEEN ${2025 * 12} AND ${2025 * 12 + 11}`);
    sqlValues.withChildren2025 = await one(`SELECT count(*) FILTER (WHERE antal_barn > 0) / 12 FROM u WHERE utbetalt_kr > 0 AND mi BETWEEN ${2025 * 12} AND ${2025 * 12 + 11}`);
    con.closeSync();
    server = await serveDist();
    browser = await launch();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows biståndsmånader per hushåll, påbörjade perioder split into nya and återkommande, adults and persons as SQL gives them', async () => {
    const { page, log } = await openPage(browser);
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`${server.url}#/nyckeltal`);
    await page.locator('[data-testid="metrics-page"][data-state="ready"] [data-testid="kpis"]').waitFor({ timeout: 60_000 });
    const value = async (id: string) => plain(await page.locator(`[data-kpi="${id}"] .value`).innerText());
    expect(await value('bistandsmanader_per_hushall')).toBe(months(sqlValues.bistandsmanader2025!));
    expect(await value('nya_hushall')).toBe(count(sqlValues.started2025!));
    expect(plain(await page.locator('[data-kpi-sub="aterkommande"]').innerText())).toBe(plain(
      `varav nya ${count(sqlValues.started2025! - sqlValues.returning2025!)}, återkommande ${count(sqlValues.returning2025!)}`));
    expect(await value('personer')).toBe(count(sqlValues.persons2025!));
    expect(await value('hushall_med_barn')).toBe(count(sqlValues.withChildren2025!));
    // Sources: Socialstyrelsen for its own measure, never for the period-based bidragstid.
    await page.locator('[data-kpi="bistandsmanader_per_hushall"] summary').click();
    expect(await page.locator('[data-kpi="bistandsmanader_per_hushall"] .source').innerText()).toMatch(/Socialstyrelsen/);
    await page.locator('[data-kpi="bidragstid_medel"] details:not(.caveat) summary').click();
    expect(await page.locator('[data-kpi="bidragstid_medel"] .source').innerText()).toMatch(/^Källa: Egen definition \(periodlängd\)/);
    // No SQL column name reaches the reader.
    expect(await page.locator('[data-testid="metrics-page"]').innerText()).not.toMatch(/\b[a-z]+_[a-z_]+\b/);
    await page.screenshot({ path: '/tmp/nyckeltal-1440x900.png' });
    await page.screenshot({ path: '/tmp/nyckeltal-full.png', fullPage: true });
    expect(log.consoleErrors).toEqual([]);
  });

  it('shows ej återaktualiserade and adult-weighted långvarigt per year, and leaves out bidragstid of 2018–2022 with the reason one click away', async () => {
    const { page } = await openPage(browser);
    await page.goto(`${server.url}#/nyckeltal`);
    await page.locator('[data-testid="metrics-page"][data-state="ready"] [data-testid="yearly-table"] tbody tr').first().waitFor({ timeout: 60_000 });
    const rows = page.locator('[data-testid="yearly-table"] tbody tr');
    const cells = async (year: number) => (await rows.nth(year - 2018).locator('td').allInnerTexts()).map(plain);
    for (let year = 2018; year <= 2025; year++) expect((await cells(year))[7]).toBe(year in notReactivated ? percent(notReactivated[year]!) : '–');
    expect((await cells(2024))[5]).toBe(percent(sqlValues.longTermAdults2024!));
    // Data from 2018-01 with G = 3: a period ending in January 2022 can have lasted at most 46 months, 2023 58.
    for (const year of [2018, 2019, 2020, 2021, 2022]) expect((await cells(year))[8]).toBe('ej jämförbar*');
    for (const year of [2023, 2024, 2025]) expect((await cells(year))[8]).toMatch(/^\d+,\d mån$/);
    const note = page.locator('[data-testid="duration-bias"]');
    expect(await note.locator('summary').innerText()).toContain('2018, 2019, 2020, 2021, 2022');
    await note.locator('summary').click();
    expect(await note.locator('p').nth(1).innerText()).toMatch(/minst 48 månader/);
  });

  it('marks a KPI bidragstid over months shortened by the start of the data, with the reason one click away', async () => {
    const { page } = await openPage(browser);
    await page.goto(`${server.url}#/nyckeltal`);
    await page.locator('[data-testid="metrics-page"][data-state="ready"] [data-kpi="bidragstid_medel"]').waitFor({ timeout: 60_000 });
    // By default the ends of October 2024 – September 2025: a period could have lasted 76 months or more.
    expect(await page.locator('[data-kpi="bidragstid_medel"] [data-caveat]').count()).toBe(0);
    await page.goto(`${server.url}#/nyckeltal?from=2020-01&to=2020-12`);
    await page.waitForFunction(() => document.querySelector('[data-testid="metrics-page"]')?.getAttribute('data-state') === 'ready');
    const caveat = page.locator('[data-kpi="bidragstid_medel"] [data-caveat]');
    await caveat.locator('summary').click();
    // 2018-01 + G = 3: a period ending in January 2020 can have lasted 22 months; 48 months are visible from March 2022.
    expect(plain(await caveat.locator('p').innerText())).toMatch(/slutar januari 2020 kan bara ha varat 22 månader.*avslut från mars 2022\.$/);
  });

  it('axe finds no serious or critical violations on Nyckeltal with a data-start caveat and definitions opened', async () => {
    // The app's CSP rightly forbids injected scripts; this test context bypasses it to run axe.
    const context = await browser.newContext({ locale: 'sv-SE', bypassCSP: true });
    const page = await context.newPage();
    await page.goto(`${server.url}#/nyckeltal?from=2020-01&to=2020-12`);
    await page.locator('[data-testid="metrics-page"][data-state="ready"] [data-caveat]').first().waitFor({ timeout: 60_000 });
    await page.locator('[data-kpi="bidragstid_medel"] [data-caveat] summary').click();
    await page.locator('[data-testid="duration-bias"] summary').click();
    await page.addScriptTag({ path: 'node_modules/axe-core/axe.min.js' });
    const violations = await page.evaluate(async () => {
      const r = await (window as unknown as { axe: { run(): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe.run();
      return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
    });
    expect(violations).toEqual([]);
    await context.close();
  });
});
