/**
 * The notebook runtime's host in the browser: SQL on the page's DuckDB-WASM, metric cells through
 * the shared metrics model, simulations with the scenario files bundled from scenarios/ (a
 * `forecast:` cell calibrates its baseline on the loaded data and compares with table `budget`, see
 * forecast.ts; which budget file that table holds is budget-source.ts's business).
 */
import type { Table } from 'apache-arrow';
import type { Connector, UserSqlConnector } from '../../engine/connector.ts';
import { applyOverrides, metricCellSql, type JsonValue, type RuntimeHost } from '../../notebooks/index.ts';
import type { ManadKind } from '../../notebooks/filters.ts';
import { parseScenario, simulate, type SimulationResult } from '../../simulation/index.ts';
import type { MetricsState } from '../metrics-state.svelte.ts';
import { simulateForecast, type ForecastResult } from './forecast.ts';
import { calibrateBaseline } from '../../metrics/calibration.ts';

const SCENARIOS = import.meta.glob('../../../scenarios/*.json', { import: 'default', eager: true }) as Record<string, JsonValue>;

/** A scenario file's JSON by name (file name without `.json`). */
export function scenarioFile(name: string): JsonValue | undefined {
  return Object.entries(SCENARIOS).find(([path]) => path.endsWith(`/${name}.json`))?.[1];
}

/** How `manad` is stored in the loaded table, so the period filter can use a date range when it is a DATE. */
export async function detectManadKind(db: Connector, table: string): Promise<ManadKind> {
  const t = await db.query("SELECT data_type FROM information_schema.columns WHERE table_name = ? AND column_name = 'manad'", [table]);
  const type = String(t.getChild('data_type')?.get(0) ?? '');
  return /^(DATE|TIMESTAMP)/i.test(type) ? 'date' : 'text';
}

type JsonObject = { readonly [key: string]: JsonValue };
const isObject = (v: JsonValue | undefined): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

function wantsCalibration(scenario: JsonValue): boolean {
  const baseline = isObject(scenario) ? scenario.baseline : undefined;
  return isObject(baseline) && baseline.calibrate === true;
}

/** The runtime host for the page's engine. */
export function createHost(db: UserSqlConnector, metrics: MetricsState, manadKind: ManadKind): RuntimeHost<Table> {
  return {
    manadKind,
    // A notebook is a file people share: its SQL may read the data but never change it.
    runSql: (query) => db.queryReadOnly(query.text, query.params),
    metricSql: (spec, filters) => metricCellSql(metrics.model, spec, filters),
    async runSimulation(request): Promise<SimulationResult | ForecastResult> {
      const base = request.scenarioFile === undefined ? request.scenario : scenarioFile(request.scenarioFile);
      if (base === undefined) throw new Error(`Scenariofilen scenarios/${request.scenarioFile}.json finns inte.`);
      const scenario = applyOverrides(base, request.overrides);
      if (request.forecastTo !== undefined) return simulateForecast(db, metrics.model, scenario, request.forecastTo);
      // A file with `baseline.calibrate: true` (the ready scenarios) takes its baseline from the loaded data.
      return simulate(parseScenario(scenario, wantsCalibration(scenario) ? await calibrateBaseline(db, { model: metrics.model }) : undefined));
    },
  };
}
