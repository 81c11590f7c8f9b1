/**
 * Web Worker for the Scenarier page: the Monte-Carlo (thousands of runs) and the sensitivity runs
 * happen here so that sliders stay responsive on the main thread.
 */
import { monteCarlo, sensitivity } from '../../simulation/index.ts';
import type { UncertaintyRequest, UncertaintyResponse } from './worker-protocol.ts';

function handle({ id, scenario }: UncertaintyRequest): UncertaintyResponse {
  try {
    const started = performance.now();
    const mc = scenario.uncertainty ? monteCarlo(scenario) : null;
    const monteCarloMs = performance.now() - started;
    return {
      id,
      ok: true,
      runs: mc?.runs ?? 0,
      households: mc?.households ?? null,
      cumulativeBudgetEffectKr: mc?.cumulativeBudgetEffectKr ?? null,
      cumulativeNetSavingsKr: mc?.cumulativeNetSavingsKr ?? null,
      paybackProbability: mc?.paybackProbability ?? null,
      sensitivity: sensitivity(scenario),
      monteCarloMs,
    };
  } catch (error) {
    return { id, ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

self.onmessage = (event: MessageEvent<UncertaintyRequest>) => {
  const response = handle(event.data);
  const transfer = response.ok
    ? [response.households, response.cumulativeBudgetEffectKr, response.cumulativeNetSavingsKr].flatMap((b) => (b ? [b.p10.buffer, b.p50.buffer, b.p90.buffer] : []))
    : [];
  (self as unknown as Worker).postMessage(response, transfer);
};
