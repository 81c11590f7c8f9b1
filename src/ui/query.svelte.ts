import type { Table } from 'apache-arrow';
import { isCancelled, QueryChannel, QueryError, type UserSqlConnector } from '../engine/index.ts';
import type { SqlValue } from '../engine/connector.ts';

/**
 * A query's state for a component: running, its Arrow result, or DuckDB's error and the SQL. The
 * previous result stays while a new one is computed (`running` says the figures are being replaced,
 * so the view marks them "räknar …" instead of blanking them), and only the latest request is
 * delivered: a new `run` or `cancel()` stops the one before it in the engine where it can.
 */
export class QueryState {
  running = $state(false);
  table = $state.raw<Table | null>(null);
  error = $state<{ message: string; sql: string } | null>(null);
  /** True after the user stopped the last query (`cancel`), until the next run. */
  cancelled = $state(false);
  private readonly channel: QueryChannel;

  /** `readOnly` for SQL the user typed: it may read the data but never change it. */
  constructor(
    db: UserSqlConnector,
    private readonly options: { readOnly?: boolean } = {},
  ) {
    this.channel = new QueryChannel(db);
  }

  /** Runs the query text; a result that a newer run superseded is dropped (last one wins). */
  async run(sql: string, params: readonly SqlValue[] = []): Promise<void> {
    this.running = true;
    this.cancelled = false;
    try {
      this.table = await this.channel.run(sql, params, { readOnly: this.options.readOnly === true });
      this.error = null;
      this.running = false;
    } catch (error) {
      // Superseded by a newer run (which owns `running` now) or stopped by the user (cancel set the state).
      if (isCancelled(error)) return;
      this.table = null;
      this.error = { message: error instanceof Error ? error.message : String(error), sql: error instanceof QueryError ? error.sql : sql };
      this.running = false;
    }
  }

  /** Stops the running query (the "Avbryt" button); the previous result stays, marked as not updated. */
  cancel(): void {
    if (!this.running) return;
    this.channel.cancel();
    this.running = false;
    this.cancelled = true;
  }
}
