import { RecordBatchReader } from 'apache-arrow';
import type { Connector } from './connector.ts';
import { insertArrowTable } from './arrow-table.ts';
import { isOutOfMemory, outOfMemoryMessage } from './out-of-memory.ts';

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
  if (!response.ok) throw new DataLoadError(httpProblem(response.status), url);
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (bytes.byteLength === 0) throw new DataLoadError('Datafilen är tom.', url);
  // A cut-off download keeps its schema (the first bytes), so without this check it loads fewer rows
  // or fails later under a wrong name; the stream's end marker says whether the whole file arrived.
  if (isTruncated(bytes)) {
    throw new DataLoadError(`Datafilen är avkortad: den slutar efter ${bytes.byteLength.toLocaleString('sv-SE')} byte, mitt i datan (Arrow-filens slutmarkering saknas). Hämta eller skapa filen igen.`, url);
  }
  let present: Set<string>;
  try {
    present = new Set(arrowColumns(bytes));
  } catch (error) {
    throw new DataLoadError(`Datafilen är skadad eller inte i Arrow-format: ${errorText(error)}`, url);
  }
  try {
    // In slices when large (the 12 M-row file is 670 MB), so the engine never holds it whole twice.
    await insertArrowTable(db, 'utbetalningar', bytes);
  } catch (error) {
    if (isOutOfMemory(error)) throw new DataLoadError(outOfMemoryMessage(bytes.byteLength), url);
    throw new DataLoadError(`Datafilen är skadad eller inte i Arrow-format: ${errorText(error)}`, url);
  }
  // The stream's own schema names the columns: no information_schema round trip to the worker.
  const missing = REQUIRED_COLUMNS.filter((c) => !present.has(c));
  if (missing.length) throw new DataLoadError(`Datafilen saknar obligatoriska kolumner: ${missing.join(', ')}.`, url);
  const count = await db.query('SELECT count(*)::DOUBLE AS n FROM utbetalningar');
  return Number(count.getChild('n')?.get(0) ?? 0);
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** What an HTTP error means for the user: a missing file is not the same as a failing server. */
function httpProblem(status: number): string {
  if (status === 404 || status === 410) return `Datafilen hittades inte på webbplatsen (HTTP ${status}).`;
  if (status === 401 || status === 403) return `Webbplatsen nekade åtkomst till datafilen (HTTP ${status}).`;
  if (status >= 500) return `Webbplatsens server svarade med ett fel när datafilen hämtades (HTTP ${status}). Filen kan finnas; försök igen senare eller kontakta den som driftar webbplatsen.`;
  return `Datafilen kunde inte hämtas (HTTP ${status}).`;
}

/**
 * An Arrow IPC stream ends with an end-of-stream marker (0xFFFFFFFF then a zero length, or a bare zero
 * length in old writers); the file format ends with the magic "ARROW1". Anything else was cut off.
 */
function isTruncated(bytes: Uint8Array): boolean {
  const n = bytes.byteLength;
  const magic = [0x41, 0x52, 0x52, 0x4f, 0x57, 0x31];
  if (n >= 6 && magic.every((b, i) => bytes[i] === b)) return !magic.every((b, i) => bytes[n - 6 + i] === b);
  // Only a stream that starts like one (the 0xFFFFFFFF continuation) can be judged cut off; other bytes
  // are "not Arrow", which reading the schema reports.
  if (n < 8 || ![0, 1, 2, 3].every((i) => bytes[i] === 0xff)) return false;
  const view = new DataView(bytes.buffer, bytes.byteOffset, n);
  return view.getInt32(n - 4, true) !== 0;
}

/** Reads only the schema of an Arrow IPC stream (its column names), so a corrupt file fails here with a reason. */
function arrowColumns(bytes: Uint8Array): string[] {
  const reader = RecordBatchReader.from(bytes);
  reader.open();
  if (!reader.schema || reader.schema.fields.length === 0) throw new Error('ingen Arrow-schemadel hittades');
  return reader.schema.fields.map((f) => f.name);
}
