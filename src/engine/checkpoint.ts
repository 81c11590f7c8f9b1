import type { Connector } from './connector.ts';

/** How long to wait before trying again when other transactions were open. */
const RETRY_MS = 2_000;

/**
 * Compresses the in-memory tables (DuckDB stores them uncompressed until a checkpoint: at 1,14 M rows
 * 404 MB of wasm heap become 27 MB, docs/bench.md). A checkpoint cannot run while another connection
 * (a notebook cell's read-only transaction) is writing or reading in a transaction; then it is tried
 * once more a little later, in the background, and otherwise left: compression saves memory, it
 * changes no figure. `FORCE CHECKPOINT` is not used, since it would abort the user's query.
 */
export async function checkpoint(db: Connector): Promise<void> {
  try {
    await db.query('CHECKPOINT');
  } catch {
    setTimeout(() => void db.query('CHECKPOINT').catch(() => undefined), RETRY_MS);
  }
}
