/**
 * The crossfilter and Nyckeltal part of the bench on its own, against any built site:
 *
 *   npx tsx src/cli/bench/crossfilter-main.ts --site dist-x --data data/bench-1m.arrow \
 *     --parquet data/large/bench-1m.parquet [--runs 5]
 *
 * `--data` is the Arrow file's path inside the site (the page accepts only data/<name>.arrow);
 * `--parquet` is the same data for the native side. Prints the rows and writes them as JSON to
 * bench-results/crossfilter-<time>.json. `npm run bench` runs the same functions (bench.ts).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { startServer } from '../../../scripts/static-server.mjs';
import { launchChromium } from '../chromium.ts';
import { browserCrossfilter, browserNyckeltal, crossfilterRows, nativeCrossfilter, nativeNyckeltal, nyckeltalRow } from './crossfilter-bench.ts';
import type { MeasuredRow } from './dataset-bench.ts';
import { formatTable } from './stats.ts';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { site: { type: 'string' }, data: { type: 'string' }, parquet: { type: 'string' }, runs: { type: 'string', default: '5' }, label: { type: 'string', default: '1,2 M' } } });
  if (!values.site || !values.data || !values.parquet) throw new Error('Ange --site, --data och --parquet.');
  const runs = Number(values.runs);
  const native = await nativeCrossfilter(values.parquet, runs);
  const nativeNk = await nativeNyckeltal(values.parquet, runs);
  const server = await startServer(values.site, 0);
  const browser = await launchChromium();
  try {
    const url = `${server.url}index.html?data=${encodeURIComponent(values.data)}`;
    const cross = await browserCrossfilter(browser, `${url}#/anteckningar/manadsrapport`, runs);
    const nk = await browserNyckeltal(browser, url, runs);
    const rows: MeasuredRow[] = [
      ...crossfilterRows(values.label, 0, cross, native),
      nyckeltalRow(values.label, 0, nk, nativeNk),
    ];
    console.log(formatTable(rows));
    await mkdir('bench-results', { recursive: true });
    const file = `bench-results/crossfilter-${new Date().toISOString().replace(/[:.]/g, '-')}.json`;
    await writeFile(file, JSON.stringify({ runs, rows }, null, 2) + '\n');
    console.log(`Skrev ${file}`);
  } finally {
    await browser.close();
    await server.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
