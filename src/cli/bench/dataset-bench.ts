/**
 * One dataset measured on both engines in one go: native DuckDB first (which also records the SQL
 * the metrics layer issues), then the very same statements on DuckDB-WASM in Chromium.
 */
import { NodeConnector } from '../../engine/node-connector.ts';
import { prepareMetrics, type MetricsModel } from '../../metrics/index.ts';
import type { BenchBrowser } from './browser.ts';
import type { BenchDataset } from './datasets.ts';
import { timeSequence, timeStatements } from './native.ts';
import { readManifest } from './files.ts';
import { peakRssMb, rendererPids } from './import-bench.ts';
import { preparedDirFor } from '../../metrics/prepared.ts';
import { RecordingConnector, recordStatements, type RecordedStatement } from './recording-connector.ts';
import { commonEnhet, filteredVariant, metricStatements, pageRefreshStatements, type NamedStatement } from './statements.ts';
import { median, type BenchRow } from './stats.ts';

/** A report row with the samples behind its medians (kept in the JSON). */
export interface MeasuredRow extends BenchRow {
  nativeSamples?: number[];
  wasmSamples?: number[];
  /** Page loads: bytes over the wire and requests (median). */
  bytes?: number;
  requests?: number;
}

/** Browser targets per dataset (issue 3): per metric and for one refresh of the metrics page. */
export function targetsFor(ds: BenchDataset): { metricMs: number; pageMs: number | null } {
  if (ds.id === '12m') return { metricMs: 1000, pageMs: null };
  return { metricMs: 100, pageMs: 300 };
}

/** Fewer repetitions on the 12 M set, where one wasm query can take seconds. */
export function repetitionsFor(ds: BenchDataset, runs: number): { runs: number; prepareRuns: number } {
  return ds.id === '12m' ? { runs: Math.min(runs, 3), prepareRuns: 1 } : { runs, prepareRuns: 3 };
}

const MAX_RATIO = 3;

interface NativeResult {
  rows: number;
  loadMs: number;
  prepareSamples: number[];
  prepare: RecordedStatement[];
  metrics: { name: string; samples: number[] }[];
  statements: NamedStatement[];
  page: NamedStatement[];
  pageSamples: number[];
}

async function benchNative(ds: BenchDataset, runs: number, prepareRuns: number): Promise<NativeResult> {
  const native = await NodeConnector.open();
  const db = new RecordingConnector(native);
  try {
    let t0 = performance.now();
    await native.loadFile('utbetalningar', ds.parquet);
    const loadMs = performance.now() - t0;
    const rows = Number((await native.query('SELECT count(*) AS n FROM utbetalningar')).getChild('n')?.get(0));
    t0 = performance.now();
    const recorded = await recordStatements(db, (c) => prepareMetrics(c));
    const prepareSamples = [performance.now() - t0];
    let model: MetricsModel = recorded.result;
    for (let i = 1; i < prepareRuns; i++) {
      t0 = performance.now();
      model = await prepareMetrics(native);
      prepareSamples.push(performance.now() - t0);
    }
    const enhet = await commonEnhet(native, model);
    const statements = metricStatements(model, filteredVariant(model, enhet));
    const metrics = await timeStatements(native, statements, runs);
    const page = await pageRefreshStatements(db, model, enhet === null ? {} : { enhet: [enhet] });
    const pageSamples = await timeSequence(native, page, runs);
    return { rows, loadMs, prepareSamples, prepare: recorded.statements, metrics, statements, page, pageSamples };
  } finally {
    await db.close();
  }
}

/** Memory in the browser after a dataset's load and metrics: DuckDB's own figures and the renderer's peak RSS. */
export interface WasmMemory {
  bufferMb: number;
  databaseMb: number;
  rendererPeakRssMb: number | null;
}

interface WasmResult {
  loadMs: number | null;
  /** Prepared tables were loaded instead of raw rows (then `prepareSamples` stays empty). */
  prepared: boolean;
  /** The first statement that names the deferred hm: its load plus a count. */
  hmFirstMs: number | null;
  memory: WasmMemory | null;
  prepareSamples: number[];
  metrics: Map<string, number[]>;
  pageSequential: number[];
  pageConcurrent: number[];
  error: string | null;
}

/** The first words of a statement, to name it in an error (e.g. `CREATE OR REPLACE TABLE hm AS`). */
export function statementHead(text: string): string {
  return text.trim().split(/\s+/).slice(0, 6).join(' ');
}

/** Fills the gzip cache of the static server, so the timed load measures the browser, not Node's compressor. */
async function warmServer(url: string): Promise<void> {
  const response = await fetch(url, { headers: { 'accept-encoding': 'gzip' } });
  const reader = response.body?.getReader();
  while (reader && !(await reader.read()).done);
}

