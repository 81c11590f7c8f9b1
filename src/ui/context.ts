import { getContext, setContext } from 'svelte';
import type { UserSqlConnector } from '../engine/connector.ts';
import type { MetricsState } from './metrics-state.svelte.ts';
import type { FirstScreen } from './first-screen.svelte.ts';

const ENGINE = Symbol('engine');

/** What a page needs from the engine: a ready connector and the name of the loaded data. */
export interface EngineHandle {
  /** The app's own SQL uses `query`; SQL a user wrote (notebooks, console) must use `queryReadOnly`. */
  readonly db: UserSqlConnector;
  readonly source: string;
  /** The months an imported file covers, shown beside its name (absent for the sample). */
  readonly period?: string;
  readonly rows: number;
  /** The prepared metric tables, shared by every page. */
  readonly metrics: MetricsState;
  /** While the engine starts: the pre-computed figures pages may show first (first-screen.svelte.ts). */
  readonly first?: FirstScreen;
  /** Set when the data file could not be loaded: the engine runs without data (see no-data.ts). */
  readonly noData?: DataFailure;
}

/** Why no data is loaded: shown as is, so it must say what was asked for and what went wrong. */
export interface DataFailure {
  readonly title: string;
  readonly message: string;
  /** The file or address part that was asked for. */
  readonly where: string;
}

/** Provides the engine to the component tree (called once, by the app shell). */
export function setEngine(handle: EngineHandle): void {
  setContext(ENGINE, handle);
}

/** Reads the engine from context; throws if a component is used outside the app shell. */
export function getEngine(): EngineHandle {
  const handle = getContext<EngineHandle | undefined>(ENGINE);
  if (!handle) throw new Error('getEngine() utan motor: komponenten måste ligga inom App.');
  return handle;
}
