/**
 * `npm run bench`: every metric on the standard data and on generated data of ≈ 1.2 M and ≈ 12 M
 * household-months, in native DuckDB and in DuckDB-WASM in headless Chromium, in one run; plus the
 * simulation's speed; and the import of the ≈ 1,14 M-row CSV by `ingest` and on the "Egna data" page.
 * Prints a table of medians and writes it as JSON to bench-results/.
 *
 * Also the page loads (load-bench.ts): cold first visit and repeat visit to the first figures, with
 * bytes transferred, on the standard and 1,14 M sets; and DuckDB's memory per set.
 *
 * Usage: npm run bench -- [--sizes standard,1m,12m] [--runs 7] [--no-sim] [--no-import] [--no-load] [--only import|load]
 * The 12 M file is generated and prepared the first time (several minutes); see docs/bench.md.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { BenchBrowser } from './bench/browser.ts';
import { benchDataset, type MeasuredRow, type WasmMemory } from './bench/dataset-bench.ts';
import { benchLoad } from './bench/load-bench.ts';
import { BenchOptionError, DATASETS, parseBenchArgs, type BenchOptions } from './bench/datasets.ts';
import { buildSite, ensureArrow, ensureParquet, readManifest, SITE_DIR } from './bench/files.ts';
import { benchImport } from './bench/import-bench.ts';
import { benchSimulation } from './bench/simulation-bench.ts';
import { benchPages } from './bench/page-bench.ts';
import { benchCrossfilter } from './bench/crossfilter-bench.ts';
import { benchLargeDataset, type PageMemory } from './bench/large-pages.ts';
import { formatTable, meetsTargets, ratio } from './bench/stats.ts';

let options: BenchOptions;
try {
  options = parseBenchArgs(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof BenchOptionError)) throw error;
  console.error(`bench: ${error.message}`);
  process.exit(1);
}

const started = new Date();
const rows: MeasuredRow[] = [];
const errors: string[] = [];
let browser: BenchBrowser | null = null;
let importDetails: unknown = null;
const memory: Record<string, WasmMemory | null> = {};
// The dashboard's own pages at 12 M rows (large-pages.ts): peak memory of the visit, and each notebook cell's time.
const pageMemory: Record<string, PageMemory & { cellsMs: Record<string, number> }> = {};
// The import always uses the 1,14 M-row set: that is the size issue 10 names.
const importDataset = DATASETS.find((d) => d.id === '1m')!;
const datasets = options.only === 'import' ? [] : options.datasets;
try {
  for (const ds of datasets) await ensureParquet(ds);
  if (!options.skipImport) await ensureParquet(importDataset);
  // The build empties the site folder, so the Arrow files are linked in afterwards.
  buildSite();
  for (const ds of datasets) await ensureArrow(ds);
  browser = await BenchBrowser.start(SITE_DIR);
  for (const ds of datasets) {
    let dataRows = 0;
    if (options.only !== 'load') {
      const result = await benchDataset(ds, browser, options.runs);
      rows.push(...result.rows);
      memory[ds.label] = result.memory;
      dataRows = result.rows[0]?.rows ?? 0;
      if (result.error) errors.push(`${ds.label}: ${result.error}`);
      // At 12 M the dashboard's pages load differently (no hm), so they are measured even when the statements failed.
      if (result.error && ds.id !== '12m') continue;
    }
    // Page loads on the sizes of issue 11 (standard and 1,14 M); at 12 M the load and metrics rows above.
    if (!options.skipLoad && ds.id !== '12m') {
      dataRows ||= (await readManifest(ds).catch(() => null))?.source.rows ?? 0;
      try {
        rows.push(...(await benchLoad(browser.chromium, browser.url, ds, dataRows, Math.min(options.runs, 5))));
      } catch (error) {
        errors.push(`${ds.label}, sidladdning: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    // At 12 M the real pages instead (issue 11): Nyckeltal and the Månadsrapport, one cold visit.
    if (!options.skipLoad && ds.id === '12m') {
      dataRows ||= (await readManifest(ds).catch(() => null))?.source.rows ?? 0;
      try {
        // The bench page's engine still holds this set; drop it, so the visit's memory is the page's own.
        await browser.fresh();
        const large = await benchLargeDataset(browser.chromium, browser.url, ds, dataRows, Math.min(options.runs, 3));
        rows.push(...large.rows);
        pageMemory[ds.label] = { ...large.memory, cellsMs: large.cells };
        console.log(`» ${ds.label}: Månadsrapportens celler klara efter ett filterbyte (ms, median): ${Object.entries(large.cells).map(([n, ms]) => `${n} ${ms.toFixed(0)}`).join(', ')}`);
        for (const p of large.problems) errors.push(`${ds.label}, sidor: ${p}`);
      } catch (error) {
        errors.push(`${ds.label}, sidor: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    if (options.only === null && ds.id !== '12m') {
      try {
        rows.push(...(await benchPages(browser.chromium, browser.url, ds, dataRows, options.runs)));
      } catch (error) {
        errors.push(`${ds.label}, sidor: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    // Brush and bar click in the Månadsrapport and the Nyckeltal filter change at 1,14 M (issue 11), native reference in the same run.
    if (options.only === null && ds.id === '1m') {
      try {
        rows.push(...(await benchCrossfilter(browser.chromium, browser.url, ds, dataRows, options.runs)));
      } catch (error) {
        errors.push(`${ds.label}, korsfilter: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
  if (!options.skipSimulation && options.only === null) {
    // A failing simulation part (e.g. a scenario that no longer resolves) is reported, and the import still runs.
    try {
      const result = await benchSimulation(browser);
      rows.push(...result.rows);
      if (result.error) errors.push(result.error);
    } catch (error) {
      errors.push(`simulering: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (!options.skipImport) {
    const result = await benchImport(importDataset, browser.chromium, browser.url, options.runs);
    rows.push(...result.rows);
    importDetails = result.details;
    if (result.error) errors.push(result.error);
  }
} catch (error) {
  console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await browser?.close();
}

if (rows.length) {
  console.log(`\nMedianer i millisekunder (${options.runs} körningar per fråga efter en uppvärmning; importen högst 3, utan uppvärmning):\n`);
  console.log(formatTable(rows));
  for (const [label, m] of Object.entries(memory)) {
    if (m) {
      const rss = m.rendererPeakRssMb === null ? '–' : `${m.rendererPeakRssMb.toFixed(0)} MB`;
      console.log(`\nMinne ${label}: DuckDB ${m.bufferMb.toFixed(0)} MB i buffertar, databasen ${m.databaseMb.toFixed(0)} MB; renderarens topp-RSS ${rss}`);
    }
  }
  for (const [label, m] of Object.entries(pageMemory)) {
    const rss = m.rendererPeakRssMb === null ? '–' : `${m.rendererPeakRssMb.toFixed(0)} MB`;
    console.log(`\nMinne ${label}, Nyckeltal och Månadsrapport i samma flik: renderarens topp-RSS ${rss}, sidans JS-heap högst ${m.jsHeapPeakMb.toFixed(0)} MB`);
  }
  for (const e of errors) console.log(`\n${e}`);
  const missed = rows.filter((r) => meetsTargets(r) === false).length;
  console.log(`\n${missed === 0 ? 'Alla mål nådda.' : `${missed} av ${rows.filter((r) => meetsTargets(r) !== null).length} mål missade.`}`);
  const report = {
    started: started.toISOString(),
    finished: new Date().toISOString(),
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? null, memoryGb: Math.round(totalmem() / 1e9), node: process.version },
    runs: options.runs,
    sizes: datasets.map((d) => d.id),
    import: importDetails,
    memory,
    pageMemory,
    errors,
    rows: rows.map((r) => ({ ...r, ratio: ratio(r), ok: meetsTargets(r) })),
  };
  await mkdir('bench-results', { recursive: true });
  const json = JSON.stringify(report, null, 2) + '\n';
  const file = `bench-results/bench-${started.toISOString().replace(/[:.]/g, '-')}.json`;
  await writeFile(file, json);
  await writeFile('bench-results/latest.json', json);
  console.log(`Skrev ${file} och bench-results/latest.json`);
}
