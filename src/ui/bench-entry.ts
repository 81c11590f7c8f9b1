/**
 * The browser half of `npm run bench`: boots the same DuckDB-WASM engine as the dashboard and
 * times statements that Node sends it, so wasm and native run the very same SQL text.
 */
import { WasmConnector } from '../engine/wasm-connector.ts';
import { loadSampleData } from '../engine/load-data.ts';
import type { SqlValue } from '../engine/connector.ts';

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
      await db.query(s.text, s.params);
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
};

(window as unknown as { bench: typeof api }).bench = api;
document.body.dataset.ready = 'true';
