/**
 * Timing script (not a test: speed is measured, not asserted). Loads a Parquet/CSV file into
 * `utbetalningar`, runs prepareMetrics and each metric query several times on native DuckDB and
 * prints medians, plus the slowest statements inside prepareMetrics.
 * Usage: npx tsx src/metrics/perf-timing.ts data/large/bench-1m.parquet [runs]
 */
import type { Table } from 'apache-arrow';
import type { Connector, SqlValue } from '../engine/connector.ts';
import { NodeConnector } from '../engine/node-connector.ts';
import type { BoundSql } from '../engine/sql.ts';
import { durationSql, flowSql, householdMonthsSql, longTermSql, reactivationSql, veryLongTermSql } from './index.ts';
import { prepareMetrics } from './prepare.ts';
import type { Grouping, MetricFilters, MetricsModel } from './types.ts';

/** Times every statement passed through it, keyed by its first words. */
class TimingConnector implements Connector {
  readonly times: { sql: string; ms: number }[] = [];
  constructor(private readonly inner: Connector) {}
  async query(text: string, params?: readonly SqlValue[]): Promise<Table> {
    const t0 = performance.now();
    const result = await this.inner.query(text, params);
    this.times.push({ sql: text.replace(/\s+/g, ' ').slice(0, 90), ms: performance.now() - t0 });
    return result;
  }
  close(): Promise<void> {
    return this.inner.close();
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

async function time(runs: number, fn: () => Promise<unknown>): Promise<number> {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    ms.push(performance.now() - t0);
  }
  return median(ms);
}

async function main(): Promise<void> {
  const file = process.argv[2] ?? 'data/large/bench-1m.parquet';
  const runs = Number(process.argv[3] ?? 5);
  const native = await NodeConnector.open();
  await native.loadFile('utbetalningar', file);
  const db = new TimingConnector(native);
  let model: MetricsModel | undefined;
  const prepMs: number[] = [];
  const prepCpu: number[] = [];
  const steps = new Map<string, number[]>();
  for (let i = 0; i < Math.max(3, Math.ceil(runs / 2)); i++) {
    db.times.length = 0;
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    model = await prepareMetrics(db);
    prepMs.push(performance.now() - t0);
    const cpu = process.cpuUsage(cpu0);
    prepCpu.push((cpu.user + cpu.system) / 1000);
    for (const t of db.times) steps.set(t.sql, [...(steps.get(t.sql) ?? []), t.ms]);
  }
  // CPU time (all engine threads) is less sensitive than wall time to other processes on the machine.
  console.log(`prepareMetrics: median ${median(prepMs).toFixed(0)} ms wall, ${median(prepCpu).toFixed(0)} ms CPU (${prepMs.map((m) => m.toFixed(0)).join(', ')})`);
  for (const [text, ms] of [...steps].sort((a, b) => median(b[1]) - median(a[1])).slice(0, 8)) {
    console.log(`  ${median(ms).toFixed(0).padStart(6)} ms  ${text}`);
  }
  const m = model!;
  const last12: MetricFilters = { from: undefined, to: undefined };
  const enhet = (await native.query(`SELECT CAST(enhet AS VARCHAR) AS e FROM utbetalningar GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`)).getChild('e')?.get(0) as string;
  const queries: [string, (f: MetricFilters, g: Grouping) => BoundSql, MetricFilters, Grouping][] = [
    ['householdMonths month', (f, g) => householdMonthsSql(m, f, g), last12, 'month'],
    ['householdMonths year', (f, g) => householdMonthsSql(m, f, g), last12, 'year'],
    ['householdMonths total', (f, g) => householdMonthsSql(m, f, g), last12, 'total'],
    ['householdMonths enhet', (f, g) => householdMonthsSql(m, f, g), last12, 'enhet'],
    ['householdMonths month, 1 enhet', (f, g) => householdMonthsSql(m, f, g), { enhet: [enhet] }, 'month'],
    ['householdMonths year, barn med', (f, g) => householdMonthsSql(m, f, g), { barn: 'med' }, 'year'],
    ['longTerm year', (f, g) => longTermSql(m, f, g), last12, 'year'],
    ['longTerm total', (f, g) => longTermSql(m, f, g), last12, 'total'],
    ['longTerm hushallstyp, 1 enhet', (f, g) => longTermSql(m, f, g), { enhet: [enhet] }, 'hushallstyp'],
    ['veryLongTerm month', (f, g) => veryLongTermSql(m, f, g), last12, 'month'],
    ['flow month', (f, g) => flowSql(m, f, g), last12, 'month'],
    ['duration year', (f, g) => durationSql(m, f, g), last12, 'year'],
    ['reactivation year', (f, g) => reactivationSql(m, f, g), last12, 'year'],
  ];
  for (const [name, build, filters, grouping] of queries) {
    const q = build(filters, grouping);
    const ms = await time(runs, () => native.query(q.text, q.params));
    console.log(`${name.padEnd(34)} ${ms.toFixed(1).padStart(8)} ms`);
  }
  await native.close();
}

await main();
