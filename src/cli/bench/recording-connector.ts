import type { Table } from 'apache-arrow';
import type { Connector, SqlValue } from '../../engine/connector.ts';

/** One statement as a connector received it. */
export interface RecordedStatement {
  text: string;
  params: SqlValue[];
}

/**
 * A `Connector` that passes every statement on to an inner connector and keeps a log of them.
 * The bench records what the metrics layer issues natively (prepareMetrics, kpis, series) and
 * replays exactly that SQL in the browser, so wasm and native are compared on identical text.
 */
export class RecordingConnector implements Connector {
  private log: RecordedStatement[] = [];

  constructor(private readonly inner: Connector) {}

  async query(sql: string, params: readonly SqlValue[] = []): Promise<Table> {
    // Logged before running, so a failing statement still shows up in the recording.
    this.log.push({ text: sql, params: [...params] });
    return this.inner.query(sql, params);
  }

  /** Returns the statements recorded since the last `take()` and starts a new recording. */
  take(): RecordedStatement[] {
    const out = this.log;
    this.log = [];
    return out;
  }

  /** Closes the inner connector. */
  async close(): Promise<void> {
    await this.inner.close();
  }
}

/** Runs `action` on `db` and returns its result with exactly the statements it issued, in order. */
export async function recordStatements<T>(
  db: RecordingConnector,
  action: (db: Connector) => Promise<T>,
): Promise<{ result: T; statements: RecordedStatement[] }> {
  db.take(); // start from an empty log, so earlier statements do not leak into this recording
  const result = await action(db);
  return { result, statements: db.take() };
}
