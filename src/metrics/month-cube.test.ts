import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableFromIPC, tableToIPC, type Table } from 'apache-arrow';
import { decodedColumn } from '../engine/decoded-columns.ts';
import { NodeConnector } from '../engine/node-connector.ts';
import { cubeHouseholdMonths, cubeScans, cubeVeryLongTerm, loadMonthCube, selectionWarmer, warmMonthCube, type MonthCube } from './month-cube.ts';
import { veryLongTermSql } from './household-queries.ts';
import { prepareMetrics } from './prepare.ts';
import type { Grouping, MetricFilters } from './types.ts';

// The standard sample: one row per household and month, so a "paid household-month" is a raw row
// with utbetalt_kr > 0 (docs/metrics.md). The expected values below are plain SQL over those rows.
const PAID = `FROM utbetalningar WHERE utbetalt_kr > 0`;

function rows(t: Table, columns: readonly string[]): Record<string, unknown>[] {
  return t.toArray().map((r) => Object.fromEntries(columns.map((c) => [c, (r as Record<string, unknown>)[c] ?? null])));
}

const close = (a: unknown, b: unknown) => (typeof a === 'number' && typeof b === 'number' ? Math.abs(a - b) < 1e-9 * Math.max(1, Math.abs(b)) : a === b);
function expectRows(actual: Record<string, unknown>[], expected: Record<string, unknown>[]): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((row, i) => {
    for (const [k, v] of Object.entries(expected[i]!)) {
      if (!close(row[k], v)) expect({ row: i, column: k, value: row[k] }).toEqual({ row: i, column: k, value: v });
    }
  });
}

/** The raw-row condition of `filters` (plain SQL written here, not the metrics layer's compiler). */
function rawWhere(f: MetricFilters): string {
  const parts = [`manad BETWEEN '${f.from}' AND '${f.to}'`];
  const list = (col: string, v?: readonly string[]) => v?.length && parts.push(`${col} IN (${v.map((x) => `'${x}'`).join(', ')})`);
  list('enhet', f.enhet);
  list('hushallstyp', f.hushallstyp);
  list('forsorjningshinder', f.forsorjningshinder);
  if (f.barn === 'med') parts.push('antal_barn > 0');
  if (f.barn === 'utan') parts.push('antal_barn = 0');
  return parts.join(' AND ');
}

