import type * as duckdb from '@duckdb/duckdb-wasm';
import { Table } from 'apache-arrow';
import { typePlaceholders, viaVariable } from './placeholders.ts';
import { QueryCancelled, QueryError, throwIfAborted, toIdentifier, type QueryOptions, type SqlValue, type UserSqlConnector } from './connector.ts';
import { ReadOnlyRunner } from './read-only.ts';
import { QueryClient } from './query-client.ts';

/**
 * Settings that keep every byte in the browser, whatever SQL runs later and whatever web server
 * serves the page (a server without our Content-Security-Policy included): no extension is installed
 * or loaded, and DuckDB may open no file or URL at all — `read_csv('http://…')`, `COPY … TO`, `ATTACH`,
 * a URL as a table. The lock makes SQL unable to switch them back on. Data comes in only as Arrow
 * from JavaScript (`loadArrow`), which needs no file access. See docs/security.md.
 */
const LOCKDOWN = [
  'SET autoinstall_known_extensions = false',
  'SET autoload_known_extensions = false',
  'SET enable_external_access = false',
  'SET lock_configuration = true',
];

/** DuckDB-WASM in a Web Worker behind the `Connector` interface. */
export class WasmConnector implements UserSqlConnector {
  private readonly readOnly: ReadOnlyRunner;
  /** The connection user SQL runs on; replaced after a failed statement (see `pending`). */
  private userConn: Promise<duckdb.AsyncDuckDBConnection>;
  /** Every page's statements pass through this one client: its cache is keyed by the bound SQL (query-client.ts). */
  readonly client: QueryClient;

  private constructor(
    private readonly db: duckdb.AsyncDuckDB,
    private readonly worker: Worker,
    private readonly conn: duckdb.AsyncDuckDBConnection,
    userConn: duckdb.AsyncDuckDBConnection,
  ) {
    this.userConn = Promise.resolve(userConn);
    // User SQL gets a connection of its own, so its read-only transactions never wrap the app's statements.
    this.readOnly = new ReadOnlyRunner(
      (sql, params, signal) => this.pending(sql, params, signal),
      async (sql) => (await this.userConn).query(sql),
    );
    this.client = new QueryClient({
      query: (sql, params, options) => this.run(sql, params, options),
      queryReadOnly: (sql, params, options) => this.readOnly.query(sql, params, options?.signal),
      close: async () => undefined,
    });
  }

  /**
   * Runs user SQL as a pending query: the worker executes it in slices and answers the app's own
   * connection between them, so a runaway cross join slows the other pages but never blocks them,
   * and `cancelSent` can stop it (a prepared statement runs to the end in one go). Values are still
   * bound, through one session variable (placeholders.ts `viaVariable`).
   */
  private async pending(sql: string, params: readonly SqlValue[], signal?: AbortSignal): Promise<Table> {
    const { set, text } = viaVariable(sql, params);
    if (set) {
      const stmt = await (await this.userConn).prepare(set);
      try {
        await stmt.query(...params);
      } finally {
        await stmt.close();
      }
    }
    throwIfAborted(signal, sql);
    const conn = await this.userConn;
    let cancelled = false;
    const cancel = (): void => {
      cancelled = true;
      void conn.cancelSent().catch(() => undefined);
    };
    signal?.addEventListener('abort', cancel, { once: true });
    try {
      const reader = await conn.send(text, false);
      if (!reader || cancelled) throw new QueryCancelled(sql);
      const batches = await reader.readAll();
      return new Table(reader.schema, batches) as unknown as Table;
    } catch (error) {
      if (cancelled) throw new QueryCancelled(sql);
      // A pending query that failed can leave its connection waiting on it, so that the next user
      // statement never answers: the user SQL continues on a fresh connection (the old one's
      // read-only transaction dies with it).
      this.renewUserConnection();
      throw error;
    } finally {
      signal?.removeEventListener('abort', cancel);
    }
  }

  private renewUserConnection(): void {
    const old = this.userConn;
    this.userConn = this.db.connect();
    void old.then((conn) => conn.close()).catch(() => undefined);
  }

  /** Boots the worker and opens an in-memory database that can reach neither the network nor files. */
  static async open(): Promise<WasmConnector> {
    // The DuckDB-WASM library is its own chunk, fetched when the engine starts: the first screen's
    // figures (drawn before the engine starts, docs/architecture.md "Förberäknat") never wait for it.
    const { bootEngine } = await import('./engine-boot.ts');
    const { db, worker } = await bootEngine();
    await db.open({
      // A pending (user) query runs in slices of this many ms, between which the app's statements run.
      query: { castBigIntToDouble: true, castDecimalToDouble: true, queryPollingInterval: 25 },
      allowUnsignedExtensions: false,
      filesystem: { allowFullHTTPReads: false },
    });
    const conn = await db.connect();
    for (const setting of LOCKDOWN) await conn.query(setting);
    return new WasmConnector(db, worker, conn, await db.connect());
  }

  /** Runs SQL a user wrote (notebook cell, console) read-only; see read-only.ts. */
  queryReadOnly(sql: string, params: readonly SqlValue[] = [], options: QueryOptions = {}): Promise<Table> {
    return this.client.queryReadOnly(sql, params, options);
  }

  /** The app's own SQL, through the cache. */
  query(sql: string, params: readonly SqlValue[] = [], options: QueryOptions = {}): Promise<Table> {
    return this.client.query(sql, params, options);
  }

  /**
   * The app's own statements: short, prepared, not interruptible once sent; a statement whose caller
   * gave up before it was sent is never sent (the query client cancels superseded requests this way).
   */
  private async run(sql: string, params: readonly SqlValue[] = [], options: QueryOptions = {}): Promise<Table> {
    throwIfAborted(options.signal, sql);
    try {
      if (params.length === 0) return (await this.conn.query(sql)) as unknown as Table;
      const stmt = await this.conn.prepare(typePlaceholders(sql, params));
      try {
        return (await stmt.query(...params)) as unknown as Table;
      } finally {
        await stmt.close();
      }
    } catch (error) {
      throw new QueryError(error instanceof Error ? error.message : String(error), sql);
    }
  }

  /** Loads an Arrow IPC stream as `table`, replacing any table of that name. */
  async loadArrow(table: string, ipc: Uint8Array): Promise<void> {
    await this.query(`DROP TABLE IF EXISTS ${toIdentifier(table)}`);
    await this.conn.insertArrowFromIPCStream(ipc, { name: table, create: true });
    this.client.invalidate();
  }

  async close(): Promise<void> {
    await (await this.userConn).close();
    await this.conn.close();
    await this.db.terminate();
    this.worker.terminate();
  }
}
