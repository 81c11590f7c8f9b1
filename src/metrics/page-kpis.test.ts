import type { Table } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connector, SqlValue } from '../engine/connector.ts';
import { NodeConnector } from '../engine/node-connector.ts';
import { kpis, type KpiValue } from './kpis.ts';
import { pageFlows, pageHouseholdMonths, pageSources, type PageSources } from './page-cube.ts';
import { kpiFiguresFromTables } from './page-kpis.ts';
import { flowSql } from './period-queries.ts';
import { prepareMetrics } from './prepare.ts';
import { runMetric } from './run.ts';
import type { MetricFilters, MetricsModel } from './types.ts';

// The standard sample with some attributes made missing (a NULL matches no value filter and is grouped
// as "Uppgift saknas") and some zero-amount rows, so the fast path meets every case the SQL handles.
const DATA = `SELECT * REPLACE (
    CASE WHEN hash(hushall_id, manad, 'e') % 23 = 0 THEN NULL ELSE enhet END AS enhet,
    CASE WHEN hash(hushall_id, manad, 'b') % 29 = 0 THEN NULL ELSE antal_barn END AS antal_barn,
    CASE WHEN hash(hushall_id, manad, 'h') % 31 = 0 THEN NULL ELSE forsorjningshinder END AS forsorjningshinder,
    CASE WHEN hash(hushall_id, manad, 'u') % 37 = 0 THEN 0 ELSE utbetalt_kr END AS utbetalt_kr)
  FROM read_parquet('data/utbetalningar.parquet')`;

/** Counts the statements that reach the engine. */
class Counting implements Connector {
  count = 0;
  constructor(private readonly inner: Connector) {}
  query(sql: string, params?: readonly SqlValue[]): Promise<Table> {
    this.count++;
    return this.inner.query(sql, params);
  }
  close(): Promise<void> {
    return this.inner.close();
  }
}

const close = (a: unknown, b: unknown) => (typeof a === 'number' && typeof b === 'number' ? Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b)) : a === b);

/** The raw-row condition of the attribute filters (plain SQL written here, not the metrics layer's compiler). */
function rawWhere(f: MetricFilters, prefix = ''): string {
  const parts = ['TRUE'];
  const list = (col: string, v?: readonly string[]) => v?.length && parts.push(`${prefix}${col} IN (${v.map((x) => `'${x}'`).join(', ')})`);
  list('enhet', f.enhet);
  list('hushallstyp', f.hushallstyp);
  list('forsorjningshinder', f.forsorjningshinder);
  if (f.barn === 'med') parts.push(`${prefix}antal_barn > 0`);
  if (f.barn === 'utan') parts.push(`${prefix}antal_barn = 0`);
  return parts.join(' AND ');
}

const index = (month: string) => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;

const CASES: MetricFilters[] = [
  {},
  { enhet: ['Norr'] },
  { enhet: ['Söder'], barn: 'med' },
  { enhet: ['Centrum', 'Väster'], barn: 'utan' },
  { hushallstyp: ['ensamstående man utan barn'], forsorjningshinder: ['arbetslös', 'sjukskriven'] },
  { forsorjningshinder: ['föräldraledig'], barn: 'med', from: '2023-01', to: '2024-12' },
  { enhet: ['Finns inte'] },
];

