/**
 * Prepares data at rest (Parquet or CSV) for the browser:
 * - the raw rows as an Arrow IPC stream (`public/data/utbetalningar.arrow`): DuckDB-WASM has no
 *   built-in Parquet reader and would try to download one, which hangs on a closed network;
 * - the metrics' derived tables, built here by `prepareMetrics` on native DuckDB, as Arrow files with a
 *   manifest (`public/data/utbetalningar.prepared/`), so the page loads them instead of rebuilding
 *   them from raw rows (docs/data.md, "Förberedda tabeller").
 * Rows are written in batches with dictionary-encoded text columns, so 12 M rows fit in bounded memory.
 *
 * Usage: tsx src/cli/prepare-data.ts [--data data/utbetalningar.parquet] [--out public/data/utbetalningar.arrow]
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { NodeConnector } from '../engine/node-connector.ts';
import { exportTableArrow } from '../engine/arrow-export.ts';
import { loadDataFile } from '../import/node/load-data-file.ts';
import { prepareMetrics } from '../metrics/prepare.ts';
import { preparedDirFor, type SourceFingerprint } from '../metrics/prepared.ts';
import { writePreparedTables } from '../metrics/prepared-write.ts';
import { writeFirstScreens } from './first-screens.ts';

const { values } = parseArgs({
  options: {
    data: { type: 'string', default: 'data/utbetalningar.parquet' },
    out: { type: 'string', default: 'public/data/utbetalningar.arrow' },
  },
});
const data = values.data!;
const out = values.out!;
const mb = (bytes: number) => `${(bytes / 1e6).toLocaleString('sv-SE', { maximumFractionDigits: 1 })} MB`;

try {
  await stat(data);
} catch {
  console.error(`Datafilen saknas: ${data}. Skapa den med "npm run generate-data".`);
  process.exit(1);
}

/** SHA-256 of a file, streamed (a 12 M-row file is hundreds of MB); the page hashes the same bytes. */
async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

const db = await NodeConnector.open();
try {
  try {
    // Exactly this file by the import's rules (README, "Egna data"): no glob, no FIFO, no type sniffing.
    await loadDataFile(db, data);
  } catch (error) {
    console.error(error instanceof Error ? error.message.split('\n')[0] : String(error));
    await db.close();
    process.exit(1);
  }
  await mkdir(dirname(out), { recursive: true });
  const raw = await exportTableArrow(db, 'utbetalningar', out);
  const fingerprint: SourceFingerprint = { bytes: raw.bytes, sha256: await sha256File(out), rows: raw.rows };
  console.log(`Förberedde ${raw.rows.toLocaleString('sv-SE')} rader för webbläsaren: ${out} (${mb(raw.bytes)})`);

  const started = performance.now();
  const model = await prepareMetrics(db);
  const dir = preparedDirFor(out);
  const manifest = await writePreparedTables(db, model, fingerprint, dir);
  const bytes = manifest.tables.reduce((sum, t) => sum + t.bytes, 0);
  const seconds = ((performance.now() - started) / 1000).toLocaleString('sv-SE', { maximumFractionDigits: 1 });
  console.log(`Förberedda tabeller (G = ${model.gap}): ${manifest.tables.length} filer, ${mb(bytes)} i ${dir} (${seconds} s)`);
  // The first screens' figures, so the page can draw them before its engine has started (src/metrics/snapshot.ts).
  console.log(`Förberäknade startsidornas siffror: ${await writeFirstScreens(db, out, fingerprint, model)}`);
} finally {
  await db.close();
}
