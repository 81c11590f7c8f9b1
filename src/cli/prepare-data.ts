/**
 * Converts data at rest (Parquet or CSV) into an Arrow IPC stream for the browser.
 * DuckDB-WASM has no built-in Parquet reader and would try to download one, which hangs on a
 * closed network; so the browser is handed Arrow prepared here, at build time. Rows are written
 * in batches with dictionary-encoded text columns, so 12 M rows fit in bounded memory.
 *
 * Usage: tsx src/cli/prepare-data.ts [--data data/utbetalningar.parquet] [--out public/data/utbetalningar.arrow]
 */
import { createWriteStream } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { RecordBatchStreamWriter } from 'apache-arrow';
import { NodeConnector } from '../engine/node-connector.ts';
import { DictionaryEncoder } from '../engine/arrow-encode.ts';
import { loadDataFile } from '../import/node/load-data-file.ts';
import { writeFirstScreens } from './first-screens.ts';

const BATCH_ROWS = 500_000;

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
  try {
    // Exactly this file by the import's rules (README, "Egna data"): no glob, no FIFO, no type sniffing.
    await loadDataFile(db, data);
  } catch (error) {
    console.error(error instanceof Error ? error.message.split('\n')[0] : String(error));
    await db.close();
    process.exit(1);
  }
  const schema = await db.query("SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'utbetalningar' ORDER BY ordinal_position");
  const textColumns = (schema.getChild('column_name')!.toArray() as string[]).filter(
    (_, i) => schema.getChild('data_type')!.get(i) === 'VARCHAR',
  );
  const distinct: Record<string, string[]> = {};
  for (const column of textColumns) {
    const t = await db.query(`SELECT DISTINCT "${column}" AS v FROM utbetalningar WHERE "${column}" IS NOT NULL LIMIT 4097`);
    distinct[column] = t.getChild('v')!.toArray() as string[];
  }
  const encoder = new DictionaryEncoder(distinct);
  const total = Number((await db.query('SELECT count(*) AS n FROM utbetalningar')).getChild('n')!.get(0));

  await mkdir(dirname(out), { recursive: true });
  const file = createWriteStream(out);
  const writer = new RecordBatchStreamWriter();
  writer.pipe(file);
  for (let offset = 0; offset < total || offset === 0; offset += BATCH_ROWS) {
    const chunk = await db.query('SELECT * FROM utbetalningar WHERE rowid >= ? AND rowid < ? ORDER BY rowid', [offset, offset + BATCH_ROWS]);
    for (const batch of encoder.encode(chunk).batches) writer.write(batch);
    if (total === 0) break;
  }
  writer.finish();
  await new Promise<void>((ok, fail) => file.on('finish', ok).on('error', fail));
  const size = (await stat(out)).size;
  console.log(`Förberedde ${total.toLocaleString('sv-SE')} rader för webbläsaren: ${out} (${(size / 1e6).toFixed(1)} MB)`);
  // The first screens' figures, so the page can draw them before its engine has started (src/metrics/snapshot.ts).
  console.log(`Förberäknade startsidornas siffror: ${await writeFirstScreens(db, out)}`);
} finally {
  await db.close();
}
