/**
 * Decoded columns per result table, shared by whoever reads a table as plain values (src/export/result-data.ts)
 * and whoever builds one from plain values (the month cube). A crossfilter update redraws KPI cards and charts
 * whose table did not change, and the report and downloads read the same columns again; decoding text value by
 * value each time was a large part of a redraw (docs/bench.md, "Korsfilter och Nyckeltal"). Arrow tables are not
 * changed after they are made, so a table's decoded column stays valid for its lifetime.
 */
import type { Table } from 'apache-arrow';

const decoded = new WeakMap<Table, Map<string, unknown[]>>();

/** The column's plain values, decoded once per table; the caller gets its own copy to sort or fill. */
export function decodedColumn(table: Table, name: string, decode: () => unknown[]): unknown[] {
  let byName = decoded.get(table);
  if (!byName) decoded.set(table, (byName = new Map()));
  let values = byName.get(name);
  if (!values) byName.set(name, (values = decode()));
  return values.slice();
}

/**
 * Records the plain values a table was just built from, so its first reader need not decode them again
 * (a brush's KPI cards read a new cube table each time). `values` must be what decoding the column gives.
 */
export function seedDecodedColumn(table: Table, name: string, values: unknown[]): void {
  let byName = decoded.get(table);
  if (!byName) decoded.set(table, (byName = new Map()));
  byName.set(name, values);
}
