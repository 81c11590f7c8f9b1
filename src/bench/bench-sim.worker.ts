/**
 * Web Worker half of the simulation bench: runs the engine on the bas scenario where the dashboard
 * runs it (a module worker) and posts back the milliseconds measured inside the worker.
 */
import { monteCarlo, parseScenario, simulate, type BaselineCalibration } from '../simulation/index.ts';
import bas from '../../scenarios/bas.json';

/**
 * What the page asks: one deterministic run `repeats` times, or a Monte-Carlo of `runs` runs `repeats`
 * times, with the baseline the bas scenario (`calibrate: true`) takes from the data, as in Node.
 */
export interface SimBenchRequest {
  kind: 'simulate' | 'monteCarlo';
  runs: number;
  repeats: number;
  calibration: BaselineCalibration;
}

/** The samples (ms), or the error message. */
export type SimBenchReply = { ok: true; samples: number[]; months: number } | { ok: false; error: string };

self.onmessage = (event: MessageEvent<SimBenchRequest>) => {
  const { kind, runs, repeats, calibration } = event.data;
  try {
    const scenario = parseScenario(bas, calibration);
    // The deterministic run is measured without `uncertainty`, which would add a Monte-Carlo to simulate().
    const { uncertainty: _uncertainty, ...deterministic } = scenario;
    const run = kind === 'simulate' ? () => simulate(deterministic) : () => monteCarlo(scenario, runs);
    run(); // warm-up: the first call also compiles the hot loops
    const samples: number[] = [];
    for (let i = 0; i < repeats; i++) {
      const t0 = performance.now();
      run();
      samples.push(performance.now() - t0);
    }
    self.postMessage({ ok: true, samples, months: scenario.months } satisfies SimBenchReply);
  } catch (error) {
    self.postMessage({ ok: false, error: error instanceof Error ? error.message : String(error) } satisfies SimBenchReply);
  }
};
