/**
 * The browser half of `npm run bench`: boots the same DuckDB-WASM engine as the dashboard and
 * times statements that Node sends it, so wasm and native run the very same SQL text.
 */
import { WasmConnector } from '../engine/wasm-connector.ts';
import { loadSampleData } from '../engine/load-data.ts';
import { withLazyTables, lazyTablesOf } from '../engine/lazy-tables.ts';
import { fetchArrow, insertArrowTable } from '../engine/arrow-table.ts';
import { checkpoint } from '../engine/checkpoint.ts';
import type { SqlValue } from '../engine/connector.ts';
import type { SimBenchReply, SimBenchRequest } from './bench-sim.worker.ts';

/** One statement to time: its name, SQL text and bound values. */
export interface BenchStatement {
  name: string;
  text: string;
  params: SqlValue[];
}

/** One prepared table file for `openPrepared`: table name, address and row count. */
export interface PreparedFile {
  name: string;
  url: string;
  rows: number;
}

/** Median and all samples of a timed statement, in milliseconds. */
export interface BenchTiming {
  name: string;
  samples: number[];
  rows: number;
}

let db: WasmConnector | null = null;

/**
 * Runs a statement on the engine itself, never from the query client's cache (every page's SQL goes
 * through it, query-client.ts): a repeated statement would otherwise be timed as a cache hit (0,0 ms).
 * Throws when the cache answered anyway, so the bench cannot time the cache silently again.
 */
async function onEngine<T>(conn: WasmConnector, run: () => Promise<T>): Promise<T> {
  conn.client.invalidate();
  const hits = conn.client.stats.hits;
  const result = await run();
  if (conn.client.stats.hits !== hits) throw new Error('mätningen besvarades ur frågecachen, inte av databasmotorn');
  return result;
}

const api = {
  /** Opens the engine and loads a prepared Arrow file; returns its row count and load time. */
  async open(dataUrl: string): Promise<{ rows: number; ms: number }> {
    await db?.close();
    db = await WasmConnector.open();
    const t0 = performance.now();
    const rows = await loadSampleData(db, dataUrl);
    return { rows, ms: performance.now() - t0 };
  },
  /**
   * Opens the engine and loads prepared tables as the dashboard does (load-prepared.ts): the tables
   * not listed in `deferred` now, the deferred ones (hm) when a statement first names them, then a
   * checkpoint. Node reads the manifest and passes the list. Returns the load time.
   */
  async openPrepared(tables: PreparedFile[], deferred: string[]): Promise<{ ms: number }> {
    await db?.close();
    const conn = withLazyTables(await WasmConnector.open());
    db = conn;
    const t0 = performance.now();
    const now = tables.filter((t) => !deferred.includes(t.name));
    const bytes = now.map((t) => fetchArrow(fetch, t.url));
    for (const [i, t] of now.entries()) await insertArrowTable(conn, t.name, await bytes[i]!, t.rows);
    for (const t of tables.filter((t) => deferred.includes(t.name))) {
      lazyTablesOf(conn)!.register(t.name, async (raw) => {
        await insertArrowTable(raw as WasmConnector, t.name, await fetchArrow(fetch, t.url), t.rows);
        await checkpoint(raw);
      });
    }
    await checkpoint(conn);
    return { ms: performance.now() - t0 };
  },
  /** DuckDB's own memory figures in MB: what its buffer manager holds now, and the database's size. */
  async memory(): Promise<{ bufferMb: number; databaseMb: number }> {
    if (!db) throw new Error('open() först');
    const buffer = await db.query('SELECT sum(memory_usage_bytes)::DOUBLE AS b FROM duckdb_memory()');
    const size = await db.query('SELECT (total_blocks * block_size)::DOUBLE AS b FROM pragma_database_size()');
    return { bufferMb: Number(buffer.getChild('b')?.get(0) ?? 0) / 1e6, databaseMb: Number(size.getChild('b')?.get(0) ?? 0) / 1e6 };
  },
  /** Runs statements once each, in order (for setup such as materialised tables); returns ms each. */
  async setup(statements: BenchStatement[]): Promise<number[]> {
    if (!db) throw new Error('open() först');
    const out: number[] = [];
    for (const s of statements) {
      const t0 = performance.now();
      try {
        await db.query(s.text, s.params);
      } catch (error) {
        // Say which statement failed: at 12 M rows the materialisation can run out of wasm memory.
        throw new Error(`${s.name}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      }
      out.push(performance.now() - t0);
    }
    return out;
  },
  /** Times each statement `runs` times after one warm-up. */
  async time(statements: BenchStatement[], runs: number): Promise<BenchTiming[]> {
    if (!db) throw new Error('open() först');
    const out: BenchTiming[] = [];
    const conn = db;
    for (const s of statements) {
      let rows = (await onEngine(conn, () => conn.query(s.text, s.params))).numRows;
      const samples: number[] = [];
      for (let i = 0; i < runs; i++) {
        const t0 = performance.now();
        rows = (await onEngine(conn, () => conn.query(s.text, s.params))).numRows;
        samples.push(performance.now() - t0);
      }
      out.push({ name: s.name, samples, rows });
    }
    return out;
  },
  /**
   * Times a whole set of statements (e.g. one filter change on a page) `runs` times after one
   * warm-up: in sequence, or all issued at once as a page with several charts would.
   */
  async timeSet(statements: BenchStatement[], runs: number, concurrent: boolean): Promise<number[]> {
    const conn = db;
    if (!conn) throw new Error('open() först');
    const once = () =>
      onEngine(conn, async () => {
        if (concurrent) await Promise.all(statements.map((s) => conn.query(s.text, s.params)));
        // A page's set may repeat a statement; each is the engine's work, as on a page whose cache is cold.
        else {
          for (const s of statements) {
            conn.client.invalidate();
            await conn.query(s.text, s.params);
          }
        }
      });
    await once();
    const samples: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      await once();
      samples.push(performance.now() - t0);
    }
    return samples;
  },
  /** Runs the simulation on the bas scenario in a fresh module worker; samples are measured inside it. */
  simulate(request: SimBenchRequest): Promise<{ samples: number[]; months: number; totalMs: number }> {
    const t0 = performance.now();
    const worker = new Worker(new URL('./bench-sim.worker.ts', import.meta.url), { type: 'module' });
    return new Promise((resolve, reject) => {
      worker.onmessage = (event: MessageEvent<SimBenchReply>) => {
        worker.terminate();
        const reply = event.data;
        if (reply.ok) resolve({ samples: reply.samples, months: reply.months, totalMs: performance.now() - t0 });
        else reject(new Error(reply.error));
      };
      worker.onerror = (event) => {
        worker.terminate();
        reject(new Error(`Simuleringsarbetaren kunde inte starta: ${event.message}`));
      };
      worker.postMessage(request);
    });
  },
};

/** What the page exposes as `window.bench` to the Node side of the bench. */
export type BenchApi = typeof api;

(window as unknown as { bench: BenchApi }).bench = api;
document.body.dataset.ready = 'true';
