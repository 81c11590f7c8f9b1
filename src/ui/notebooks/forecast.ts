/**
 * Runs a simulation cell's full-year forecast (`forecast:` in the cell): the baseline calibrated
 * from data up to the bokslut month, the scenario restarted the month after, and the actual so far
 * from the metrics layer, so "utbetalt" means the same here as in every other figure.
 */
import type { Connector } from '../../engine/connector.ts';
import { calibrateBaseline } from '../../metrics/calibration.ts';
import { rowsOf } from '../../metrics/index.ts';
import type { MetricsModel } from '../../metrics/types.ts';
import { effectStartMonth, forecastMethod, metricCellSql, rebaseScenario, yearForecast, type JsonValue, type YearForecast } from '../../notebooks/index.ts';
import { parseScenario, simulate, type SimulationResult } from '../../simulation/index.ts';

/** A simulation run for a forecast: the full result plus the year's figures and the method stated next to them. */
export interface ForecastResult extends SimulationResult {
  readonly forecast: YearForecast;
  /** E.g. "Simulering (scenario bas, utgångsläge från data t.o.m. augusti 2025)". */
  readonly method: string;
  /** First calendar month the scenario's effects on payments apply (`YYYY-MM`). */
  readonly effectStart: string;
}

/** Guard for a simulation cell's result that carries a forecast. */
export function isForecastResult(value: unknown): value is ForecastResult {
  return typeof value === 'object' && value !== null && 'forecast' in value && 'method' in value;
}

/** Actual payments January–`asOf` of its year, by the metrics layer's household-month definition. */
export async function actualYearToDate(db: Connector, model: MetricsModel, asOf: string): Promise<number> {
  const query = metricCellSql(model, { measure: 'households', grouping: 'total' }, { from: `${asOf.slice(0, 4)}-01`, to: asOf });
  const rows = rowsOf<{ paid_kr: number | null }>(await db.query(query.text, query.params));
  return rows.reduce((sum, r) => sum + (r.paid_kr ?? 0), 0);
}

/** Forecasts `asOf`'s year with `scenario` (file JSON, overrides applied): see `rebaseScenario` and `yearForecast`. */
export async function simulateForecast(db: Connector, model: MetricsModel, scenario: JsonValue, asOf: string): Promise<ForecastResult> {
  const calibration = await calibrateBaseline(db, { model, lastMonth: asOf });
  const result = simulate(parseScenario(rebaseScenario(scenario, asOf), calibration));
  const actual = await actualYearToDate(db, model, asOf);
  return {
    ...result,
    forecast: yearForecast(actual, result.months, asOf),
    method: forecastMethod(result.scenario.name, asOf),
    effectStart: effectStartMonth(result.scenario.start, result.scenario.effects.startMonth),
  };
}
