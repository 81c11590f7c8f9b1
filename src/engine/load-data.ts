import { RecordBatchReader } from 'apache-arrow';
import type { Connector } from './connector.ts';

/** The contract's required columns (docs/data.md). */
export const REQUIRED_COLUMNS = ['hushall_id', 'manad', 'utbetalt_kr'] as const;

/** A data file that could not be loaded, with a Swedish message saying what failed and where. */
export class DataLoadError extends Error {
  constructor(
    message: string,
    readonly source: string,
  ) {
    super(message);
    this.name = 'DataLoadError';
  }
}

/** An engine that can take an Arrow IPC stream as a table (the browser adapter). */
export interface ArrowLoader extends Connector {
  loadArrow(table: string, ipc: Uint8Array): Promise<void>;
}

/**
 * Fetches an Arrow IPC file from our own origin and loads it as table `utbetalningar`,
 * then checks the contract's required columns. Every failure becomes a `DataLoadError`.
 */
export async function loadSampleData(db: ArrowLoader, url: string, fetcher: typeof fetch = fetch): Promise<number> {
  let response: Response;
  try {
    response = await fetcher(url);
  } catch (error) {
    throw new DataLoadError(`Datafilen kunde inte hämtas: ${String(error)}`, url);
  }
  if (!response.ok) throw new DataLoadError(`Datafilen hittades inte (HTTP ${response.status}).`, url);
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (bytes.byteLength === 0) throw new DataLoadError('Datafilen är tom.', url);
  let present: Set<string>;
  try {
    present = new Set(arrowColumns(bytes));
    await db.loadArrow('utbetalningar', bytes);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new DataLoadError(`Datafilen är skadad eller inte i Arrow-format: ${detail}`, url);
  }
  // The stream's own schema names the columns: no information_schema round trip to the worker.
  const missing = REQUIRED_COLUMNS.filter((c) => !present.has(c));
  if (missing.length) throw new DataLoadError(`Datafilen saknar obligatoriska kolumner: ${missing.join(', ')}.`, url);
  const count = await db.query('SELECT count(*)::DOUBLE AS n FROM utbetalningar');
  return Number(count.getChild('n')?.get(0) ?? 0);
}

/** Reads only the schema of an Arrow IPC stream (its column names), so a corrupt file fails here with a reason. */
function arrowColumns(bytes: Uint8Array): string[] {
  const reader = RecordBatchReader.from(bytes);
  reader.open();
  if (!reader.schema || reader.schema.fields.length === 0) throw new Error('ingen Arrow-schemadel hittades');
  return reader.schema.fields.map((f) => f.name);
}
