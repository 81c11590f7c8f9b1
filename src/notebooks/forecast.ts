/**
 * Runs a simulation cell's full-year forecast (`forecast:` in the cell): the baseline calibrated
 * from data up to the bokslut month, the scenario restarted the month after, and the actual so far
 * from the metrics layer, so "utbetalt" means the same here as in every other figure.
 */
import type { Connector } from '../engine/connector.ts';
import { calibrateBaseline, rowsOf, type MetricsModel } from '../metrics/index.ts';
import { metricCellSql } from './metric-cell.ts';
import { effectStartMonth, forecastMethod, rebaseScenario, yearForecast, type YearForecast } from './sim-forecast.ts';
import type { JsonValue } from './types.ts';
import { parseScenario, simulate, type SimulationResult } from '../simulation/index.ts';

/** A simulation run for a forecast: the full result plus the year's figures and the method stated next to them. */
export interface ForecastResult extends SimulationResult {
  readonly forecast: YearForecast;
  /** E.g. "Simulering (scenario bas, utgångsläge från data t.o.m. augusti 2025)". */
  readonly method: string;
  /** First calendar month the scenario's effects on payments apply (`YYYY-MM`). */
  readonly effectStart: string;
  /**
   * The whole municipality's budget for the forecast year from table `budget` (the simulation has no
   * unit filter), or null when there is no budget table or it does not cover all twelve months.
   */
  readonly budgetKr: number | null;
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

/** The full-year budget of `year` over all units, or null without a budget for each of its twelve months. */
export async function yearBudget(db: Connector, year: number): Promise<number | null> {
  const exists = await db.query("SELECT count(*) AS n FROM information_schema.tables WHERE table_name = 'budget'");
  if (Number(exists.getChild('n')?.get(0) ?? 0) === 0) return null;
  const t = await db.query('SELECT count(DISTINCT manad) AS months, sum(budget_kr) AS kr FROM budget WHERE left(manad, 4) = ?', [String(year)]);
  const row = rowsOf<{ months: number | bigint; kr: number | null }>(t)[0];
  return row && Number(row.months) === 12 ? row.kr : null;
}

/** Forecasts `asOf`'s year with `scenario` (file JSON, overrides applied): see `rebaseScenario` and `yearForecast`. */
export async function simulateForecast(db: Connector, model: MetricsModel, scenario: JsonValue, asOf: string): Promise<ForecastResult> {
  const calibration = await calibrateBaseline(db, { model, lastMonth: asOf });
  const result = simulate(parseScenario(rebaseScenario(scenario, asOf), calibration));
  const actual = await actualYearToDate(db, model, asOf);
  const forecast = yearForecast(actual, result.months, asOf);
  return {
    ...result,
    forecast,
    method: forecastMethod(result.scenario.name, asOf),
    effectStart: effectStartMonth(result.scenario.start, result.scenario.effects.startMonth),
    budgetKr: await yearBudget(db, forecast.year),
  };
}
