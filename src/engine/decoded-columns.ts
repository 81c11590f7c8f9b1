/**
 * Decoded columns per result table, shared by whoever reads a table as plain values (src/export/result-data.ts)
 * and whoever builds one from plain values (the month cube). A crossfilter update redraws KPI cards and charts
 * whose table did not change, and the report and downloads read the same columns again; decoding text value by
 * value each time was a large part of a redraw (docs/bench.md, "Korsfilter och Nyckeltal"). Arrow tables are not
 * changed after they are made, so whatever is derived from a table's column stays valid for the table's lifetime.
 */
import type { Table } from 'apache-arrow';

/** Per table: derived columns by key (`plain <name>` for decoded values, other kinds by their readers). */
const derived = new WeakMap<Table, Map<string, unknown[]>>();

function columnsOf(table: Table): Map<string, unknown[]> {
  let byKey = derived.get(table);
  if (!byKey) derived.set(table, (byKey = new Map()));
  return byKey;
}

/**
 * A column-shaped value derived from `table` once per table and `key`. The caller gets its own copy, since
 * callers sort or fill the array they get and that must not change the next reader's.
 */
export function cachedColumn<T>(table: Table, key: string, derive: () => T[]): T[] {
  const byKey = columnsOf(table);
  let values = byKey.get(key) as T[] | undefined;
  if (!values) byKey.set(key, (values = derive()));
  return values.slice();
}

/** The column's plain values, decoded once per table. */
export function decodedColumn(table: Table, name: string, decode: () => unknown[]): unknown[] {
  return cachedColumn(table, `plain ${name}`, decode);
}

/**
 * Records the plain values a table was just built from, so its first reader need not decode them again
 * (a brush's KPI cards read a new cube table each time). `values` must be what decoding the column gives.
 */
export function seedDecodedColumn(table: Table, name: string, values: unknown[]): void {
  columnsOf(table).set(`plain ${name}`, values);
}
