import * as duckdb from '@duckdb/duckdb-wasm';
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import mvpWasm from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';
import mvpWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-mvp.worker.js?url';

// Bundles are emitted by Vite next to the page, so the engine is served from our own origin.
const BUNDLES: duckdb.DuckDBBundles = {
  mvp: { mainModule: mvpWasm, mainWorker: mvpWorker },
  eh: { mainModule: ehWasm, mainWorker: ehWorker },
};

/** A DuckDB-WASM worker with its wasm fetched, compiled and instantiated, not yet opened. */
export interface BootedEngine {
  db: duckdb.AsyncDuckDB;
  worker: Worker;
}

/**
 * Creates the worker and instantiates the wasm: the seconds of a cold start (fetch, compile). Called by
 * `WasmConnector.open`, which the app calls once the first screen is drawn (src/ui/App.svelte), so the
 * wasm's download and compile do not compete with the pre-computed figures for the network and the CPU.
 */
export async function bootEngine(): Promise<BootedEngine> {
  // The exception-handling build is what every supported browser gets; its worker script is requested
  // at once, before the feature check below has settled, and swapped only if that check says otherwise.
  let worker = new Worker(ehWorker);
  const bundle = await duckdb.selectBundle(BUNDLES);
  if (bundle.mainWorker !== ehWorker) {
    worker.terminate();
    worker = new Worker(bundle.mainWorker!);
  }
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  await db.instantiate(bundle.mainModule, bundle.pthreadWorker);
  return { db, worker };
}

