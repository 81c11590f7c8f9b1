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
import { cubeHouseholdMonths, cubeVeryLongTerm, loadMonthCube, selectionWarmer, warmMonthCube, type MetricFilters, type MetricsModel, type MonthCube } from '../../metrics/index.ts';

const SCENARIOS = import.meta.glob('../../../scenarios/*.json', { import: 'default', eager: true }) as Record<string, JsonValue>;

/** A scenario file's JSON by name (file name without `.json`). */
export function scenarioFile(name: string): JsonValue | undefined {
  return Object.entries(SCENARIOS).find(([path]) => path.endsWith(`/${name}.json`))?.[1];
}

/**
 * Runs `work` when the page is idle (after 2 s at the latest), or soon where idle callbacks are missing;
 * `timeLeft()` says how many ms it may still take.
 */
function idle(work: (timeLeft: () => number) => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback((deadline) => work(() => deadline.timeRemaining()), { timeout: 2000 });
  else
    setTimeout(() => {
      const end = performance.now() + 8;
      work(() => end - performance.now());
    }, 50);
}

/** The attribute filters of `filters` (the period aside): what the cube's slices depend on. */
const attributeKey = (f: MetricFilters): string => JSON.stringify([f.enhet ?? [], f.hushallstyp ?? [], f.forsorjningshinder ?? [], f.barn ?? null]);

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
  // The filters the page last asked for (of a metric excluding none), and those summed ahead for.
  let current: MetricFilters = {};
  let warmedFor: string | null = null;
  /** Sums, in idle moments, the slices one bar click away from `filters` (`selectionWarmer`); a newer call stops an older one. */
  const warmAround = (c: MonthCube, filters: MetricFilters): void => {
    const key = attributeKey(filters);
    if (key === warmedFor) return;
    warmedFor = key;
    const step = selectionWarmer(c, filters);
    const go = (timeLeft: () => number): void => {
      if (warmedFor === key && cube === c && !step(timeLeft)) idle(go);
    };
    idle(go);
  };
  const ensureCube = (model: MetricsModel): void => {
    if ((cube && cubeFits(cube, model)) || loading) return;
    loading = loadMonthCube(db, model).then(
      (c) => {
        cube = c;
        loading = null;
        // The unfiltered slices, summed while the page is idle rather than on the first brush; then
        // those a bar click away.
        idle(() => {
          warmMonthCube(c);
          warmAround(c, current);
        });
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
      if (!spec.exclude?.length) current = filters;
      const model = metrics.model;
      ensureCube(model);
      if (!cube || !cubeFits(cube, model)) return null;
      const answer =
        spec.measure === 'households' ? cubeHouseholdMonths(cube, filters, spec.grouping) : spec.measure === 'veryLongTerm' ? cubeVeryLongTerm(cube, filters, spec.grouping) : null;
      if (!spec.exclude?.length) warmAround(cube, filters);
      return answer && { result: answer.table, complete: answer.complete };
    },
    runSimulation: (request) => runSimulationCell(db, metrics.model, request, scenarioFile),
    // A hidden tab draws no frames: there the statements go after 100 ms.
    afterPaint: () => afterPaint(100),
  };
}
