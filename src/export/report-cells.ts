/**
 * A chart cell's Arrow result as protected report parts: a KPI figure, a table, or the series of a
 * line or bar chart. Which columns are counts, amounts or shares follows the metrics layer's column
 * names (docs/metrics.md); a table's group size is its households column when it has one.
 */
import type { Table } from 'apache-arrow';
import type { ChartSpec, Format } from '../notebooks/index.ts';
import type { ReportColumn, ReportFigure, ReportTable } from '../format/report.ts';
import { countCell, isSmallCount, protectBreakdown, protectedCell, protectFigure, protectionNote, protectSeries, PROTECTED_TEXT, shownCell, smallCountText, type BreakdownColumn, type FigureRole, type SuppressionOptions } from '../format/suppression.ts';
import { columnLabel } from '../format/column-labels.ts';
import { formatKr, formatMnkr, formatMonth, formatNumber, formatPercent, formatTkr, MISSING } from '../format/sv.ts';

/** A line or bar chart's data, protected: small groups' points are null. */
export interface ChartSeries {
  /** Category or month labels in words ("jan. 2025"). */
  readonly labels: readonly string[];
  readonly series: readonly { readonly name: string; readonly values: readonly (number | null)[] }[];
  readonly format: Format | undefined;
  /** Points left out because their group is small. */
  readonly protectedCount: number;
}

/** Options for a report part: the small-count rules plus the households of the whole (filtered) report. */
export interface PartOptions extends SuppressionOptions {
  /** Fewest households in any month of the filtered report; 1 to T − 1 protects every count and amount. */
  readonly reportGroupSize?: number | null;
}

/** Columns holding households, in the order a table's group size is looked for. */
const GROUP_COLUMNS = ['avg_households', 'households'];

/** Text of a number in a chart cell's `format:`. */
export function formatFor(format: Format | undefined): (v: number) => string {
  switch (format) {
    case 'kr':
      return formatKr;
    case 'tkr':
      return formatTkr;
    case 'mnkr':
      return formatMnkr;
    case 'count':
      return (v) => formatNumber(Math.round(v));
    case 'percent':
      return (v) => formatPercent(v, 1);
    default:
      return (v) => formatNumber(v, Number.isInteger(v) ? 0 : 1);
  }
}

/** A column's values as plain JS values (64-bit integers as numbers, dates as YYYY-MM-DD). */
export function values(table: Table, name: string): unknown[] {
  const child = table.getChild(name);
  if (!child) throw new Error(`Kolumnen "${name}" finns inte i resultatet.`);
  return Array.from({ length: child.length }, (_, i) => {
    const v: unknown = child.get(i);
    if (typeof v === 'bigint') return Number(v);
    if (v instanceof Date) return v.toISOString().slice(0, 10);
    return v;
  });
}

function numbers(table: Table, name: string): (number | null)[] {
  return values(table, name).map((v) => (typeof v === 'number' && Number.isFinite(v) ? v : null));
}

function groupSizes(table: Table): (number | null)[] | null {
  const name = GROUP_COLUMNS.find((c) => table.getChild(c));
  return name ? numbers(table, name) : null;
}

/** A metric column's role: counts of households or persons, shares and rates, or attributes (amounts, durations). */
export function roleOf(column: string, format: Format | undefined): FigureRole {
  if (/(_share|_rate)$/.test(column) || format === 'percent') return 'share';
  if (format === 'count') return 'count';
  return 'attribute';
}

const label = (v: unknown) => (typeof v === 'string' && /^\d{4}-\d{2}$/.test(v) ? formatMonth(v) : String(v ?? MISSING));
const percentPoints = (now: number, before: number) => {
  const d = (now - before) * 100;
  return `${d > 0 ? '+' : d < 0 ? '\u2212' : '±'}${formatNumber(Math.abs(d), 1)}\u00a0p.e.`;
};

