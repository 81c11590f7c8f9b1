import { tableFromIPC, tableToIPC, type Table } from 'apache-arrow';
import { QueryCancelled, type QueryOptions, type SqlValue, type UserSqlConnector } from './connector.ts';
import { cacheKey } from './query-client.ts';

/**
 * Statements' results recorded on one engine and answered on another: the key is the query
 * client's cache key (the bound SQL and how it ran, query-client.ts), the value the result as an
 * Arrow IPC stream in base64, so a JSON file can carry it. Used for the pre-computed månadsrapport
 * (docs/architecture.md, "Förberäknat"): native DuckDB records at data preparation, the page
 * answers exactly those statements while DuckDB-WASM starts.
 */
export type RecordedStatements = Record<string, string>;

/** A connector in front of `db` that keeps every result it returns, keyed by the bound SQL. */
export function recordingConnector(db: UserSqlConnector): { db: UserSqlConnector; recorded: RecordedStatements } {
  const recorded: RecordedStatements = {};
  const run = async (readOnly: boolean, sql: string, params: readonly SqlValue[], options?: QueryOptions): Promise<Table> => {
    const table = await (readOnly ? db.queryReadOnly(sql, params, options) : db.query(sql, params, options));
    recorded[cacheKey(readOnly, sql, params)] = toBase64(tableToIPC(table, 'stream'));
    return table;
  };
  return {
    recorded,
    db: {
      query: (sql, params = [], options) => run(false, sql, params, options),
      queryReadOnly: (sql, params = [], options) => run(true, sql, params, options),
      close: () => db.close(),
    },
  };
}

/**
 * A connector that answers only the recorded statements. Any other statement (an input changed,
 * a cell edited) never settles until its caller gives up: it is no error in the notebook, only a
 * figure that waits for the live engine, which replaces this connector's results.
 */
export function replayConnector(recorded: RecordedStatements): UserSqlConnector & { readonly misses: string[] } {
  const misses: string[] = [];
  const answer = (readOnly: boolean, sql: string, params: readonly SqlValue[], options?: QueryOptions): Promise<Table> => {
    const hit = recorded[cacheKey(readOnly, sql, params)];
    if (hit !== undefined) return Promise.resolve(tableFromIPC(fromBase64(hit)) as unknown as Table);
    misses.push(sql);
    return new Promise((_, reject) => options?.signal?.addEventListener('abort', () => reject(new QueryCancelled(sql)), { once: true }));
  };
  return {
    misses,
    query: (sql, params = [], options) => answer(false, sql, params, options),
    queryReadOnly: (sql, params = [], options) => answer(true, sql, params, options),
    close: async () => undefined,
  };
}

// btoa/atob exist in browsers and in Node ≥ 16; chunked so a large result does not overflow the call stack.
function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