describe('month cube (crossfilter fast path) against plain SQL over the raw rows', () => {
  let db: NodeConnector;
  let cube: MonthCube;
  beforeAll(async () => {
    db = await NodeConnector.open();
    await db.loadFile('utbetalningar', 'data/utbetalningar.parquet');
    cube = await loadMonthCube(db, await prepareMetrics(db));
  });
  afterAll(async () => db.close());

  // Brush ranges (the period input) with and without a bar selected elsewhere.
  it.each<MetricFilters>([
    { from: '2024-01', to: '2024-12' },
    { from: '2023-04', to: '2023-09', enhet: ['Norr'] },
    { from: '2021-11', to: '2022-02', hushallstyp: ['ensamstående man utan barn'], barn: 'utan' },
    { from: '2025-06', to: '2025-12', forsorjningshinder: ['arbetslös', 'sjukskriven'], barn: 'med' },
  ])('households per month under %j', async (filters) => {
    const expected = await db.query(`SELECT manad AS grupp, count(DISTINCT hushall_id) AS households, sum(utbetalt_kr) AS paid_kr,
        sum(forsorjningsstod_kr) AS fs_kr, sum(antal_barn) AS children, sum(antal_vuxna) + sum(antal_barn) AS persons,
        count(*) FILTER (WHERE antal_barn > 0) AS households_with_children,
        count(*) FILTER (WHERE kanal = 'e-tjänst') / count(*) AS e_share, count(*) FILTER (WHERE handlingsplan) / count(*) AS handlingsplan_share
      ${PAID} AND ${rawWhere(filters)} GROUP BY manad ORDER BY manad`);
    expect(expected.numRows).toBeGreaterThan(0);
    const answer = cubeHouseholdMonths(cube, filters, 'month')!;
    expect(answer.complete).toBe(true);
    // Months without any paid row are listed with zeros; the raw query lists only months with rows.
    const got = rows(answer.table, ['grupp', 'households', 'paid_kr', 'fs_kr', 'children', 'persons', 'households_with_children', 'e_share', 'handlingsplan_share'])
      .filter((r) => (r.households as number) > 0);
    expectRows(got, rows(expected, ['grupp', 'households', 'paid_kr', 'fs_kr', 'children', 'persons', 'households_with_children', 'e_share', 'handlingsplan_share']));
  });

  // Bar charts under a brush: the bars' groups, their mean active households per month and share.
  it.each<[Grouping, string, MetricFilters]>([
    ['forsorjningshinder', 'forsorjningshinder', { from: '2024-01', to: '2024-12' }],
    ['hushallstyp', 'hushallstyp', { from: '2022-03', to: '2022-08', enhet: ['Söder'] }],
    ['enhet', 'enhet', { from: '2019-01', to: '2025-12', forsorjningshinder: ['arbetslös'] }],
    ['barn', "CASE WHEN antal_barn > 0 THEN 'med barn' WHEN antal_barn = 0 THEN 'utan barn' ELSE 'Uppgift saknas' END", { from: '2020-01', to: '2020-06' }],
  ])('grouping %s (%s) under %j', async (grouping, column, filters) => {
    const months = (Number(filters.to!.slice(0, 4)) - Number(filters.from!.slice(0, 4))) * 12 + Number(filters.to!.slice(5)) - Number(filters.from!.slice(5)) + 1;
    const expected = await db.query(`SELECT coalesce(${column}, 'Uppgift saknas') AS grupp, count(*) / ${months} AS avg_households,
        count(*) AS household_months, sum(utbetalt_kr) AS paid_kr, count(*) / sum(count(*)) OVER () AS household_share
      ${PAID} AND ${rawWhere(filters)} GROUP BY 1 ORDER BY 1`);
    expect(expected.numRows).toBeGreaterThan(1);
    const answer = cubeHouseholdMonths(cube, filters, grouping)!;
    // The distinct household count is not in a month × attribute table: it follows from SQL.
    expect(answer.complete).toBe(false);
    expect(answer.table.getChild('households')!.toArray().every((v: unknown) => v === null || v === 0)).toBe(true);
    const cols = ['grupp', 'avg_households', 'household_months', 'paid_kr', 'household_share'];
    expectRows(rows(answer.table, cols), rows(expected, cols));
  });

  it('mycket långvarigt per month and per enhet equals the metrics layer’s SQL', async () => {
    for (const [grouping, filters] of [['month', { from: '2024-01', to: '2024-12', enhet: ['Norr'] }], ['enhet', { from: '2023-01', to: '2025-12' }]] as const) {
      const q = veryLongTermSql(cube.model, filters, grouping);
      const cols = ['grupp', 'months', 'observed_months', 'very_long_term', 'very_long_term_share'];
      expectRows(rows(cubeVeryLongTerm(cube, filters, grouping)!.table, cols), rows(await db.query(q.text, q.params), cols));
    }
  });

  it('a warmed cube answers a brush exactly as plain SQL does, for every grouping it warmed', async () => {
    const warm = await loadMonthCube(db, cube.model);
    // month, enhet, hushallstyp, forsorjningshinder and barn: the bundled data has every column.
    expect(warmMonthCube(warm)).toBe(5);
    const filters: MetricFilters = { from: '2023-02', to: '2023-11' };
    const expected = await db.query(`SELECT coalesce(enhet, 'Uppgift saknas') AS grupp, count(*) AS household_months, sum(utbetalt_kr) AS paid_kr
      ${PAID} AND ${rawWhere(filters)} GROUP BY 1 ORDER BY 1`);
    const cols = ['grupp', 'household_months', 'paid_kr'];
    expectRows(rows(cubeHouseholdMonths(warm, filters, 'enhet')!.table, cols), rows(expected, cols));
  });

  it('hands its readers the same plain values as decoding its Arrow buffers gives, NULLs included', () => {
    const answers = [
      cubeHouseholdMonths(cube, { from: '2024-03', to: '2024-11', enhet: ['Norr'] }, 'month')!.table,
      cubeHouseholdMonths(cube, { from: '2023-01', to: '2025-12', barn: 'med' }, 'enhet')!.table,
      cubeVeryLongTerm(cube, { from: '2024-01', to: '2024-12' }, 'month')!.table,
    ];
    let nulls = 0;
    for (const t of answers) {
      // A copy through the IPC format, decoded value by value here: what a reader would get without the record.
      const fresh = tableFromIPC(tableToIPC(t));
      for (const f of t.schema.fields) {
        const child = fresh.getChild(f.name)!;
        const decoded = Array.from({ length: child.length }, (_, i) => child.get(i) as unknown);
        expect(decodedColumn(t, f.name, () => expect.fail(`${f.name} was not recorded`)), f.name).toEqual(decoded);
        nulls += decoded.filter((v) => v === null).length;
      }
    }
    expect(nulls).toBeGreaterThan(0);
  });

  it('selectionWarmer sums ahead what a bar click needs: the click then scans nothing and still equals plain SQL', async () => {
    const warm = await loadMonthCube(db, cube.model);
    const step = selectionWarmer(warm, { barn: 'med' });
    // With no time left it does nothing and says it is not done.
    expect(step(() => 1)).toBe(false);
    expect(cubeScans(warm)).toBe(0);
    expect(step(() => Infinity)).toBe(true);
    const made = cubeScans(warm);
    // Every grouping (5) for each value alone: at least the 4 enheter of the sample and barn med/utan.
    expect(made).toBeGreaterThanOrEqual(5 * (4 + 2));
    expect(selectionWarmer(warm, { barn: 'med' })(() => Infinity)).toBe(true);
    expect(cubeScans(warm), 'a second round finds every slice made').toBe(made);

    // The click: a hushållstyp bar under barn = med, answered per försörjningshinder without a scan.
    const [typ] = (await db.query(`SELECT min(hushallstyp) AS t ${PAID} AND hushallstyp IS NOT NULL`)).toArray().map((r) => String(r.t));
    const filters: MetricFilters = { from: '2023-02', to: '2023-11', barn: 'med', hushallstyp: [typ!] };
    const answer = cubeHouseholdMonths(warm, filters, 'forsorjningshinder')!;
    expect(cubeScans(warm)).toBe(made);
    const expected = await db.query(`SELECT coalesce(forsorjningshinder, 'Uppgift saknas') AS grupp, count(*) AS household_months, sum(utbetalt_kr) AS paid_kr
      ${PAID} AND ${rawWhere(filters)} GROUP BY 1 ORDER BY 1`);
    const cols = ['grupp', 'household_months', 'paid_kr'];
    expect(expected.numRows).toBeGreaterThan(1);
    expectRows(rows(answer.table, cols), rows(expected, cols));
  });

  it('leaves quarters, years and totals to the SQL', () => {
    expect(cubeHouseholdMonths(cube, {}, 'quarter')).toBeNull();
    expect(cubeHouseholdMonths(cube, {}, 'year')).toBeNull();
    expect(cubeHouseholdMonths(cube, {}, 'total')).toBeNull();
  });
});
