import { RecordBatchReader, Table, tableToIPC, type RecordBatch } from 'apache-arrow';
import { checkpoint } from './checkpoint.ts';
import type { ArrowLoader } from './load-data.ts';

/** Rows per insert: a 12 M-row table goes into the engine in slices, so its memory never holds two whole copies. */
const INSERT_ROWS = 1_000_000;

/** An Arrow file that could not be fetched; the message is Swedish and names the address. */
export class ArrowFetchError extends Error {
  override name = 'ArrowFetchError';
}

/** Fetches an Arrow IPC file from our own origin as bytes. */
export async function fetchArrow(fetcher: typeof fetch, url: string): Promise<Uint8Array> {
  const response = await fetcher(url);
  if (!response.ok) throw new ArrowFetchError(`Filen ${url} kunde inte hämtas (HTTP ${response.status}).`);
  return new Uint8Array(await response.arrayBuffer());
}

/** An IPC stream larger than this, of unknown row count, is inserted in slices too (the raw 12 M rows are 670 MB). */
const SLICE_BYTES = 64 * 1024 * 1024;

/**
 * Creates table `name` from an Arrow IPC stream of `rows` rows (unknown: judged by its size, `sliceBytes`);
 * above `sliceRows` rows in slices: the first creates the table, the others are appended through a scratch
 * table, and a checkpoint after each append compresses what is in, so the engine's heap holds one
 * slice uncompressed at a time instead of the whole table (at 12 M raw rows the renderer peaked at 3,5 GB
 * of the browser's 4 GB without it, docs/bench.md).
 */
export async function insertArrowTable(
  db: ArrowLoader,
  name: string,
  ipc: Uint8Array,
  rows?: number,
  { sliceRows, sliceBytes }: { sliceRows: number; sliceBytes: number } = { sliceRows: INSERT_ROWS, sliceBytes: SLICE_BYTES },
): Promise<void> {
  if (rows === undefined ? ipc.byteLength <= sliceBytes : rows <= sliceRows) return db.loadArrow(name, ipc);
  const part = `${name}_del`;
  let first = true;
  let batches: RecordBatch[] = [];
  let count = 0;
  const flush = async () => {
    // The engine takes (and detaches) each slice's own buffer.
    await db.loadArrow(first ? name : part, tableToIPC(new Table(batches), 'stream'));
    if (!first) {
      await db.query(`INSERT INTO ${name} SELECT * FROM ${part}`);
      await db.query(`DROP TABLE ${part}`);
    }
    await checkpoint(db);
    first = false;
    batches = [];
    count = 0;
  };
  for (const batch of RecordBatchReader.from(ipc)) {
    batches.push(batch);
    count += batch.numRows;
    if (count >= sliceRows) await flush();
  }
  if (batches.length) await flush();
}
