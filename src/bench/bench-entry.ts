/**
 * The browser half of `npm run bench`: boots the same DuckDB-WASM engine as the dashboard and
 * times statements that Node sends it, so wasm and native run the very same SQL text.
 */
import { WasmConnector } from '../engine/wasm-connector.ts';
import { loadSampleData } from '../engine/load-data.ts';
import type { SqlValue } from '../engine/connector.ts';
import type { SimBenchReply, SimBenchRequest } from './bench-sim.worker.ts';

/** One statement to time: its name, SQL text and bound values. */
export interface BenchStatement {
  name: string;
  text: string;
  params: SqlValue[];
}

/** Median and all samples of a timed statement, in milliseconds. */
export interface BenchTiming {
  name: string;
  samples: number[];
  rows: number;
}

let db: WasmConnector | null = null;

const api = {
  /** Opens the engine and loads a prepared Arrow file; returns its row count and load time. */
  async open(dataUrl: string): Promise<{ rows: number; ms: number }> {
    await db?.close();
    db = await WasmConnector.open();
    const t0 = performance.now();
    const rows = await loadSampleData(db, dataUrl);
    return { rows, ms: performance.now() - t0 };
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
    for (const s of statements) {
      let rows = (await db.query(s.text, s.params)).numRows;
      const samples: number[] = [];
      for (let i = 0; i < runs; i++) {
        const t0 = performance.now();
        rows = (await db.query(s.text, s.params)).numRows;
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
    const once = async () => {
      if (concurrent) await Promise.all(statements.map((s) => conn.query(s.text, s.params)));
      else for (const s of statements) await conn.query(s.text, s.params);
    };
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