describe('Nyckeltal filter change from the page tables (page-kpis.ts, page-cube.ts)', () => {
  let raw: NodeConnector;
  let db: Counting;
  let model: MetricsModel;
  let src: PageSources;
  beforeAll(async () => {
    raw = await NodeConnector.open();
    await raw.query(`CREATE TABLE utbetalningar AS ${DATA}`);
    db = new Counting(raw);
    model = await prepareMetrics(raw);
    src = await pageSources(db, model);
  });
  afterAll(async () => raw.close());

  async function both(filters: MetricFilters): Promise<{ old: KpiValue[]; fast: KpiValue[]; statements: number }> {
    const old = await kpis(raw, model, filters);
    db.count = 0;
    const fast = await kpis(db, model, filters, (ids, f) => kpiFiguresFromTables(src, model, ids, f));
    return { old, fast, statements: db.count };
  }

  it.each(CASES)('every KPI equals the SQL path, without a statement, under %j', async (filters) => {
    const { old, fast, statements } = await both(filters);
    expect(statements).toBe(0);
    expect(fast.map((k) => k.id)).toEqual(old.map((k) => k.id));
    for (const [i, k] of fast.entries()) {
      for (const [field, value] of Object.entries(old[i]!)) {
        if (!close(k[field as keyof KpiValue], value)) expect({ id: k.id, field, value: k[field as keyof KpiValue] }).toEqual({ id: k.id, field, value });
      }
    }
    expect(old.some((k) => k.value !== null)).toBe(true);
  });

  it('months that are not whole calendar years: the household figures fall back to the SQL, the others stay fast', async () => {
    const { old, fast, statements } = await both({ enhet: ['Norr'], from: '2024-03', to: '2024-10' });
    // Household-month family and biståndsmånader, now and a year earlier: four statements over hm.
    expect(statements).toBe(4);
    for (const [i, k] of fast.entries()) expect([k.id, k.value, k.previous]).toEqual([old[i]!.id, old[i]!.value, old[i]!.previous]);
  });

  it.each(CASES.slice(1, 6))('the KPIs equal plain SQL over the raw rows and periods under %j', async (filters) => {
    const fast = await kpis(db, model, filters, (ids, f) => kpiFiguresFromTables(src, model, ids, f));
    const k = (id: string) => fast.find((v) => v.id === id)!;
    const paid = `FROM utbetalningar WHERE utbetalt_kr > 0 AND ${rawWhere(filters)}`;
    const one = async (sql: string, params: SqlValue[] = []) => (await raw.query(sql, params)).get(0)!.toJSON() as Record<string, number | null>;
    const hh = k('hushall_under_perioden');
    const months = index(hh.to!) - index(hh.from!) + 1;
    const h = await one(`SELECT count(DISTINCT hushall_id)::DOUBLE AS n, count(*)::DOUBLE / ${months} AS active, sum(utbetalt_kr)::DOUBLE AS paid
      ${paid} AND manad BETWEEN ? AND ?`, [hh.from!, hh.to!]);
    expect(hh.value).toBe(h.n);
    expect(k('aktiva_hushall').value).toBeCloseTo(h.active!, 9);
    expect(k('utbetalt').value).toBeCloseTo(h.paid!, 4);
    const periods = async (id: string, what: string, where: string) => {
      const v = k(id);
      return (await one(`SELECT ${what} AS v FROM ${model.tables.periods} WHERE ${where} AND ${rawWhere(filters, where.startsWith('s') ? 's_' : 'e_')}`,
        [index(v.from!), index(v.to!)])).v;
    };
    expect(k('nya_hushall').value).toBe(await periods('nya_hushall', 'count(*)::DOUBLE', 's BETWEEN ? AND ? AND NOT left_censored'));
    expect(k('avslut').value).toBe(await periods('avslut', 'count(*)::DOUBLE', 'e BETWEEN ? AND ? AND NOT right_censored'));
    expect(k('bidragstid_median').value).toBe(await periods('bidragstid_median', 'median(langd)::DOUBLE', 'e BETWEEN ? AND ? AND NOT right_censored AND NOT left_censored'));
    expect(k('ateraktualisering').value).toBeCloseTo((await periods('ateraktualisering',
      `(count(*) FILTER (WHERE next_s <= e + ${model.window}))::DOUBLE / count(*)`,
      `e BETWEEN ? AND ? AND NOT right_censored AND e + ${model.window} <= ${model.lastMonth}`))!, 12);
  });

  it.each(CASES.slice(0, 5))('the monthly series and a composition equal plain SQL and the flow SQL under %j', async (filters) => {
    const months = await pageHouseholdMonths(db, src, model, filters, 'month');
    const expected = (await raw.query(`SELECT manad AS grupp, count(DISTINCT hushall_id)::DOUBLE AS households, sum(utbetalt_kr)::DOUBLE AS paid
      FROM utbetalningar WHERE utbetalt_kr > 0 AND ${rawWhere(filters)} GROUP BY 1 ORDER BY 1`)).toArray().map((r) => r.toJSON());
    const got = months.filter((r) => r.households > 0);
    expect(got.map((r) => [r.grupp, r.households])).toEqual(expected.map((r) => [r.grupp, r.households]));
    got.forEach((r, i) => expect(r.paid_kr).toBeCloseTo(expected[i]!.paid as number, 4));

    expect(await pageFlows(db, src, model, filters)).toEqual(
      (await runMetric<Record<string, unknown>>(raw, flowSql(model, filters, 'month'))).map((r) => ({
        grupp: r.grupp, new_periods: r.new_periods, returning_periods: r.returning_periods, exits: r.exits,
      })),
    );

    const year = { ...filters, from: '2025-01', to: '2025-12' };
    const bars = await pageHouseholdMonths(db, src, model, year, 'hushallstyp');
    const plain = (await raw.query(`SELECT coalesce(hushallstyp, 'Uppgift saknas') AS grupp, count(*)::DOUBLE / 12 AS avg_households,
        count(*)::DOUBLE / sum(count(*)) OVER () AS household_share
      FROM utbetalningar WHERE utbetalt_kr > 0 AND manad BETWEEN '2025-01' AND '2025-12' AND ${rawWhere(filters)} GROUP BY 1 ORDER BY 1`))
      .toArray().map((r) => r.toJSON());
    expect(bars.map((r) => r.grupp)).toEqual(plain.map((r) => r.grupp));
    bars.forEach((r, i) => {
      expect(r.avg_households).toBeCloseTo(plain[i]!.avg_households as number, 9);
      expect(r.household_share).toBeCloseTo(plain[i]!.household_share as number, 12);
    });
  });
});
