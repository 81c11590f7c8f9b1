/**
 * The simulation's speed targets (issue 4): one deterministic 60-month run, and 10 000 Monte-Carlo
 * runs × 60 months, in Node and in a module Web Worker in Chromium (where the dashboard runs it).
 */
import { readFile } from 'node:fs/promises';
import { monteCarlo, parseScenario, simulate } from '../../simulation/index.ts';
import { calibrateFrom, SAMPLE_DATA } from '../simulate.ts';
import type { BenchBrowser } from './browser.ts';
import type { MeasuredRow } from './dataset-bench.ts';
import { timeSync } from './native.ts';
import { median } from './stats.ts';

/** The scenario both sides run (the worker bundles the same file). */
export const SIM_SCENARIO = 'scenarios/bas.json';
/** Repetitions of the single deterministic run. */
export const SINGLE_REPEATS = 200;
/** Monte-Carlo runs per measurement, and how many measurements. */
export const MC_RUNS = 10_000;
export const MC_REPEATS = 3;

/** Measures both simulation targets on both sides; a failing browser side leaves its column empty. */
export async function benchSimulation(browser: BenchBrowser): Promise<{ rows: MeasuredRow[]; error: string | null }> {
  console.log('» Simulering: Node och Web Worker i Chromium');
  // The ready scenarios take their baseline from the data (calibrate: true); as `npm run simulate`
  // without --data, from the bundled sample, and the worker gets the same figures.
  const calibration = await calibrateFrom(SAMPLE_DATA);
  const scenario = parseScenario(JSON.parse(await readFile(SIM_SCENARIO, 'utf8')), calibration);
  const months = scenario.months;
  // One deterministic run: without `uncertainty`, which would make simulate() add a Monte-Carlo.
  const { uncertainty: _uncertainty, ...deterministic } = scenario;
  const nativeSingle = timeSync(() => simulate(deterministic), SINGLE_REPEATS);
  const nativeMc = timeSync(() => monteCarlo(scenario, MC_RUNS), MC_REPEATS);
  let wasmSingle: number[] = [];
  let wasmMc: number[] = [];
  let error: string | null = null;
  try {
    await browser.fresh();
    const single = await browser.simulate({ kind: 'simulate', runs: 1, repeats: SINGLE_REPEATS, calibration });
    if (single.months !== months) throw new Error(`arbetaren simulerade ${single.months} månader, Node ${months}`);
    wasmSingle = single.samples;
    wasmMc = (await browser.simulate({ kind: 'monteCarlo', runs: MC_RUNS, repeats: MC_REPEATS, calibration })).samples;
  } catch (e) {
    error = `webbläsarens simulering misslyckades: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`;
  }
  const base = { dataset: 'simulering (bas)', rows: months };
  const med = (s: number[]) => (s.length ? median(s) : null);
  const note = error ? 'webbläsaren misslyckades, se nedan' : 'native = Node, wasm = Web Worker';
  return {
    rows: [
      {
        ...base, name: `1 körning × ${months} mån (median av ${SINGLE_REPEATS})`, nativeMs: median(nativeSingle), wasmMs: med(wasmSingle),
        targetMs: 5, nativeSamples: nativeSingle, wasmSamples: wasmSingle, note,
      },
      {
        ...base, name: `${MC_RUNS.toLocaleString('sv-SE')} körningar × ${months} mån (median av ${MC_REPEATS})`, nativeMs: median(nativeMc),
        wasmMs: med(wasmMc), targetMs: 1000, nativeSamples: nativeMc, wasmSamples: wasmMc, note,
      },
    ],
    error,
  };
}
