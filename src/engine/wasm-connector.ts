import * as duckdb from '@duckdb/duckdb-wasm';
import type { Table } from 'apache-arrow';
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import mvpWasm from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';
import mvpWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-mvp.worker.js?url';
import { typePlaceholders } from './placeholders.ts';
import { QueryError, toIdentifier, type SqlValue, type UserSqlConnector } from './connector.ts';
import { ReadOnlyRunner } from './read-only.ts';

// Bundles are emitted by Vite next to the page, so the engine is served from our own origin.
const BUNDLES: duckdb.DuckDBBundles = {
  mvp: { mainModule: mvpWasm, mainWorker: mvpWorker },
  eh: { mainModule: ehWasm, mainWorker: ehWorker },
};

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

  private constructor(
    private readonly db: duckdb.AsyncDuckDB,
    private readonly worker: Worker,
    private readonly conn: duckdb.AsyncDuckDBConnection,
    private readonly userConn: duckdb.AsyncDuckDBConnection,
  ) {
    // User SQL gets a connection of its own, so its read-only transactions never wrap the app's statements.
    this.readOnly = new ReadOnlyRunner(
      async (sql, params) => {
        const stmt = await this.userConn.prepare(typePlaceholders(sql, params));
        try {
          return (await stmt.query(...params)) as unknown as Table;
        } finally {
          await stmt.close();
        }
      },
      (sql) => this.userConn.query(sql),
    );
  }

  /** Boots the worker and opens an in-memory database that can reach neither the network nor files. */
  static async open(): Promise<WasmConnector> {
    const bundle = await duckdb.selectBundle(BUNDLES);
    const worker = new Worker(bundle.mainWorker!);
    const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
    await db.instantiate(bundle.mainModule, bundle.pthreadWorker);
    await db.open({
      query: { castBigIntToDouble: true, castDecimalToDouble: true },
      allowUnsignedExtensions: false,
      filesystem: { allowFullHTTPReads: false },
    });
    const conn = await db.connect();
    for (const setting of LOCKDOWN) await conn.query(setting);
    return new WasmConnector(db, worker, conn, await db.connect());
  }

  /** Runs SQL a user wrote (notebook cell, console) read-only; see read-only.ts. */
  queryReadOnly(sql: string, params: readonly SqlValue[] = []): Promise<Table> {
    return this.readOnly.query(sql, params);
  }

  async query(sql: string, params: readonly SqlValue[] = []): Promise<Table> {
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
  }

  async close(): Promise<void> {
    await this.userConn.close();
    await this.conn.close();
    await this.db.terminate();
    this.worker.terminate();
  }
}
