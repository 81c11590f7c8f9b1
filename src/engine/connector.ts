import type { Table } from 'apache-arrow';

/** A value that may be bound to a `?` placeholder. Never concatenated into SQL text. */
export type SqlValue = string | number | boolean | null;

/** How a caller can stop a statement whose result it no longer wants. */
export interface QueryOptions {
  /** Aborting rejects the call with a `QueryCancelled`; a statement not yet started is never sent. */
  readonly signal?: AbortSignal;
}

/**
 * The one database boundary. The DuckDB-WASM adapter, the native Node adapter and test fakes
 * implement it; nothing else in the app talks to DuckDB.
 */
export interface Connector {
  /** Runs one statement with `?` placeholders bound to `params`; the result stays an Arrow table. */
  query(sql: string, params?: readonly SqlValue[], options?: QueryOptions): Promise<Table>;
  /** Releases the engine. */
  close(): Promise<void>;
}

/**
 * A connector that can also run SQL a user wrote (notebook cells, the SQL console) read-only:
 * such SQL can read the loaded data and prepared tables but never change them (see read-only.ts).
 */
export interface UserSqlConnector extends Connector {
  /** Runs one reading statement; a write or a non-reading statement fails with a Swedish `QueryError`. */
  queryReadOnly(sql: string, params?: readonly SqlValue[], options?: QueryOptions): Promise<Table>;
}

/** An error from the engine, carrying DuckDB's own message and the SQL that failed. */
export class QueryError extends Error {
  constructor(
    message: string,
    readonly sql: string,
  ) {
    super(message);
    this.name = 'QueryError';
  }
}

/** The Swedish message of a statement stopped because its result was no longer wanted. */
export const CANCELLED_MESSAGE = 'Frågan avbröts.';

/** A statement stopped by its caller (the user's "Avbryt", or a newer request for the same figure). */
export class QueryCancelled extends QueryError {
  constructor(sql: string) {
    super(CANCELLED_MESSAGE, sql);
    this.name = 'QueryCancelled';
  }
}

/** Whether `error` is a cancellation rather than a failure (a caller shows no error for it). */
export function isCancelled(error: unknown): error is QueryCancelled {
  return error instanceof QueryCancelled;
}

/** Rejects at once when `signal` is already aborted, so a superseded statement is never sent. */
export function throwIfAborted(signal: AbortSignal | undefined, sql: string): void {
  if (signal?.aborted) throw new QueryCancelled(sql);
}

/** Table and column names are identifiers, not values: only plain ASCII names are accepted. */
export function toIdentifier(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`Ogiltigt namn på tabell eller kolumn: ${name}`);
  return `"${name}"`;
}
