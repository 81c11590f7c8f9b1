import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeConnector } from '../engine/node-connector.ts';
import { loadArrowNative } from '../engine/node-arrow-load.ts';
import { exportTableArrow } from '../engine/arrow-export.ts';
import { LazyTables } from '../engine/lazy-tables.ts';
import type { ArrowLoader } from '../engine/load-data.ts';
import { loadPreparedData } from './prepared-load.ts';
import type { BoundSql } from '../engine/sql.ts';
import { calibrateBaselineDetail } from './calibration.ts';
import { loadFilterOptions } from './filter-options.ts';
import { householdMonthsSql, longTermSql, veryLongTermSql } from './household-queries.ts';
import { kpis } from './kpis.ts';
import { loadMetricsPage } from './page-data.ts';
import { durationDistributionSql, durationSql, flowSql, reactivationSql } from './period-queries.ts';
import { prepareMetrics, publishModel } from './prepare.ts';
import { adoptPreparedModel, PreparedMismatchError, toPreparedManifest, type PreparedManifest, type SourceFingerprint } from './prepared.ts';
import { writePreparedTables } from './prepared-write.ts';
import { reportFromModel } from './report.ts';
import { runMetric } from './run.ts';
import { loadTargetGroups } from './target-groups.ts';
import type { Grouping, MetricFilters, MetricsModel } from './types.ts';

// The bundled sample (docs/data.md): 36 799 rows over eight years, every optional column present.
const SAMPLE = 'data/utbetalningar.parquet';
// Stands in for the served file's fingerprint; refusal is tested against a changed copy of it.
const SOURCE: SourceFingerprint = { bytes: 1000, sha256: 'a'.repeat(64), rows: 36_799 };

const GROUPINGS: Grouping[] = ['month', 'quarter', 'year', 'enhet', 'hushallstyp', 'forsorjningshinder', 'barn', 'total'];
const FILTERS: MetricFilters[] = [
  {},
  { from: '2021-03', to: '2023-08', barn: 'med' },
  { enhet: ['Norr'], hushallstyp: ['ensamstående man utan barn', 'sammanboende med barn'], forsorjningshinder: ['arbetslös'], from: '2019-05' },
];

type SqlBuilder = (model: MetricsModel, filters: MetricFilters, grouping: Grouping) => BoundSql;
const GROUPED: [string, SqlBuilder][] = [
  ['householdMonthsSql', householdMonthsSql],
  ['veryLongTermSql', veryLongTermSql],
  ['longTermSql', longTermSql],
  ['flowSql', flowSql],
  ['durationSql', durationSql],
  ['reactivationSql', reactivationSql],
];

/** Every metric function's output for one model: the grouped queries, the distribution, and the composite loaders. */
async function everyMetric(db: NodeConnector, model: MetricsModel): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const [i, filters] of FILTERS.entries()) {
    for (const [name, build] of GROUPED) {
      for (const grouping of GROUPINGS) {
        // A grouping a metric refuses (långvarigt by month) must be refused the same way.
        out[`${name} ${grouping} f${i}`] = await Promise.resolve()
          .then(() => runMetric(db, build(model, filters, grouping)))
          .catch((e: unknown) => `fel: ${String(e)}`);
      }
    }
    out[`durationDistributionSql f${i}`] = await runMetric(db, durationDistributionSql(model, filters));
    out[`kpis f${i}`] = await kpis(db, model, filters);
    out[`loadMetricsPage f${i}`] = await loadMetricsPage(db, model, filters);
  }
  out.report = await reportFromModel(db, model);
  out.targetGroups = await loadTargetGroups(db, model);
  out.filterOptions = await loadFilterOptions(db, model);
  out.calibration = await calibrateBaselineDetail(db, { model });
  return out;
}

