/**
 * Times only the metric statements of one dataset (statements.ts `metricStatements`) on its prepared
 * tables, in DuckDB-WASM in headless Chromium and natively, without the full bench's native
 * prepareMetrics (about 7 minutes at 12 M rows): the native side loads the same prepared Arrow files.
 * For checking one change against the 1 s target of issue 11 (docs/bench.md, "12 M i webbläsaren").
 *
 * Usage: tsx src/cli/bench/metrics-only.ts [--size 12m] [--runs 3] [--site data/large/bench-site-metrics] [--no-build]
 */
import { readFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { NodeConnector } from '../../engine/node-connector.ts';
import { loadArrowNative } from '../../engine/node-arrow-load.ts';
import { adoptPreparedModel, preparedDirFor } from '../../metrics/prepared.ts';
import { BenchBrowser } from './browser.ts';
import { DATASETS } from './datasets.ts';
import { buildSite, ensureArrow, readManifest } from './files.ts';
import { timeStatements } from './native.ts';
import { commonEnhet, filteredVariant, metricStatements } from './statements.ts';
import { median } from './stats.ts';

const { values } = parseArgs({
  options: {
    size: { type: 'string', default: '12m' },
    runs: { type: 'string', default: '3' },
    site: { type: 'string', default: 'data/large/bench-site-metrics' },
    'no-build': { type: 'boolean', default: false },
  },
});
const ds = DATASETS.find((d) => d.id === values.size);
if (!ds) throw new Error(`Okänd storlek ${values.size}`);
const runs = Number(values.runs);
const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');

// As the full bench: the site first (a build empties it), then the dataset's files, prepared again
// by prepare-data when missing, stale or of an older prepared-table version (files.ts).
if (!values['no-build']) buildSite(values.site);
await ensureArrow(ds, values.site);
const manifest = await readManifest(ds);
const dir = preparedDirFor(ds.arrowCache);
// hm is loaded only where a statement needs it (the browser defers it, as the dashboard does).
const needed = manifest.tables.filter((t) => t.role !== 'hm');

const native = await NodeConnector.open();
const t0 = performance.now();
for (const t of needed) await loadArrowNative(native, t.name, new Uint8Array(await readFile(join(dir, t.file))), t.schema);
console.log(`native: förberedda tabeller inlästa på ${((performance.now() - t0) / 1000).toFixed(1)} s (belastning ${load()})`);
const model = await adoptPreparedModel(native, manifest, { deferred: [manifest.tables.find((t) => t.role === 'hm')!.name] });
// The filtered variant's enhet from the raw rows, as the full bench picks it.
// A view cannot take a bound parameter; the path is the bench's own constant (datasets.ts).
await native.query(`CREATE VIEW utbetalningar AS SELECT * FROM read_parquet('${ds.parquet.replace(/'/g, "''")}')`);
const enhet = await commonEnhet(native, model);
const statements = metricStatements(model, filteredVariant(model, enhet));

console.log(`native: ${statements.length} frågor, ${runs} körningar var (belastning ${load()})`);
const nativeTimes = await timeStatements(native, statements, runs);
const nativeLoad = load();
await native.close();

const browser = await BenchBrowser.start(values.site);
const wasm = new Map<string, number[]>();
let wasmLoad: string;
try {
  const webDir = preparedDirFor(ds.arrowUrl);
  const hm = manifest.tables.find((t) => t.role === 'hm')!.name;
  const opened = await browser.openPrepared(manifest.tables.map((t) => ({ name: t.name, url: webDir + t.file, rows: t.rows })), [hm]);
  console.log(`wasm: förberedda tabeller (utom hm) inlästa på ${(opened.ms / 1000).toFixed(1)} s (belastning ${load()})`);
  for (const t of await browser.time(statements, runs)) wasm.set(t.name, t.samples);
  wasmLoad = load();
  const mem = await browser.memory();
  console.log(`wasm: DuckDB-buffert ${mem.bufferMb.toFixed(0)} MB, databas ${mem.databaseMb.toFixed(0)} MB`);
} finally {
  await browser.close();
}

console.log(`\n${ds.label}, median av ${runs} (ms); belastning efter native ${nativeLoad}, efter wasm ${wasmLoad}`);
console.log('fråga | native | wasm | wasm-prov');
for (const n of nativeTimes) {
  const w = wasm.get(n.name) ?? [];
  const wm = w.length ? median(w) : NaN;
  const mark = wm > 1000 ? '  > 1 s' : '';
  console.log(`${n.name} | ${median(n.samples).toFixed(0)} | ${wm.toFixed(0)} | ${w.map((s) => s.toFixed(0)).join(' ')}${mark}`);
}
