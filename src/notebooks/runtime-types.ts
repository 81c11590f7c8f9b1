/**
 * The notebook runtime's public shapes: cell states, snapshots, and what a host (the page, or native
 * DuckDB in the CLI and tests) provides. Kept apart from the scheduler in runtime.ts.
 */
import type { BoundSql } from '../engine/sql.ts';
import type { ManadKind } from './filters.ts';
import type { CellGraph } from './graph.ts';
import type { MetricFilters } from '../metrics/types.ts';
import type { InputValue, JsonValue, MetricSpec, Notebook } from './types.ts';

/** Where a cell is: waiting for its turn, running, done, failed, or not run because a dependency failed. */
export type CellStatus = 'pending' | 'running' | 'ok' | 'error' | 'blocked';

/** The public state of one named cell. */
export interface CellState {
  readonly status: CellStatus;
  /** SQL and chart cells: the host's table; input cells: option values; simulation: the host's result. Kept while a rerun is pending. */
  readonly result?: unknown;
  /** Swedish message for `error` and `blocked`. */
  readonly error?: string;
  /** The failed cell this one waits on. */
  readonly blockedBy?: string;
  /** How many times the cell has been executed, so tests and benchmarks can see what reran. */
  readonly runs: number;
  /** The result is a fast first answer; columns it could not give (distinct counts) are being computed. */
  readonly refining?: boolean;
}

/** A metric answered without the engine (the crossfilter's fast path); `complete` false: SQL follows. */
export interface FastAnswer<T> {
  readonly result: T;
  readonly complete: boolean;
}

/** An immutable view of the runtime, replaced on every change; a Svelte store can hold it as-is. */
export interface RuntimeSnapshot {
  readonly inputs: Readonly<Record<string, InputValue>>;
  readonly cells: Readonly<Record<string, CellState>>;
  readonly running: boolean;
}

/** What a simulation cell asks the host to run; the host loads the file and applies `overrides` (see `applyOverrides`). */
export interface SimulationRequest {
  readonly cell: string;
  readonly scenarioFile?: string;
  readonly scenario?: JsonValue;
  /** Dot path in the scenario → the bound input's current value. */
  readonly overrides: Readonly<Record<string, InputValue>>;
  /** Bokslut month (`YYYY-MM`) of a `forecast:` cell: calibrate up to it, simulate the rest of the year (see `sim-forecast.ts`). */
  readonly forecastTo?: string;
}

/** The services a runtime needs from its host: the database and, optionally, the simulation. */
export interface RuntimeHost<T> {
  /** Runs one compiled statement; `signal` aborts when the result is no longer wanted. */
  runSql(query: BoundSql, signal: AbortSignal): Promise<T>;
  runSimulation?(request: SimulationRequest, signal: AbortSignal): Promise<unknown>;
  /** How `manad` is stored in the data; 'date' makes `${filters}` use a fast date range. */
  readonly manadKind?: ManadKind;
  /** The metrics layer's query for a metric cell (e.g. `metricCellSql` with the prepared model). */
  metricSql?(spec: MetricSpec, filters: MetricFilters): BoundSql;
  /**
   * Answers a metric cell at once from pre-aggregated data when it can (null: run its SQL). An
   * incomplete answer is shown first and replaced by the SQL's after the other cells have redrawn.
   */
  fastMetric?(spec: MetricSpec, filters: MetricFilters): FastAnswer<T> | null;
  /** Option values from an options query's result; by default the `value` column of an Arrow-like table. */
  optionsOf?(result: T): string[];
  /**
   * Resolves once the page has painted what the runtime just settled (the browser: after the next
   * frame). When a scheduling pass answered metrics fast, the statements it started wait for this,
   * so the fast figures are drawn first and sending statements never delays them; until then the
   * cells still waiting keep their last settled state in the snapshot (the same object), so that
   * frame redraws only the fast figures. Absent: at once.
   */
  afterPaint?(): Promise<void>;
}

/** A notebook's live state: input values, cell results, and the scheduler that keeps them in step. */
export interface Runtime {
  snapshot(): RuntimeSnapshot;
  /** Called after every change with the new snapshot; returns the unsubscribe function. */
  subscribe(listener: (snapshot: RuntimeSnapshot) => void): () => void;
  /** Sets an input (throws a Swedish error on a bad value) and marks its dependants dirty; call `run()` to recompute. */
  setInput(name: string, value: InputValue): void;
  /** `setInput` for each and `run`, with one snapshot for all, so listeners never see the dependants pending for nothing. */
  setInputsAndRun(changes: Readonly<Record<string, InputValue>>): Promise<void>;
  /** Runs every dirty cell in dependency order, independent ones concurrently; resolves when nothing is dirty. */
  run(): Promise<void>;
  /** Marks cells (all when omitted) and their dependants dirty, e.g. after new data is loaded. */
  invalidate(names?: readonly string[]): void;
  /** Swaps in an edited notebook; changed cells and their dependants become dirty, unchanged results stay. */
  replaceNotebook(next: Notebook): void;
  /** Times a cell has executed. */
  executions(name: string): number;
  /** Stops a running cell (the user's "Avbryt"): it fails with a Swedish message until it is run again. */
  cancel(name: string): void;
  readonly graph: CellGraph;
  dispose(): void;
}