describe('adoptPreparedModel(db, manifest) over tables written by writePreparedTables', () => {
  let native: NodeConnector;
  let adopted: NodeConnector;
  let dir: string;
  let manifest: PreparedManifest;
  let prepared: MetricsModel;

  beforeAll(async () => {
    native = await NodeConnector.open();
    await native.loadFile('utbetalningar', SAMPLE);
    prepared = await prepareMetrics(native);
    dir = await mkdtemp(join(tmpdir(), 'prepared-test-'));
    manifest = await writePreparedTables(native, prepared, SOURCE, dir);
    // A second database holding only what the browser would load: the Arrow files, no raw rows.
    adopted = await NodeConnector.open();
    for (const t of manifest.tables) await loadArrowNative(adopted, t.name, await readFile(join(dir, t.file)));
  }, 120_000);
  afterAll(async () => {
    await native?.close();
    await adopted?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('reads the written manifest back: every table, its rows and its DuckDB column types', async () => {
    const onDisk = toPreparedManifest(JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')));
    expect(onDisk).toEqual(manifest);
    const hm = onDisk.tables.find((t) => t.role === 'hm')!;
    const rows = await native.query('SELECT count(*)::DOUBLE AS n FROM hm_g3');
    expect(hm.rows).toBe(rows.getChild('n')!.get(0));
    expect(hm.schema.find((c) => c.name === 'utbetalt')?.type).toBe('DOUBLE');
    const agg = onDisk.tables.find((t) => t.role === 'monthAgg')!;
    expect(agg.schema.find((c) => c.name === 'n')?.type).toBe('BIGINT');
  });

  it('gives the same model and exactly the same figures from every metric function as prepareMetrics', async () => {
    const model = await adoptPreparedModel(adopted, manifest, { source: SOURCE });
    expect(model).toEqual(prepared);
    const reference = await everyMetric(native, prepared);
    const fromPrepared = await everyMetric(adopted, model);
    expect(Object.keys(fromPrepared).length).toBeGreaterThan(150);
    for (const key of Object.keys(reference)) expect(fromPrepared[key], key).toEqual(reference[key]);
  }, 120_000);

  it('offers the filter values of hm itself, read from the month aggregate so hm can stay unloaded', async () => {
    const options = await loadFilterOptions(adopted, await adoptPreparedModel(adopted, manifest));
    for (const column of ['enhet', 'hushallstyp', 'forsorjningshinder'] as const) {
      const t = await native.query(`SELECT DISTINCT ${column} AS v FROM hm_g3 WHERE ${column} IS NOT NULL ORDER BY v`);
      expect(options[column]).toEqual(t.getChild('v')!.toArray());
    }
  });

  it('refuses tables prepared from other data, naming both row counts', async () => {
    const other = { ...SOURCE, sha256: 'b'.repeat(64), rows: 40_000 };
    const error = await adoptPreparedModel(adopted, manifest, { source: other }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PreparedMismatchError);
    expect((error as Error).message).toBe(
      'De förberedda tabellerna byggdes från andra data (36\u00a0799 rader) än datafilen (40\u00a0000 rader, annat innehåll). Kör "npm run prepare-data" igen.',
    );
  });

  it.each([
    [{ gap: 4 }, 'De förberedda tabellerna gäller G = 3 och W = 12, men sidan frågar efter G = 4 och W = 12.'],
    [{ window: 6 }, 'De förberedda tabellerna gäller G = 3 och W = 12, men sidan frågar efter G = 3 och W = 6.'],
  ])('refuses tables for other parameters %j', async (expected, message) => {
    await expect(adoptPreparedModel(adopted, manifest, expected)).rejects.toThrow(message);
  });

  it('refuses a manifest of another version and a loaded table whose rows differ', async () => {
    expect(() => toPreparedManifest({ ...manifest, version: 0 })).toThrow(/version 0, men sidan läser version 3/);
    // Version 1 tables lack the household-year flag only_of_year (2 had another flag): refused, never read.
    expect(() => toPreparedManifest({ ...manifest, version: 1 })).toThrow('De förberedda tabellerna har version 1, men sidan läser version 3. Kör "npm run prepare-data" igen.');
    expect(() => toPreparedManifest({ hello: 1 })).toThrow(PreparedMismatchError);
    const tables = manifest.tables.map((t) => (t.role === 'periods' ? { ...t, rows: t.rows + 1 } : t));
    await expect(adoptPreparedModel(adopted, { ...manifest, tables })).rejects.toThrow(/Tabellen perioder_g3 har [\d\u00a0]+ rader, förteckningen säger/);
  });
});

/** A fetch that serves files from `dir` under the page's `data/` folder. */
function folderFetch(dir: string): typeof fetch {
  return (async (url: string | URL | Request) => {
    const name = String(url).replace(/^data\//, '');
    try {
      return new Response(await readFile(join(dir, name)));
    } catch {
      return new Response('saknas', { status: 404 });
    }
  }) as typeof fetch;
}

describe('loadPreparedData(db, url, lazy) as the page uses it', () => {
  let native: NodeConnector;
  let dir: string;
  let source: SourceFingerprint;

  beforeAll(async () => {
    native = await NodeConnector.open();
    await native.loadFile('utbetalningar', SAMPLE);
    dir = await mkdtemp(join(tmpdir(), 'prepared-load-'));
    // The page's layout: data/x.arrow (raw rows) and data/x.prepared/ (tables and manifest).
    const raw = await exportTableArrow(native, 'utbetalningar', join(dir, 'x.arrow'));
    const bytes = await readFile(join(dir, 'x.arrow'));
    const { createHash } = await import('node:crypto');
    source = { bytes: raw.bytes, sha256: createHash('sha256').update(bytes).digest('hex'), rows: raw.rows };
    await writePreparedTables(native, await prepareMetrics(native), source, join(dir, 'x.prepared'));
  }, 120_000);
  afterAll(async () => {
    await native?.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function page(): Promise<{ db: ArrowLoader; lazy: LazyTables }> {
    const inner = await NodeConnector.open();
    const loader = Object.assign(inner, { loadArrow: (table: string, ipc: Uint8Array) => loadArrowNative(inner, table, ipc) });
    const lazy = new LazyTables(loader);
    return { db: lazy.wrap(loader), lazy };
  }

  it('loads hm and the raw rows only when a statement names them, with the same figures', async () => {
    const { db, lazy } = await page();
    const loaded = await loadPreparedData(db, 'data/x.arrow', lazy, folderFetch(dir));
    expect(loaded?.rows).toBe(36_799);
    const model = loaded!.model;
    await publishModel(db, model);
    expect(lazy.isPending('hm_g3')).toBe(true);
    expect(lazy.isPending('utbetalningar')).toBe(true);
    // Month figures read the month aggregates only; quarters need hm, which is then loaded.
    const reference = await prepareMetrics(native);
    expect(await runMetric(db, householdMonthsSql(model, {}, 'month'))).toEqual(await runMetric(native, householdMonthsSql(reference, {}, 'month')));
    expect(lazy.isPending('hm_g3')).toBe(true);
    expect(await runMetric(db, householdMonthsSql(model, {}, 'quarter'))).toEqual(await runMetric(native, householdMonthsSql(reference, {}, 'quarter')));
    expect(lazy.isPending('hm_g3')).toBe(false);
    // A notebook reading the plain view gets it, and another G prepares from the raw rows, loaded now.
    expect((await db.query('SELECT count(*)::DOUBLE AS n FROM hm')).getChild('n')!.get(0)).toBe(loaded!.manifest.tables.find((t) => t.role === 'hm')!.rows);
    const g4 = await prepareMetrics(db, { gap: 4 });
    expect(lazy.isPending('utbetalningar')).toBe(false);
    expect(await runMetric(db, flowSql(g4, {}, 'year'))).toEqual(await runMetric(native, flowSql(await prepareMetrics(native, { gap: 4 }), {}, 'year')));
    await db.close();
  }, 120_000);

  it('returns null without prepared tables, and refuses raw rows that changed since they were prepared', async () => {
    const { db, lazy } = await page();
    expect(await loadPreparedData(db, 'data/annan.arrow', lazy, folderFetch(dir))).toBeNull();
    const changed = folderFetch(dir);
    const tampered = (async (url: string) =>
      String(url).endsWith('x.arrow') ? new Response(new Uint8Array(source.bytes)) : changed(url)) as typeof fetch;
    await loadPreparedData(db, 'data/x.arrow', lazy, tampered);
    await expect(db.query('SELECT count(*) FROM utbetalningar')).rejects.toThrow('Datafilen har ändrats sedan tabellerna förbereddes');
    await db.close();
  }, 120_000);
});
