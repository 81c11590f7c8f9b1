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
import { afterPaint } from '../after-paint.ts';
import { cubeHouseholdMonths, cubeVeryLongTerm, loadMonthCube, warmMonthCube, type MetricsModel, type MonthCube } from '../../metrics/index.ts';

const SCENARIOS = import.meta.glob('../../../scenarios/*.json', { import: 'default', eager: true }) as Record<string, JsonValue>;

/** A scenario file's JSON by name (file name without `.json`). */
export function scenarioFile(name: string): JsonValue | undefined {
  return Object.entries(SCENARIOS).find(([path]) => path.endsWith(`/${name}.json`))?.[1];
}

/** Runs `work` when the page is idle (after 2 s at the latest), or soon where idle callbacks are missing. */
function idle(work: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(work, { timeout: 2000 });
  else setTimeout(work, 50);
}

/** Whether a cube was read from the tables `model` reads (G and data; W changes no table). */
function cubeFits(cube: MonthCube, model: MetricsModel): boolean {
  return cube.model.tables.monthAgg === model.tables.monthAgg && cube.model.firstMonth === model.firstMonth && cube.model.lastMonth === model.lastMonth;
}

/**
 * The runtime host for the page's engine. Metric cells that the month cube can answer (household
 * months and mycket långvarigt, by month or attribute) are answered from it in JS, so a brush or a
 * bar click redraws without waiting for the engine; the cube is read once per model, in the
 * background, and until it is there the cells use their SQL.
 */
export function createHost(db: UserSqlConnector, metrics: MetricsState, manadKind: ManadKind, options: { cube?: boolean } = {}): RuntimeHost<Table> {
  let cube: MonthCube | null = null;
  let loading: Promise<void> | null = null;
  const ensureCube = (model: MetricsModel): void => {
    if ((cube && cubeFits(cube, model)) || loading) return;
    loading = loadMonthCube(db, model).then(
      (c) => {
        cube = c;
        loading = null;
        // The unfiltered slices, summed while the page is idle rather than on the first brush.
        idle(() => warmMonthCube(c));
      },
      () => {
        loading = null;
      },
    );
  };
  // Without the cube (a replay of recorded statements, notebooks/precompute.ts) every metric cell runs its SQL.
  const useCube = options.cube ?? true;
  if (useCube) ensureCube(metrics.model);
  return {
    manadKind,
    // A notebook is a file people share: its SQL may read the data but never change it. The signal
    // stops a statement whose inputs changed (or the user's "Avbryt") in the engine.
    runSql: (query, signal) => db.queryReadOnly(query.text, query.params, { signal }),
    metricSql: (spec, filters) => metricCellSql(metrics.model, spec, filters),
    fastMetric: (spec, filters) => {
      if (!useCube) return null;
      const model = metrics.model;
      ensureCube(model);
      if (!cube || !cubeFits(cube, model)) return null;
      const answer =
        spec.measure === 'households' ? cubeHouseholdMonths(cube, filters, spec.grouping) : spec.measure === 'veryLongTerm' ? cubeVeryLongTerm(cube, filters, spec.grouping) : null;
      return answer && { result: answer.table, complete: answer.complete };
    },
    runSimulation: (request) => runSimulationCell(db, metrics.model, request, scenarioFile),
    // A hidden tab draws no frames: there the statements go after 100 ms.
    afterPaint: () => afterPaint(100),
  };
}
