import type { Table } from 'apache-arrow';
import type { Connector, SqlValue } from '../engine/connector.ts';
import { QueryError } from '../engine/index.ts';

/** A query's state for a component: running, its Arrow result, or DuckDB's error and the SQL. */
export class QueryState {
  running = $state(false);
  table = $state.raw<Table | null>(null);
  error = $state<{ message: string; sql: string } | null>(null);
  private generation = 0;

  /** `run` replaces `db.query`, e.g. with `queryReadOnly` for SQL the user typed. */
  constructor(
    db: Connector,
    private readonly runner: (sql: string, params: readonly SqlValue[]) => Promise<Table> = (sql, params) => db.query(sql, params),
  ) {}

  /** Runs the query text; a result that arrives after a newer run started is dropped (last one wins). */
  async run(sql: string, params: readonly SqlValue[] = []): Promise<void> {
    const mine = ++this.generation;
    this.running = true;
    try {
      const table = await this.runner(sql, params);
      if (mine !== this.generation) return;
      this.table = table;
      this.error = null;
    } catch (error) {
      if (mine !== this.generation) return;
      this.table = null;
      this.error = { message: error instanceof Error ? error.message : String(error), sql: error instanceof QueryError ? error.sql : sql };
    } finally {
      if (mine === this.generation) this.running = false;
    }
  }
}
