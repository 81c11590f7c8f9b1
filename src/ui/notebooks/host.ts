/**
 * The notebook runtime's host in the browser: SQL on the page's DuckDB-WASM, metric cells through
 * the shared metrics model, simulations with the scenario files bundled from scenarios/ (what a
 * simulation cell does is src/notebooks/simulation-cell.ts; which budget file table `budget` holds
 * is budget-source.ts's business).
 */
import type { Table } from 'apache-arrow';
import type { UserSqlConnector } from '../../engine/connector.ts';
import { metricCellSql, runSimulationCell, type JsonValue, type ManadKind, type RuntimeHost } from '../../notebooks/index.ts';
import type { MetricsState } from '../metrics-state.svelte.ts';

const SCENARIOS = import.meta.glob('../../../scenarios/*.json', { import: 'default', eager: true }) as Record<string, JsonValue>;

/** A scenario file's JSON by name (file name without `.json`). */
export function scenarioFile(name: string): JsonValue | undefined {
  return Object.entries(SCENARIOS).find(([path]) => path.endsWith(`/${name}.json`))?.[1];
}

/** The runtime host for the page's engine. */
export function createHost(db: UserSqlConnector, metrics: MetricsState, manadKind: ManadKind): RuntimeHost<Table> {
  return {
    manadKind,
    // A notebook is a file people share: its SQL may read the data but never change it.
    runSql: (query) => db.queryReadOnly(query.text, query.params),
    metricSql: (spec, filters) => metricCellSql(metrics.model, spec, filters),
    runSimulation: (request) => runSimulationCell(db, metrics.model, request, scenarioFile),
  };
}
