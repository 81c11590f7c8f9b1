/**
 * Messages between the Scenarier page and its simulation worker: plain, structured-cloneable data.
 */
import type { Scenario, SensitivityItem } from '../../simulation/index.ts';

/** Run the uncertainty analysis (and the sensitivity bars) for one resolved scenario. */
export interface UncertaintyRequest {
  id: number;
  scenario: Scenario;
}

/** Percentiles per month, as the worker sends them back. */
export interface BandData {
  p10: Float64Array;
  p50: Float64Array;
  p90: Float64Array;
}

/**
 * The worker's answer: bands (absent when the scenario has no uncertainty ranges), the probability that
 * the cash budget effect pays back within the horizon, tornado data (budget effect at the horizon), timing.
 */
export type UncertaintyResponse =
  | {
      id: number;
      ok: true;
      runs: number;
      households: BandData | null;
      /** Cumulative cash budget effect (the headline). */
      cumulativeBudgetEffectKr: BandData | null;
      /** Cumulative value including freed time (secondary). */
      cumulativeNetSavingsKr: BandData | null;
      paybackProbability: number | null;
      sensitivity: SensitivityItem[];
      /** Milliseconds the Monte-Carlo took inside the worker. */
      monteCarloMs: number;
    }
  | { id: number; ok: false; message: string };
