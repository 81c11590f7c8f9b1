/** Reading a cell's Arrow result for display: columns as plain values, formats via src/format/sv.ts. */
import type { Table } from 'apache-arrow';
import type { Format } from '../notebooks/index.ts';
import { cachedColumn, decodedColumn } from '../engine/decoded-columns.ts';
import { formatChange, formatCount, formatKr, formatMnkr, formatNumber, formatPercent, formatTkr, MISSING } from '../format/sv.ts';

/** A formatter for a cell's `format:` key; numbers without one get sv-SE grouping and up to one decimal. */
export function formatterFor(format: Format | undefined): (v: number) => string {
  switch (format) {
    case 'kr':
      return formatKr;
    case 'tkr':
      return formatTkr;
    case 'mnkr':
      return formatMnkr;
    case 'count':
      return (v) => formatCount(Math.round(v));
    case 'percent':
      return (v) => formatPercent(v, 1);
    default:
      return (v) => formatNumber(v, Number.isInteger(v) ? 0 : 1);
  }
}

/**
 * The same formats without small-count suppression: for axis ticks, for differences of two shown
 * counts, and for figures already protected (result-protection.ts) — never for raw counts.
 */
export function plainFormatterFor(format: Format | undefined): (v: number) => string {
  // Ticks between whole counts (0,2 … 1 on a flat chart) keep their decimal rather than all reading "0" or "1".
  return format === 'count' ? (v) => formatNumber(v, Number.isInteger(v) ? 0 : 1) : formatterFor(format);
}

/** A plain JS value from an Arrow cell: 64-bit integers as numbers, dates as `YYYY-MM-DD`. */
export function plain(value: unknown): unknown {
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return value;
}

/** Is `result` an Arrow table (as SQL and metric cells give)? */
export function isTable(result: unknown): result is Table {
  return typeof result === 'object' && result !== null && typeof (result as Table).getChild === 'function' && 'numRows' in result;
}

/** Column names of a table. */
export function columnNames(table: Table): string[] {
  return table.schema.fields.map((f) => f.name);
}

/** One column's values as plain JS values; throws a Swedish error naming the missing column. */
export function column(table: Table, name: string): unknown[] {
  return decodedColumn(table, name, () => {
    const child = table.getChild(name);
    if (!child) throw new Error(`Kolumnen "${name}" finns inte i resultatet (finns: ${columnNames(table).join(', ')}).`);
    // get(i) honours the validity bitmap; toArray() would show whatever bytes sit under a NULL.
    return Array.from({ length: child.length }, (_, i) => plain(child.get(i)));
  });
}

/** One column as numbers (null where empty or not a number), derived once per table from the decoded column. */
export function numbers(table: Table, name: string): (number | null)[] {
  return cachedColumn(table, `numbers ${name}`, () =>
    column(table, name).map((v) => (typeof v === 'number' && Number.isFinite(v) ? v : v === null || v === undefined ? null : Number.isFinite(Number(v)) ? Number(v) : null)),
  );
}

/** `y: a, b` names several columns. */
export function columnList(spec: string | undefined): string[] {
  return (spec ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');
}

/** Long to wide: one series per distinct `series` value, over the distinct x labels in first-seen order. */
export function pivot(table: Table, x: string, series: string, y: string): { labels: string[]; series: { label: string; values: (number | null)[] }[] } {
  const xs = column(table, x).map(String);
  const ss = column(table, series).map((v) => (v === null ? MISSING : String(v)));
  const ys = numbers(table, y);
  const labels = [...new Set(xs)];
  const names = [...new Set(ss)];
  const at = new Map(labels.map((l, i) => [l, i]));
  const out = names.map((label) => ({ label, values: labels.map((): number | null => null) }));
  xs.forEach((l, i) => {
    out[names.indexOf(ss[i]!)]!.values[at.get(l)!] = ys[i]!;
  });
  return { labels, series: out };
}

/** A change as text: the difference in the figure's format and, when meaningful, in percent. */
export function changeText(value: number | null, before: number | null, format: Format | undefined): string {
  if (value === null || before === null) return MISSING;
  const diff = value - before;
  if (format === 'percent') return `${formatChange(diff * 100)}${'\u00a0'}p.e.`.replace(/(\d)\u00a0p/, '$1\u00a0p');
  // A difference of two shown counts is not itself a count of a group: +3 is "+3", never "+<5".
  const f = plainFormatterFor(format);
  const sign = diff > 0 ? '+' : diff < 0 ? '\u2212' : '±';
  const rel = before !== 0 ? ` (${formatChange(diff / Math.abs(before), 'percent')})` : '';
  return `${sign}${f(Math.abs(diff))}${rel}`;
}
