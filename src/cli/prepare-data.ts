/**
 * Converts the sample data at rest (Parquet) into an Arrow IPC stream for the browser.
 * DuckDB-WASM has no built-in Parquet reader and would try to download one, which hangs on a
 * closed network; so the browser is handed Arrow prepared here, at build time.
 *
 * Usage: tsx src/cli/prepare-data.ts [--data data/utbetalningar.parquet] [--out public/data/utbetalningar.arrow]
 */
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { tableToIPC } from 'apache-arrow';
import { NodeConnector } from '../engine/node-connector.ts';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    data: { type: 'string', default: 'data/utbetalningar.parquet' },
    out: { type: 'string', default: 'public/data/utbetalningar.arrow' },
  },
});
const data = values.data!;
const out = values.out!;

try {
  await stat(data);
} catch {
  console.error(`Datafilen saknas: ${data}. Skapa den med "npm run generate-data".`);
  process.exit(1);
}

const db = await NodeConnector.open();
try {
  await db.loadFile('utbetalningar', data);
  const table = await db.query('SELECT * FROM utbetalningar');
  const ipc = tableToIPC(table, 'stream');
  await mkdir(dirname(out), { recursive: true });
  await writeFile(out, ipc);
  console.log(`Förberedde ${table.numRows.toLocaleString('sv-SE')} rader för webbläsaren: ${out} (${(ipc.byteLength / 1e6).toFixed(1)} MB)`);
} finally {
  await db.close();
}
