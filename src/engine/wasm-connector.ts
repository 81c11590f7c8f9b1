import * as duckdb from '@duckdb/duckdb-wasm';
import type { Table } from 'apache-arrow';
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import mvpWasm from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';
import mvpWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-mvp.worker.js?url';
import { typePlaceholders } from './placeholders.ts';
import { QueryError, toIdentifier, type Connector, type SqlValue } from './connector.ts';

// Bundles are emitted by Vite next to the page, so the engine is served from our own origin.
const BUNDLES: duckdb.DuckDBBundles = {
  mvp: { mainModule: mvpWasm, mainWorker: mvpWorker },
  eh: { mainModule: ehWasm, mainWorker: ehWorker },
};

/** DuckDB-WASM in a Web Worker behind the `Connector` interface. */
export class WasmConnector implements Connector {
  private constructor(
    private readonly db: duckdb.AsyncDuckDB,
    private readonly worker: Worker,
    private readonly conn: duckdb.AsyncDuckDBConnection,
  ) {}

  /** Boots the worker and opens an in-memory database with extension downloads switched off. */
  static async open(): Promise<WasmConnector> {
    const bundle = await duckdb.selectBundle(BUNDLES);
    const worker = new Worker(bundle.mainWorker!);
    const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
    await db.instantiate(bundle.mainModule, bundle.pthreadWorker);
    await db.open({ query: { castBigIntToDouble: true, castDecimalToDouble: true } });
    const conn = await db.connect();
    // A closed municipal network makes extension downloads hang; fail at once instead.
    await conn.query('SET autoinstall_known_extensions = false');
    await conn.query('SET autoload_known_extensions = false');
    return new WasmConnector(db, worker, conn);
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
    await this.conn.close();
    await this.db.terminate();
    this.worker.terminate();
  }
}
