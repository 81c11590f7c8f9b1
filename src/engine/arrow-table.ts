import { RecordBatchReader, Table, tableToIPC, type RecordBatch } from 'apache-arrow';
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

/**
 * Creates table `name` from an Arrow IPC stream of `rows` rows; above INSERT_ROWS rows in slices
 * (the first creates the table, the others are appended through a scratch table).
 */
export async function insertArrowTable(db: ArrowLoader, name: string, ipc: Uint8Array, rows: number): Promise<void> {
  if (rows <= INSERT_ROWS) return db.loadArrow(name, ipc);
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
    first = false;
    batches = [];
    count = 0;
  };
  for (const batch of RecordBatchReader.from(ipc)) {
    batches.push(batch);
    count += batch.numRows;
    if (count >= INSERT_ROWS) await flush();
  }
  if (batches.length) await flush();
}
