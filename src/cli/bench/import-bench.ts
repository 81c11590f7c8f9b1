/**
 * The import section of `npm run bench` (issue 10): the ≈ 1,14 M-row dataset as a semicolon CSV with
 * decimal commas, imported by `ingest` (a child process per run, for its own peak RSS) and on the
 * "Egna data" page in headless Chromium (file chosen → checked → imported and shown as the active data).
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { Browser } from 'playwright-core';
import { isStale, type BenchDataset } from './datasets.ts';
import { median, type BenchRow } from './stats.ts';

/** The browser target of issue 10: the whole import of the 1,14 M-row CSV in at most 15 s. */
export const IMPORT_TARGET_MS = 15_000;
const TSX = 'node_modules/.bin/tsx';

/** The CSV next to the dataset's Parquet file (data/large/, git-ignored). */
export function importCsvPath(ds: BenchDataset): string {
  return ds.parquet.replace(/\.parquet$/, '-import.csv');
}

/**
 * Writes the dataset as a municipality might export it: semicolon separated, decimal comma (months as
 * the Parquet file holds them). Rebuilt when missing or older than the Parquet file.
 */
export async function ensureImportCsv(ds: BenchDataset): Promise<{ csv: string; rows: number }> {
  const csv = importCsvPath(ds);
  const source = (await stat(ds.parquet)).mtimeMs;
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  try {
    const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;
    if (isStale(source, (await stat(csv).catch(() => null))?.mtimeMs ?? null)) {
      console.log(`» Skriver ${csv}`);
      await mkdir(dirname(csv), { recursive: true });
      // DuckDB writes no decimal comma itself, so fractional columns are written as text with one.
      const described = await con.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet(${quote(ds.parquet)})`);
      const fractional = described.getRows().filter((r) => /^(DOUBLE|FLOAT|DECIMAL)/.test(String(r[1]))).map((r) => String(r[0]));
      const replaced = fractional.map((c) => `replace(CAST("${c}" AS VARCHAR), '.', ',') AS "${c}"`);
      const select = replaced.length ? `* REPLACE (${replaced.join(', ')})` : '*';
      await con.run(`COPY (SELECT ${select} FROM read_parquet(${quote(ds.parquet)}))
        TO ${quote(csv)} (HEADER, DELIMITER ';')`);
    }
    const count = await con.runAndReadAll(`SELECT count(*) FROM read_parquet(${quote(ds.parquet)})`);
    return { csv, rows: Number(count.getRows()[0]![0]) };
  } finally {
    con.closeSync();
    db.closeSync();
  }
}

/** One `ingest` run: wall time of the whole process, time of the import inside it, peak RSS. */
interface IngestRun {
  wallMs: number;
  importMs: number;
  maxRssMb: number;
}

function ingestOnce(csv: string, out: string): IngestRun {
  const t0 = performance.now();
  const result = spawnSync(TSX, ['src/cli/bench/ingest-child.ts', csv, out], { encoding: 'utf8', maxBuffer: 1 << 20 });
  const wallMs = performance.now() - t0;
  const last = result.stdout.trim().split('\n').pop() ?? '';
  let parsed: { code: number; ms: number; maxRssMb: number; stderr: string };
  try {
    parsed = JSON.parse(last) as typeof parsed;
  } catch {
    throw new Error(`ingest gav inget resultat (kod ${result.status ?? result.signal}): ${result.stderr.split('\n')[0] ?? ''}`);
  }
  if (parsed.code !== 0) throw new Error(`ingest misslyckades (kod ${parsed.code}): ${parsed.stderr.split('\n')[0]}`);
  return { wallMs, importMs: parsed.ms, maxRssMb: parsed.maxRssMb };
}

/** `ingest` of the CSV `runs` times; the Parquet it writes goes to a scratch file that is removed. */
export async function benchIngest(csv: string, runs: number): Promise<IngestRun[]> {
  const out = csv.replace(/\.csv$/, '-ingest.parquet');
  const samples: IngestRun[] = [];
  try {
    for (let i = 0; i < runs; i++) samples.push(ingestOnce(csv, out));
  } finally {
    await rm(out, { force: true });
  }
  return samples;
}

/** Chromium renderer processes under this process (the bench's own browser), by pid. */
export function rendererPids(): number[] {
  const parents = new Map<number, number>();
  const renderers: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const statLine = readFileSync(`/proc/${name}/stat`, 'utf8');
      parents.set(Number(name), Number(statLine.slice(statLine.lastIndexOf(')') + 2).split(' ')[1]));
      if (readFileSync(`/proc/${name}/cmdline`, 'utf8').includes('--type=renderer')) renderers.push(Number(name));
    } catch {
      // The process ended while we looked.
    }
  }
  const ours = (pid: number): boolean => {
    for (let p = parents.get(pid), hops = 0; p !== undefined && p > 1 && hops < 20; p = parents.get(p), hops++) {
      if (p === process.pid) return true;
    }
    return false;
  };
  return renderers.filter(ours);
}

/** The peak resident memory (VmHWM) of a process in MB, or 0 when it has ended. */
export function peakRssMb(pid: number): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** One browser import: ms from file chosen to the data shown as active, peak page JS heap, peak renderer RSS. */
interface BrowserRun {
  ms: number;
  /** Where the time went: reading to the preview, the check (cast and validate every row), the import into the engine. */
  phases: { previewMs: number; checkMs: number; importMs: number };
  jsHeapMb: number | null;
  rendererRssMb: number | null;
}

async function browserImportOnce(browser: Browser, baseUrl: string, csv: string, fileName: string): Promise<BrowserRun> {
  const before = new Set(rendererPids());
  const context = await browser.newContext({ locale: 'sv-SE', timezoneId: 'Europe/Stockholm' });
  try {
    const page = await context.newPage();
    await page.goto(`${baseUrl}#/egna-data`);
    await page.getByRole('heading', { name: 'Egna data' }).waitFor({ timeout: 60_000 });
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    // The page's renderer is the one that appeared for this context; the import worker is a thread in it.
    const mine = rendererPids().filter((p) => !before.has(p));
    let jsHeap = 0;
    let polling = true;
    const poll = (async () => {
      while (polling) {
        const { metrics } = await cdp.send('Performance.getMetrics').catch(() => ({ metrics: [] as { name: string; value: number }[] }));
        jsHeap = Math.max(jsHeap, metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0);
        await new Promise((r) => setTimeout(r, 100));
      }
    })();
    const long = { timeout: 600_000 };
    const t0 = performance.now();
    await page.getByTestId('import-file').setInputFiles(csv);
    await page.getByTestId('import-preview').waitFor(long);
    const t1 = performance.now();
    await page.getByRole('button', { name: 'Kontrollera filen' }).click(long);
    await page.getByTestId('import-validation').waitFor(long);
    const t2 = performance.now();
    await page.getByRole('button', { name: 'Importera giltiga rader' }).click(long);
    await page.getByTestId('import-active').getByText(fileName).waitFor(long);
    // "Shown": the source line every page prints names the imported file once the engine holds it.
    await page.locator('p.source', { hasText: fileName }).waitFor(long);
    const ms = performance.now() - t0;
    polling = false;
    await poll;
    const rss = mine.length ? Math.max(...mine.map(peakRssMb)) : null;
    const phases = { previewMs: t1 - t0, checkMs: t2 - t1, importMs: t0 + ms - t2 };
    return { ms, phases, jsHeapMb: jsHeap ? jsHeap / 1e6 : null, rendererRssMb: rss };
  } finally {
    await context.close();
  }
}

/** The browser import `runs` times, each in a fresh context (a fresh renderer process). */
export async function benchBrowserImport(browser: Browser, baseUrl: string, csv: string, runs: number): Promise<BrowserRun[]> {
  const fileName = csv.split('/').pop()!;
  const samples: BrowserRun[] = [];
  for (let i = 0; i < runs; i++) samples.push(await browserImportOnce(browser, baseUrl, csv, fileName));
  return samples;
}

const mb = (v: number) => `${Math.round(v)} MB`;
const maxOf = (values: (number | null)[]) => {
  const known = values.filter((v): v is number => v !== null);
  return known.length ? Math.max(...known) : null;
};

/**
 * The import section: writes the CSV if needed, times `ingest` and the browser import (`runs` each,
 * at most 3: one run is tens of seconds) and returns table rows with the samples and peak memory.
 */
export async function benchImport(ds: BenchDataset, browser: Browser, baseUrl: string, runs: number): Promise<{ rows: BenchRow[]; details: unknown; error?: string }> {
  const n = Math.min(runs, 3);
  const { csv, rows: rowCount } = await ensureImportCsv(ds);
  const sizeMb = (await stat(csv)).size / 1e6;
  const label = `${ds.label} CSV`;
  const rows: BenchRow[] = [];
  const details: Record<string, unknown> = { csv, sizeMb, runs: n };
  console.log(`» Import: ingest av ${csv} (${sizeMb.toFixed(0)} MB), ${n} körningar`);
  const ingest = await benchIngest(csv, n);
  details.ingest = ingest;
  rows.push({
    dataset: label, rows: rowCount, name: 'import, ingest (hela processen)', nativeMs: median(ingest.map((s) => s.wallMs)), wasmMs: null, targetMs: null,
    note: `import ${Math.round(median(ingest.map((s) => s.importMs)))} ms utan uppstart; topp-RSS ${mb(Math.max(...ingest.map((s) => s.maxRssMb)))}`,
  });
  console.log(`» Import: sidan Egna data i Chromium, ${n} körningar`);
  try {
    const page = await benchBrowserImport(browser, baseUrl, csv, n);
    details.browser = page;
    const heap = maxOf(page.map((s) => s.jsHeapMb));
    const rss = maxOf(page.map((s) => s.rendererRssMb));
    rows.push({
      dataset: label, rows: rowCount, name: 'import, webbläsaren (fil vald → importerad)', nativeMs: null, wasmMs: median(page.map((s) => s.ms)), targetMs: IMPORT_TARGET_MS,
      note: `läsa ${Math.round(median(page.map((s) => s.phases.previewMs)))} + kontroll ${Math.round(median(page.map((s) => s.phases.checkMs)))}`
        + ` + import ${Math.round(median(page.map((s) => s.phases.importMs)))} ms; topp JS-heap sidan ${heap === null ? '–' : mb(heap)}; topp-RSS renderer (sida + worker + wasm) ${rss === null ? '–' : mb(rss)}`,
    });
    return { rows, details };
  } catch (error) {
    return { rows, details, error: `import i webbläsaren: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}` };
  }
}
