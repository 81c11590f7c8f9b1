import type { Table } from 'apache-arrow';
import { isCancelled, QueryCancelled, QueryError, throwIfAborted, type SqlValue } from './connector.ts';

/**
 * SQL written by a user — a notebook cell, an input's options query, the SQL console — may read the
 * loaded data and the prepared tables but never change them: a shared notebook could otherwise replace
 * `utbetalningar` and silently change every page's figures. Two layers, both here so there is one guard:
 *
 * 1. Only statements that start like a query are accepted (`allowedStart`), so `DROP`, `ATTACH`, `SET`,
 *    `COPY`, `INSTALL` … get a clear Swedish refusal before the engine sees them.
 * 2. What passes runs as ONE prepared statement (no `SELECT 1; DROP …`) on a connection of its own, inside
 *    `BEGIN TRANSACTION READ ONLY` that is always rolled back. DuckDB itself then refuses any write that
 *    hides in an accepted statement (`WITH … INSERT`, `EXPLAIN ANALYZE CREATE …`).
 *
 * Network and file access are switched off separately, for all SQL, by the connector (see docs/security.md).
 */

/** Statement starts that only read. PRAGMA and CALL are left out because some of them change settings. */
const READING_STARTS = ['SELECT', 'WITH', 'FROM', 'VALUES', 'TABLE', 'DESCRIBE', 'SUMMARIZE', 'SHOW', 'EXPLAIN', 'PIVOT', 'UNPIVOT'];

/** The refusal shown for a statement that would write or reach outside the loaded data. */
export const READ_ONLY_REFUSAL =
  'Anteckningsböcker och SQL-konsolen kan bara läsa data (SELECT, WITH, DESCRIBE, SUMMARIZE, EXPLAIN, SHOW). ' +
  'Frågan skulle ändra databasen eller nå utanför den, och kördes inte; inläst data och beräknade tabeller är oförändrade.';

/** The refusal shown when SQL tries to open a file, a URL or an extension (the connector switched that off). */
export const NO_EXTERNAL_ACCESS =
  'Frågor får inte läsa eller skriva filer eller webbadresser: all data stannar i webbläsaren. Använd tabellerna som redan är inlästa.';

/** The first keyword of `sql` after comments, whitespace and opening parentheses, upper-cased ('' if none). */
export function firstKeyword(sql: string): string {
  let i = 0;
  for (;;) {
    const rest = sql.slice(i);
    const skip = /^(\s+|\(|--[^\n]*(\n|$)|\/\*[\s\S]*?\*\/)/.exec(rest);
    if (!skip) break;
    i += skip[0].length;
  }
  return /^[A-Za-z_]+/.exec(sql.slice(i))?.[0].toUpperCase() ?? '';
}

/** Whether `sql` starts like a reading statement (layer 1 above). */
export function allowedStart(sql: string): boolean {
  return READING_STARTS.includes(firstKeyword(sql));
}

/** Runs one prepared statement on the connection reserved for user SQL; stops it when `signal` aborts. */
export type PreparedRun = (sql: string, params: readonly SqlValue[], signal?: AbortSignal) => Promise<Table>;
/** Runs a plain control statement (BEGIN, ROLLBACK) on that same connection. */
export type ControlRun = (sql: string) => Promise<unknown>;

/**
 * Runs user SQL read-only (layer 2 above). Calls are queued, because a transaction belongs to the
 * connection and two overlapping calls would otherwise share one.
 */
export class ReadOnlyRunner {
  private tail: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly prepared: PreparedRun,
    private readonly control: ControlRun,
  ) {}

  query(sql: string, params: readonly SqlValue[] = [], signal?: AbortSignal): Promise<Table> {
    if (!allowedStart(sql)) return Promise.reject(new QueryError(READ_ONLY_REFUSAL, sql));
    // A call cancelled while it waits in the queue never reaches the engine.
    const result = this.tail.then(() => {
      throwIfAborted(signal, sql);
      return this.inTransaction(sql, params, signal);
    });
    this.tail = result.catch(() => undefined);
    return result;
  }

  private async inTransaction(sql: string, params: readonly SqlValue[], signal?: AbortSignal): Promise<Table> {
    await this.control('BEGIN TRANSACTION READ ONLY');
    try {
      return await this.prepared(sql, params, signal);
    } catch (error) {
      if (isCancelled(error)) throw error;
      if (signal?.aborted) throw new QueryCancelled(sql);
      const message = error instanceof Error ? error.message : String(error);
      // DuckDB's own refusal of a hidden write is replaced by the Swedish one, keeping its text as the detail.
      if (/read-only mode|read only mode|read-only transaction/i.test(message)) {
        throw new QueryError(`${READ_ONLY_REFUSAL} (${message.split('\n')[0]})`, sql);
      }
      if (/file system operations are disabled|external extensions is disabled|disabled by configuration/i.test(message)) {
        throw new QueryError(`${NO_EXTERNAL_ACCESS} (${message.split('\n')[0]})`, sql);
      }
      if (/Cannot prepare multiple statements/i.test(message)) {
        throw new QueryError('Skriv en sats i taget: flera satser efter varandra (åtskilda med ;) körs inte här.', sql);
      }
      throw error instanceof QueryError ? error : new QueryError(message, sql);
    } finally {
      // The statement may have ended the transaction itself; there is then nothing to roll back.
      await this.control('ROLLBACK').catch(() => undefined);
    }
  }
}
