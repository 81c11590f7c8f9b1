/**
 * Runs a notebook simulation cell's request: the scenario file (or inline scenario) with the cell's
 * overrides, a baseline calibrated on the loaded data when the file asks for it, and a full-year
 * forecast when the cell has `forecast:` (see forecast.ts).
 */
import type { Connector } from '../engine/connector.ts';
import { calibrateBaseline, type MetricsModel } from '../metrics/index.ts';
import { parseScenario, simulate, type SimulationResult } from '../simulation/index.ts';
import { simulateForecast, type ForecastResult } from './forecast.ts';
import type { SimulationRequest } from './runtime.ts';
import { applyOverrides } from './scenario-overrides.ts';
import type { JsonValue } from './types.ts';

type JsonObject = { readonly [key: string]: JsonValue };
const isObject = (v: JsonValue | undefined): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

function wantsCalibration(scenario: JsonValue): boolean {
  const baseline = isObject(scenario) ? scenario.baseline : undefined;
  return isObject(baseline) && baseline.calibrate === true;
}

/** The result of one simulation cell; `scenarioFile` looks a file up by name (without `.json`). */
export async function runSimulationCell(
  db: Connector,
  model: MetricsModel,
  request: SimulationRequest,
  scenarioFile: (name: string) => JsonValue | undefined,
): Promise<SimulationResult | ForecastResult> {
  const base = request.scenarioFile === undefined ? request.scenario : scenarioFile(request.scenarioFile);
  if (base === undefined) throw new Error(`Scenariofilen scenarios/${request.scenarioFile}.json finns inte.`);
  const scenario = applyOverrides(base, request.overrides);
  if (request.forecastTo !== undefined) return simulateForecast(db, model, scenario, request.forecastTo);
  // A file with `baseline.calibrate: true` (the ready scenarios) takes its baseline from the loaded data.
  return simulate(parseScenario(scenario, wantsCalibration(scenario) ? await calibrateBaseline(db, { model }) : undefined));
}