/** The KPI of `spec`: the last row's value, with its change against the month before and the same month a year before. */
export function kpiFigure(spec: ChartSpec, table: Table, options: SuppressionOptions = {}): ReportFigure {
  const ys = numbers(table, spec.y!);
  const sizes = groupSizes(table);
  const n = ys.length;
  const at = spec.x && n > 0 ? label(values(table, spec.x)[n - 1]) : null;
  const role = roleOf(spec.y!, spec.format);
  const format = formatFor(spec.format);
  const base = {
    label: `${spec.title ?? spec.y}${at ? `, ${at}` : ''}`,
    role,
    value: ys[n - 1] ?? null,
    groupSize: sizes ? (sizes[n - 1] ?? null) : role === 'count' ? (ys[n - 1] ?? null) : null,
    format,
    ...(spec.format === 'percent' ? { formatChange: percentPoints } : {}),
  };
  const against = (k: number, suffix: string) =>
    protectFigure({ ...base, previous: ys[n - 1 - k] ?? null, previousGroupSize: sizes ? (sizes[n - 1 - k] ?? null) : role === 'count' ? (ys[n - 1 - k] ?? null) : null, changeSuffix: suffix }, options);
  const first = protectFigure(base, options);
  const changes = [n >= 2 ? against(1, 'mot föregående månad').change : undefined, n >= 13 ? against(12, 'mot samma månad förra året').change : undefined].filter((c): c is string => c !== undefined);
  return changes.length ? { ...first, change: changes.join('; ') } : first;
}

function columnKind(format: Format | undefined): ReportColumn['kind'] {
  if (format === 'kr' || format === 'tkr' || format === 'mnkr') return 'kr';
  if (format === 'percent') return 'share';
  if (format === 'count') return 'count';
  return 'number';
}

/** A table chart (`y:` lists its columns) as a protected ReportTable; text columns are labels. */
export function resultTable(spec: ChartSpec, table: Table, options: PartOptions = {}): ReportTable {
  const names = (spec.y ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const cols = names.length ? names : table.schema.fields.map((f) => f.name);
  const data = cols.map((c) => values(table, c));
  const textual = data.map((vs) => vs.every((v) => v === null || typeof v === 'string'));
  const columns: BreakdownColumn[] = cols.map((c, j) => {
    if (textual[j]) return { label: columnLabel(c), kind: data[j]!.every((v) => v === null || /^\d{4}-\d{2}$/.test(String(v))) ? 'month' : 'text', role: 'label' };
    const role = roleOf(c, spec.format);
    return { label: columnLabel(c), kind: columnKind(spec.format), decimals: spec.format === 'percent' ? 1 : 0, role: role === 'attribute' ? 'attribute' : role, format: formatFor(spec.format) };
  });
  const rows = Array.from({ length: table.numRows }, (_, r) => data.map((vs) => (vs[r] ?? null) as number | string | null));
  const groupColumn = cols.findIndex((c) => GROUP_COLUMNS.includes(c));
  const title = spec.title ?? spec.data;
  if (groupColumn >= 0) return protectBreakdown({ title, columns, rows, groupColumn, reportGroupSize: options.reportGroupSize ?? null }, options);
  // Without a households column the rows are not groups (e.g. budget lines): counts still show "<5",
  // and a report filtered down to a small group protects every figure (its amounts are the group's).
  const whole = isSmallCount(options.reportGroupSize, options);
  return {
    title,
    ...(whole ? { notes: [protectionNote(options)] } : {}),
    columns: columns.map(({ label: l, kind, decimals }) => ({ label: l, kind, ...(decimals === undefined ? {} : { decimals }) })),
    rows: rows.map((row) =>
      row.map((v, j) => {
        const c = columns[j]!;
        if (c.role === 'label') return shownCell(v, label(v));
        if (typeof v !== 'number') return shownCell(null, MISSING);
        if (whole) return protectedCell(c.role === 'count' && isSmallCount(v, options) ? smallCountText(options) : PROTECTED_TEXT);
        return c.role === 'count' ? countCell(v, options, c.format) : shownCell(v, c.format!(v));
      }),
    ),
  };
}

/** A line/bar/area chart's series, with small groups' points left out. */
export function chartSeries(spec: ChartSpec, table: Table, options: PartOptions = {}): ChartSeries {
  const ys = (spec.y ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const sizes = groupSizes(table);
  // Axis labels are short ("jan. 2025"); the long form would crowd a slide's axis.
  const labels = spec.x ? values(table, spec.x).map((v) => (typeof v === 'string' && /^\d{4}-\d{2}$/.test(v) ? formatMonth(v, 'short') : label(v))) : Array.from({ length: table.numRows }, (_, i) => String(i + 1));
  let protectedCount = 0;
  const series = ys.map((y) => {
    const raw = numbers(table, y);
    const own = roleOf(y, spec.format) === 'count' ? raw : raw.map(() => null);
    // A series with its own households column is protected point by point; without one, a report
    // filtered down to a small group protects every point.
    const whole = !sizes && isSmallCount(options.reportGroupSize, options);
    const p = protectSeries(raw, whole ? raw.map(() => options.reportGroupSize!) : (sizes ?? own), options);
    protectedCount += p.protectedCount;
    return { name: columnLabel(y), values: p.values };
  });
  return { labels, series, format: spec.format, protectedCount };
}
