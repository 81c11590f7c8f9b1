import type { Table } from 'apache-arrow';
import type { Connector } from '../engine/connector.ts';
import type { BoundSql } from '../engine/sql.ts';

/** Converts a (small, aggregated) result into plain row objects; metric results are a few hundred rows at most. */
export function rowsOf<T>(table: Table): T[] {
  return table.toArray().map((row) => row.toJSON() as T);
}

/** Runs a metric query and returns its rows. */
export async function runMetric<T>(db: Connector, query: BoundSql): Promise<T[]> {
  return rowsOf<T>(await db.query(query.text, query.params));
}

/** The query the SQL console starts with: an example the user edits (it runs read-only). */
export const CONSOLE_EXAMPLE_QUERY = 'SELECT * FROM utbetalningar LIMIT 10';
