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

/** Creates the worker and instantiates the wasm: the seconds of a cold start (fetch, compile). */
async function bootEngine(): Promise<BootedEngine> {
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

// The page's first script starts the engine before the app's own bundle has even been fetched, and
// the app takes it over once: a hand-over between two entry points, so it cannot live in a context.
let early: Promise<BootedEngine> | null = null;

/** Starts booting the engine now (called by the page's tiny entry, src/main.ts). */
export function bootEngineEarly(): void {
  early ??= bootEngine();
  // A failure is reported when the app takes the engine over, not as an unhandled rejection here.
  early.catch(() => undefined);
}

/** The engine booted early (handed over once), or a fresh boot when there is none. */
export function takeBootedEngine(): Promise<BootedEngine> {
  const booted = early ?? bootEngine();
  early = null;
  return booted;
}
