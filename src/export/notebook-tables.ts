/**
 * The table behind one chart cell's "Ladda ner Excel" and "CSV": a table cell as shown, or the data
 * behind a chart (the controller wants the numbers, not the picture) with its households column,
 * protected by the small-count rules (src/format/suppression.ts).
 */
import type { Table } from 'apache-arrow';
import type { ChartSpec } from '../notebooks/index.ts';
import type { ReportTable } from '../format/report.ts';
import { countCell, protectBreakdown, shownCell, type BreakdownColumn, type SuppressionOptions } from '../format/suppression.ts';
import { columnLabel } from '../format/column-labels.ts';
import { formatMonth, MISSING } from '../format/sv.ts';
import { columnKind, columnRole, formatFor, resultTable } from './result-protection.ts';
import { column as values, columnList, isTable } from './result-data.ts';

/** Columns holding households, in the order a table's group size is looked for. */
const GROUP_COLUMNS = ['avg_households', 'households'];
const isMonthText = (v: unknown) => v === null || /^\d{4}-\d{2}$/.test(String(v));

const list = columnList;

/**
 * The data of a line, area, bar or distribution chart as a table: x (and series) as labels, the
 * charted columns in the chart's format, and the households column when the result has one (it sets
 * the group size). Months are rows of a series, not a breakdown, so only bar charts of categories get
 * complementary protection.
 */
export function chartDataTable(spec: ChartSpec, table: Table, options: SuppressionOptions = {}): ReportTable {
  const labels = [spec.x, spec.series].filter((c): c is string => !!c && table.getChild(c) !== null);
  const ys = list(spec.y).filter((c) => !labels.includes(c));
  const group = GROUP_COLUMNS.find((c) => table.getChild(c) && !ys.includes(c));
  const names = [...labels, ...ys, ...(group ? [group] : [])];
  const data = names.map((c) => values(table, c));
  const columns: BreakdownColumn[] = names.map((c, j) => {
    // The metrics layer names its group column "grupp" whatever it holds; months are called months.
    if (j < labels.length) return data[j]!.every(isMonthText) ? { label: c === 'grupp' ? 'Månad' : columnLabel(c), kind: 'month', role: 'label' } : { label: columnLabel(c), kind: 'text', role: 'label' };
    if (c === group) return { label: columnLabel(c), kind: 'count', role: 'count', decimals: 0 };
    return { label: columnLabel(c), kind: columnKind(spec.format), decimals: spec.format === 'percent' ? 1 : 0, role: columnRole(c, spec.format), format: formatFor(spec.format) };
  });
  const rows = Array.from({ length: table.numRows }, (_, r) => data.map((vs) => (vs[r] ?? null) as number | string | null));
  const title = spec.title ?? spec.data;
  const groupColumn = group ? names.indexOf(group) : ys.findIndex((y) => columnRole(y, spec.format) === 'count') + labels.length;
  const byCategory = spec.type === 'bar' && !spec.series && columns[0]?.kind === 'text';
  if (groupColumn >= labels.length) return protectBreakdown({ title, columns, rows, groupColumn, totalShown: byCategory }, options);
  // No group size to go by (e.g. budget lines in kr): counts still show "<5", amounts as they are.
  return {
    title,
    columns: columns.map(({ label, kind, decimals }) => ({ label, kind, ...(decimals === undefined ? {} : { decimals }) })),
    rows: rows.map((row) =>
      row.map((v, j) => {
        const c = columns[j]!;
        if (c.role === 'label') return shownCell(v, c.kind === 'month' && typeof v === 'string' ? formatMonth(v) : String(v ?? MISSING));
        if (typeof v !== 'number') return shownCell(null, MISSING);
        return c.role === 'count' ? countCell(v, options, c.format) : shownCell(v, c.format!(v));
      }),
    ),
  };
}

/** The table of one chart cell's result: a table cell as shown, another chart's data; KPI cards give none. */
export function chartCellTable(spec: ChartSpec, result: unknown, options: SuppressionOptions = {}): ReportTable | null {
  if (!isTable(result) || spec.type === 'kpi') return null;
  // A histogram's rows may be single households: the file gets only what the chart shows, i.e. nothing row-level.
  if (spec.type === 'distribution' && !spec.x) return null;
  return spec.type === 'table' ? resultTable(spec, result, options) : chartDataTable(spec, result, options);
}
