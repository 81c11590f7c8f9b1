/** Timing on native DuckDB in Node, the same way the page times DuckDB-WASM: one warm-up, then `runs` samples. */
import type { Connector } from '../../engine/connector.ts';
import type { NamedStatement } from './statements.ts';

/** Samples (ms) of each statement, after one warm-up run. */
export async function timeStatements(db: Connector, statements: readonly NamedStatement[], runs: number): Promise<{ name: string; samples: number[]; rows: number }[]> {
  const out: { name: string; samples: number[]; rows: number }[] = [];
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
}

/** Samples (ms) of the whole set run in sequence, after one warm-up (one connection: no concurrency natively). */
export async function timeSequence(db: Connector, statements: readonly NamedStatement[], runs: number): Promise<number[]> {
  const once = async () => {
    for (const s of statements) await db.query(s.text, s.params);
  };
  await once();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await once();
    samples.push(performance.now() - t0);
  }
  return samples;
}

/** Samples (ms) of a synchronous function, after one warm-up call. */
export function timeSync(run: () => unknown, repeats: number): number[] {
  run();
  const samples: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const t0 = performance.now();
    run();
    samples.push(performance.now() - t0);
  }
  return samples;
}
