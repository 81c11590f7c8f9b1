import type { Table } from 'apache-arrow';
import { isCancelled, QueryCancelled, QueryError, type QueryOptions, type SqlValue, type UserSqlConnector } from './connector.ts';
import { allowedStart, firstKeyword } from './read-only.ts';

/** Results kept by default: a few pages' figures and a notebook's cells under a handful of filter states. */
const DEFAULT_ENTRIES = 400;

/** Counters a test or the bench reads to see whether an answer came from the cache. */
export interface CacheStats {
  hits: number;
  misses: number;
}

/**
 * The one query client every page uses (Nyckeltal, Översikt, notebooks, the SQL console): a
 * `UserSqlConnector` in front of the engine's, so it can be handed to any code that takes one.
 *
 * - **Cache keyed by the bound SQL**: a reading statement's result is kept under its text and bound
 *   values (and whether it ran as user SQL), so a filter set back, a brush returned to a range seen
 *   before or a page opened again answers without the engine. Any other statement (a table or view
 *   built, the budget loaded, the metrics model switched) empties the cache first and afterwards,
 *   because it may change what every cached statement reads; `invalidate()` does the same by hand.
 * - **Cancellation**: `options.signal` goes to the engine (user SQL is interrupted where it runs,
 *   the app's short statements are not sent at all once aborted).
 * - **Last request wins** per figure: `channel()` gives a caller whose every new request aborts the
 *   one before it.
 * - **No CHECKPOINT while user SQL runs**: user SQL holds a read-only transaction on its own
 *   connection while its pending query runs in slices; a CHECKPOINT sent then waits for that
 *   transaction inside the engine, and DuckDB-WASM has one thread, so neither ever finishes and every
 *   later statement waits behind them (a notebook that never settled, about one report in eight).
 *   Such a CHECKPOINT is refused at once instead; checkpoint.ts tries again later or leaves it.
 */
export class QueryClient implements UserSqlConnector {
  readonly stats: CacheStats = { hits: 0, misses: 0 };
  private readonly cache = new Map<string, Table>();
  /** Bumped by every invalidation: a result that started before it is not stored. */
  private epoch = 0;
  /** User SQL sent to the engine and not yet settled (its transaction may be open). */
  private userSqlRunning = 0;

  constructor(
    private readonly engine: UserSqlConnector,
    private readonly maxEntries = DEFAULT_ENTRIES,
  ) {}

  query(sql: string, params: readonly SqlValue[] = [], options: QueryOptions = {}): Promise<Table> {
    return this.run(false, sql, params, options);
  }

  queryReadOnly(sql: string, params: readonly SqlValue[] = [], options: QueryOptions = {}): Promise<Table> {
    return this.run(true, sql, params, options);
  }

  /** Drops every cached result (new data, a new model, a new budget). */
  invalidate(): void {
    this.epoch++;
    this.cache.clear();
  }

  /** A request slot where the latest request wins: each `run` cancels the one before it. */
  channel(): QueryChannel {
    return new QueryChannel(this);
  }

  close(): Promise<void> {
    this.invalidate();
    return this.engine.close();
  }

  private async run(readOnly: boolean, sql: string, params: readonly SqlValue[], options: QueryOptions): Promise<Table> {
    if (options.signal?.aborted) throw new QueryCancelled(sql);
    const reading = allowedStart(sql);
    if (!reading) {
      if (!readOnly && this.userSqlRunning > 0 && firstKeyword(sql) === 'CHECKPOINT') {
        throw new QueryError('CHECKPOINT kördes inte: en fråga från en anteckningsbok eller SQL-konsolen pågår.', sql);
      }
      // A write may change what any cached statement reads, also while it runs.
      this.invalidate();
      try {
        return await this.send(readOnly, sql, params, options);
      } finally {
        this.invalidate();
      }
    }
    const key = cacheKey(readOnly, sql, params);
    const hit = this.cache.get(key);
    if (hit) {
      this.stats.hits++;
      // Re-inserted so the map's order is least recently used first.
      this.cache.delete(key);
      this.cache.set(key, hit);
      return hit;
    }
    this.stats.misses++;
    const epoch = this.epoch;
    const table = await this.send(readOnly, sql, params, options);
    if (epoch === this.epoch) {
      this.cache.set(key, table);
      if (this.cache.size > this.maxEntries) this.cache.delete(this.cache.keys().next().value!);
    }
    return table;
  }

  /** To the engine, counting user SQL while it runs (see the CHECKPOINT rule above). */
  private async send(readOnly: boolean, sql: string, params: readonly SqlValue[], options: QueryOptions): Promise<Table> {
    if (!readOnly) return this.engine.query(sql, params, options);
    this.userSqlRunning++;
    try {
      return await this.engine.queryReadOnly(sql, params, options);
    } finally {
      this.userSqlRunning--;
    }
  }
}

/** The cache key: the statement as the engine binds it (text and values, in order) and how it runs. */
export function cacheKey(readOnly: boolean, sql: string, params: readonly SqlValue[]): string {
  return `${readOnly ? 'user' : 'app'}\u0000${sql}\u0000${JSON.stringify(params)}`;
}

/**
 * One figure's requests: a new one cancels the previous, so only the latest result is ever delivered.
 * Works over any connector; over a `QueryClient` it also gets the cache.
 */
export class QueryChannel {
  private controller: AbortController | null = null;

  constructor(private readonly client: UserSqlConnector) {}

  /** Runs the statement; rejects with `QueryCancelled` when a newer `run` or `cancel()` superseded it. */
  async run(sql: string, params: readonly SqlValue[] = [], options: { readOnly?: boolean; signal?: AbortSignal } = {}): Promise<Table> {
    this.controller?.abort();
    const controller = new AbortController();
    this.controller = controller;
    const signal = options.signal ? AbortSignal.any([controller.signal, options.signal]) : controller.signal;
    try {
      const table = await (options.readOnly ? this.client.queryReadOnly(sql, params, { signal }) : this.client.query(sql, params, { signal }));
      // A statement that could not be interrupted still finishes: its result is not delivered.
      if (controller.signal.aborted) throw new QueryCancelled(sql);
      return table;
    } catch (error) {
      if (controller.signal.aborted && !isCancelled(error)) throw new QueryCancelled(sql);
      throw error;
    } finally {
      if (this.controller === controller) this.controller = null;
    }
  }

  /** Whether a request is running. */
  get busy(): boolean {
    return this.controller !== null;
  }

  /** Stops the running request (the user's "Avbryt"). */
  cancel(): void {
    this.controller?.abort();
    this.controller = null;
  }
}
