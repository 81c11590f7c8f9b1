/**
 * Seeded Monte-Carlo over the scenario's uncertainty ranges: each run draws every ranged field
 * uniformly and independently between its min and max, runs the deterministic model, and the
 * runs are summarised as p10/p50/p90 per month. Buffers are allocated once, not per run or month.
 */
import { cloneParams, compileScenario, copyParams, createColumns, createWorkspace, runModel } from './model.ts';
import { byApplicationOrder, paramAccessor, type ParamAccessor } from './param-paths.ts';
import { createRandom } from './prng.ts';
import { NOISE_KR, paybackMonth } from './summary.ts';
import type { Scenario } from './types.ts';
import { quantileSorted as d3QuantileSorted } from 'd3-array';

/** Percentiles per month. */
export interface Band {
  p10: Float64Array;
  p50: Float64Array;
  p90: Float64Array;
}

/** Uncertainty bands and the payback probability over all runs. */
export interface MonteCarloResult {
  runs: number;
  households: Band;
  cumulativeNetSavingsKr: Band;
  /** The cash budget effect, cumulative. */
  cumulativeBudgetEffectKr: Band;
  /** Share of runs whose cash budget effect pays back within the horizon (or never goes below zero). */
  paybackProbability: number;
}

/** Linear-interpolated quantile (type 7) of an ascending-sorted array: d3-array's, NaN when empty. */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  // d3 reads only length and indexes, so a typed array works; its types ask for a plain array.
  return d3QuantileSorted(sorted as unknown as number[], q) ?? NaN;
}

function bands(matrix: Float64Array, months: number, runs: number): Band {
  const band: Band = { p10: new Float64Array(months), p50: new Float64Array(months), p90: new Float64Array(months) };
  for (let i = 0; i < months; i++) {
    const column = matrix.subarray(i * runs, (i + 1) * runs).sort();
    band.p10[i] = quantileSorted(column, 0.1);
    band.p50[i] = quantileSorted(column, 0.5);
    band.p90[i] = quantileSorted(column, 0.9);
  }
  return band;
}

/** Runs `runs` uncertainty runs of a resolved scenario (ranges from `scenario.uncertainty`). */
export function monteCarlo(scenario: Scenario, runs = scenario.uncertainty?.runs ?? 1000): MonteCarloResult {
  const base = compileScenario(scenario);
  const work = cloneParams(base);
  const months = base.months;
  const columns = createColumns(months);
  const workspace = createWorkspace(base.hazard.length);
  const ranges = Object.entries(scenario.uncertainty?.ranges ?? {}).sort(([a], [b]) => byApplicationOrder(a, b));
  const samplers: { accessor: ParamAccessor; min: number; span: number }[] = ranges.map(([path, [min, max]]) => {
    const accessor = paramAccessor(base, path);
    if (!accessor) throw new Error(`Osäkerhetsintervall för okänt fält: ${path}`);
    return { accessor, min, span: max - min };
  });
  const random = createRandom(scenario.seed);
  // Month-major so that each month's runs are contiguous and can be sorted in place.
  const households = new Float64Array(months * runs);
  const cumulative = new Float64Array(months * runs);
  const budget = new Float64Array(months * runs);
  let paidBack = 0;
  for (let r = 0; r < runs; r++) {
    copyParams(base, work);
    for (const { accessor, min, span } of samplers) accessor.set(work, min + random() * span);
    runModel(work, columns, workspace);
    let neverNegative = true;
    for (let i = 0; i < months; i++) {
      households[i * runs + r] = columns.households[i]!;
      const value = columns.cumulativeNetSavingsKr[i]!;
      cumulative[i * runs + r] = value;
      const cash = columns.cumulativeBudgetEffectKr[i]!;
      budget[i * runs + r] = cash;
      if (cash < -NOISE_KR) neverNegative = false;
    }
    if (neverNegative || paybackMonth(columns.cumulativeBudgetEffectKr) !== null) paidBack++;
  }
  return {
    runs,
    households: bands(households, months, runs),
    cumulativeNetSavingsKr: bands(cumulative, months, runs),
    cumulativeBudgetEffectKr: bands(budget, months, runs),
    paybackProbability: paidBack / runs,
  };
}