async function benchWasm(ds: BenchDataset, browser: BenchBrowser, n: NativeResult, runs: number, prepareRuns: number): Promise<WasmResult> {
  const out: WasmResult = { loadMs: null, prepared: false, hmFirstMs: null, memory: null, prepareSamples: [], metrics: new Map(), pageSequential: [], pageConcurrent: [], error: null };
  let stage = 'start av sidan';
  try {
    await browser.fresh();
    await warmServer(browser.url + ds.arrowUrl);
    const manifest = await readManifest(ds).catch(() => null);
    if (manifest) {
      // As the dashboard: the tables prepared natively by prepare-data, hm deferred to its first use.
      stage = 'laddning av förberedda tabeller';
      if (manifest.source.rows !== n.rows) throw new Error(`förberedda tabeller för ${manifest.source.rows} rader, native ${n.rows}`);
      const dir = preparedDirFor(ds.arrowUrl);
      const hm = manifest.tables.find((t) => t.role === 'hm')!.name;
      out.loadMs = (await browser.openPrepared(manifest.tables.map((t) => ({ name: t.name, url: dir + t.file, rows: t.rows })), [hm])).ms;
      out.prepared = true;
      stage = 'hm vid första behov';
      out.hmFirstMs = (await browser.setup([{ name: 'hm', text: `SELECT count(*) FROM ${hm}`, params: [] }]))[0]!;
    } else {
      stage = 'laddning av Arrow-filen';
      const opened = await browser.open(ds.arrowUrl);
      if (opened.rows !== n.rows) throw new Error(`webbläsaren läste ${opened.rows} rader, native ${n.rows}`);
      out.loadMs = opened.ms;
      stage = 'materialisering (prepareMetrics)';
      const prepare = n.prepare.map((s, i) => ({ name: `sats ${i + 1} av ${n.prepare.length} (${statementHead(s.text)})`, text: s.text, params: s.params }));
      for (let i = 0; i < prepareRuns; i++) out.prepareSamples.push((await browser.setup(prepare)).reduce((a, b) => a + b, 0));
    }
    stage = 'måttfrågor';
    for (const t of await browser.time(n.statements, runs)) out.metrics.set(t.name, t.samples);
    stage = 'sidans uppdatering';
    out.pageSequential = await browser.timeSet(n.page, runs, false);
    out.pageConcurrent = await browser.timeSet(n.page, runs, true);
    const pids = rendererPids();
    out.memory = { ...(await browser.memory()), rendererPeakRssMb: pids.length ? Math.max(...pids.map(peakRssMb)) : null };
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0]! : String(error);
    const heap = await browser.heapMb().catch(() => null);
    out.error = `wasm: ${stage} misslyckades: ${[message, ...browser.errors].join(' | ')}${heap ? ` (JS-heap ${heap.toFixed(0)} MB)` : ''}`;
  }
  return out;
}

/** Measures one dataset natively and in the browser; returns its report rows. */
export async function benchDataset(
  ds: BenchDataset,
  browser: BenchBrowser,
  requestedRuns: number,
): Promise<{ rows: MeasuredRow[]; error: string | null; memory: WasmMemory | null }> {
  const { runs, prepareRuns } = repetitionsFor(ds, requestedRuns);
  console.log(`» ${ds.label}: native DuckDB (${runs} körningar per fråga)`);
  const n = await benchNative(ds, runs, prepareRuns);
  console.log(`» ${ds.label}: DuckDB-WASM i Chromium`);
  const w = await benchWasm(ds, browser, n, runs, prepareRuns);
  if (w.error) console.error(w.error);
  const targets = targetsFor(ds);
  const base = { dataset: ds.label, rows: n.rows };
  const med = (s: number[]) => (s.length ? median(s) : null);
  const out: MeasuredRow[] = [
    w.prepared
      ? { ...base, name: 'laddning (native Parquet + prepareMetrics, wasm förberedda tabeller utom hm)', nativeMs: n.loadMs + med(n.prepareSamples)!, wasmMs: w.loadMs, targetMs: null }
      : { ...base, name: 'laddning (native Parquet, wasm Arrow)', nativeMs: n.loadMs, wasmMs: w.loadMs, targetMs: null },
    w.prepared
      ? { ...base, name: 'hm vid första fråga som behöver den (hämtning + inläsning)', nativeMs: null, wasmMs: w.hmFirstMs, targetMs: null }
      : {
          ...base, name: 'materialisering vid laddning', nativeMs: med(n.prepareSamples), wasmMs: med(w.prepareSamples),
          targetMs: null, maxRatio: MAX_RATIO, nativeSamples: n.prepareSamples, wasmSamples: w.prepareSamples,
        },
    ...n.metrics.map((m): MeasuredRow => {
      const ws = w.metrics.get(m.name) ?? [];
      return {
        ...base, name: m.name, nativeMs: median(m.samples), wasmMs: med(ws), targetMs: targets.metricMs, maxRatio: MAX_RATIO,
        nativeSamples: m.samples, wasmSamples: ws,
      };
    }),
    {
      ...base, name: `sidan, ett filterbyte: ${n.page.length} frågor i följd`, nativeMs: median(n.pageSamples), wasmMs: med(w.pageSequential),
      targetMs: targets.pageMs, maxRatio: MAX_RATIO, nativeSamples: n.pageSamples, wasmSamples: w.pageSequential,
    },
    {
      ...base, name: `sidan, ett filterbyte: ${n.page.length} frågor samtidigt`, nativeMs: null, wasmMs: med(w.pageConcurrent),
      targetMs: targets.pageMs, wasmSamples: w.pageConcurrent,
    },
  ];
  if (w.error) for (const row of out) if (row.wasmMs === null) row.note = 'wasm misslyckades, se nedan';
  return { rows: out, error: w.error, memory: w.memory };
}
