/**
 * Small-count protection for notebook results (docs/metrics.md, "Små antal"): a metric cell's table says
 * which columns are counts, amounts and shares by their names, and its `households` column gives each
 * row's group; a user's own SQL is protected by its `format:` (counts 1–4 as "<5"). The one path: the
 * page's tables, KPI cards and charts and the report model (presentation, PPTX, XLSX, CSV, PDF) all read
 * their figures through here, so what one hides another cannot show.
 */
import type { Table } from 'apache-arrow';
import type { ChartSpec, Format } from '../notebooks/index.ts';
import { columnLabel } from '../format/column-labels.ts';
import { isSmallCount, protectBreakdown, protectFigure, type BreakdownColumn, type BreakdownRole, type FigureRole, type SuppressionOptions } from '../format/suppression.ts';
import type { ReportColumn, ReportFigure, ReportTable } from '../format/report.ts';
import { formatMonth, formatNumber, MISSING } from '../format/sv.ts';
import { changeText, column, columnList, columnNames, numbers, pivot, plainFormatterFor } from './result-data.ts';

/** The metrics layer's columns by role (src/metrics result names). */
const COUNTS = new Set(['households', 'avg_households', 'household_months', 'children', 'adults', 'persons', 'households_with_children',
  'new_periods', 'returning_periods', 'exits', 'ended_periods', 'running_at_start', 'followed_up', 'reactivated', 'long_term',
  'long_term_adults', 'very_long_term']);
const AMOUNTS = new Set(['paid_kr', 'fs_kr']);
const SHARES = new Set(['e_share', 'handlingsplan_share', 'household_share', 'reactivation_rate', 'not_reactivated_rate', 'long_term_share',
  'long_term_adult_share', 'very_long_term_share']);
/**
 * A group's share of all groups (household_share): its denominator, the whole, is in no row, so the
 * share is protected with its group (and the complementary group), not by share × the row's households.
 */
const GROUP_SHARES = new Set(['household_share']);
/** A share's denominator where it is not the row's households. */
const DENOMINATOR: Record<string, string> = { reactivation_rate: 'followed_up', not_reactivated_rate: 'followed_up' };

/** Each row's group size in households, when the table has it. */
export function groupSizes(t: Table): (number | null)[] | null {
  const names = columnNames(t);
  const name = ['households', 'avg_households'].find((n) => names.includes(n));
  return name ? numbers(t, name) : null;
}

/** A column's role by its metric name, else by the cell's `format:`; text columns are labels. */
export function columnRole(name: string, format: Format | undefined, numeric = true): BreakdownRole {
  if (!numeric) return 'label';
  if (COUNTS.has(name) || format === 'count') return 'count';
  if (GROUP_SHARES.has(name)) return 'attribute';
  if (AMOUNTS.has(name)) return 'amount';
  if (SHARES.has(name) || /(_share|_rate)$/.test(name) || format === 'percent') return 'share';
  return 'attribute';
}

/** A shown figure's text: counts whole (an average of 89,3 households reads 89), other formats as the cell says. */
export const formatFor = (format: Format | undefined): ((v: number) => string) => (format === 'count' ? (v: number) => formatNumber(Math.round(v)) : plainFormatterFor(format));

/** The spreadsheet kind of a numeric column, so XLSX gets real number formats. */
export function columnKind(format: Format | undefined): ReportColumn['kind'] {
  if (format === 'kr' || format === 'tkr' || format === 'mnkr') return 'kr';
  if (format === 'percent') return 'share';
  if (format === 'count') return 'count';
  return 'number';
}

const TIME = /^\d{4}(-\d{2}|-Q\d|-K\d)?$/;

/**
 * A result table with its small counts protected. Rows over time (months, quarters, years) do not add up
 * to a shown total, so complementary protection applies only to breakdowns such as enhet or hushållstyp.
 */
export function protectResult(t: Table, names: readonly string[], format: Format | undefined, title: string, reportGroupSize: number | null = null, options: SuppressionOptions = {}): ReportTable {
  const sizes = groupSizes(t);
  const values = names.map((n) => column(t, n));
  const cols: BreakdownColumn[] = names.map((n, j) => {
    const numeric = values[j]!.some((v) => typeof v === 'number');
    const role = columnRole(n, format, numeric);
    const isMonth = !numeric && values[j]!.some((v) => typeof v === 'string' && /^\d{4}-\d{2}$/.test(v));
    const denominator = DENOMINATOR[n];
    return {
      label: isMonth && n === 'grupp' ? 'Månad' : columnLabel(n), kind: isMonth ? 'month' : numeric ? columnKind(COUNTS.has(n) ? 'count' : format) : 'text', role,
      ...(numeric && format === 'percent' && !COUNTS.has(n) ? { decimals: 1 } : {}),
      // A metric count column is a count whatever the cell's `format:` says for its other columns.
      format: formatFor(COUNTS.has(n) ? 'count' : format),
      ...(role === 'share' && denominator && names.includes(denominator) ? { of: names.indexOf(denominator) } : {}),
    };
  });
  // The group column travels as an extra last column when the caller did not pick it.
  // Without one (a user's SQL) the extra column is empty and only counts' own values decide.
  const extra = !names.some((n) => n === 'households' || n === 'avg_households');
  const groupColumn = extra ? names.length : names.findIndex((n) => n === 'households' || n === 'avg_households');
  const rows = Array.from({ length: t.numRows }, (_, i) => [
    ...values.map((v) => (v[i] === undefined ? null : (v[i] as number | string | null))),
    ...(extra ? [sizes?.[i] ?? null] : []),
  ]);
  const first = values[0]?.[0];
  const overTime = typeof first === 'string' && TIME.test(first);
  const table = protectBreakdown({
    title, columns: extra ? [...cols, { label: '', kind: 'count', role: 'count' }] : cols, rows, groupColumn, totalShown: !overTime, reportGroupSize,
  }, options);
  return extra ? { ...table, columns: table.columns.slice(0, -1), rows: table.rows.map((r) => r.slice(0, -1)) } : table;
}

/** A chart series with the points of small groups (and, for counts, counts of 1–4) left out. */
export function protectedSeries(values: readonly (number | null)[], sizes: readonly (number | null)[] | null, isCount: boolean, options: SuppressionOptions = {}): { values: (number | null)[]; hidden: number } {
  let hidden = 0;
  const out = values.map((v, i) => {
    if (isSmallCount(sizes?.[i], options) || (isCount && isSmallCount(v, options))) {
      hidden++;
      return null;
    }
    return v;
  });
  return { values: out, hidden };
}

/**
 * Bars per category add up to a total shown elsewhere (the active households on a card): when exactly one
 * bar is left out, the next smallest is left out too. Bars over time are not parts of a total.
 */
export function protectedBars(categories: readonly string[], values: readonly (number | null)[], sizes: readonly (number | null)[] | null, isCount: boolean, options: SuppressionOptions = {}): { values: (number | null)[]; hidden: number } {
  const p = protectedSeries(values, sizes, isCount, options);
  if (p.hidden !== 1 || categories.some((c) => TIME.test(c))) return p;
  let next = -1;
  p.values.forEach((v, i) => {
    if (v !== null && v > 0 && (next < 0 || v < p.values[next]!)) next = i;
  });
  if (next < 0) return p;
  return { values: p.values.map((v, i) => (i === next ? null : v)), hidden: 2 };
}

/**
 * The report's group: the fewest households in any row of the notebook's results that have a households
 * column (its KPI months). When it is 1–4 the whole report is a small group, and tables without a
 * households column of their own (budget lines, a user's SQL) are protected with it.
 */
export function smallestReportGroup(results: readonly unknown[]): number | null {
  let smallest: number | null = null;
  for (const r of results) {
    if (typeof r !== 'object' || r === null || typeof (r as Table).getChild !== 'function') continue;
    for (const v of groupSizes(r as Table) ?? []) if (v !== null && v > 0 && (smallest === null || v < smallest)) smallest = v;
  }
  return smallest;
}

/** The KPI card of a chart cell: the last row's figure and its changes, protected. */
export function kpiFigures(t: Table, y: string, x: string | undefined, format: Format | undefined, compare: string | undefined, title: string, options: SuppressionOptions = {}): { figure: ReportFigure; rows: { label: string; text: string }[]; at: string | null } {
  const ys = numbers(t, y);
  const sizes = groupSizes(t);
  const n = ys.length;
  const kind = columnRole(y, format);
  const role: FigureRole = kind === 'count' ? 'count' : kind === 'share' ? 'share' : 'attribute';
  const f = formatFor(format);
  const at = x && n > 0 ? String(column(t, x)[n - 1]) : null;
  const figureAt = (i: number, j: number | null, compareValue?: number | null) => protectFigure({
    label: title, role, value: i >= 0 ? ys[i] ?? null : null, format: f,
    previous: compareValue !== undefined ? compareValue : j === null ? undefined : ys[j] ?? null,
    groupSize: sizes?.[i] ?? null, previousGroupSize: j === null ? sizes?.[i] ?? null : sizes?.[j] ?? null,
    formatChange: (a, b) => changeText(a, b, format),
  }, options);
  const figure = figureAt(n - 1, null);
  const rows: { label: string; text: string }[] = [];
  if (compare) rows.push({ label: 'mot jämförelsevärdet', text: figureAt(n - 1, null, numbers(t, compare)[n - 1] ?? null).change! });
  else {
    if (n >= 2) rows.push({ label: 'mot föregående månad', text: figureAt(n - 1, n - 2).change! });
    if (n >= 13) rows.push({ label: 'mot samma månad förra året', text: figureAt(n - 1, n - 13).change! });
  }
  return { figure, rows, at };
}

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
  /** Fewest households in any month of the filtered report (`smallestReportGroup`); 1 to T − 1 protects every count and amount. */
  readonly reportGroupSize?: number | null;
}

const monthWords = (v: unknown, style?: 'short') => (typeof v === 'string' && /^\d{4}-\d{2}$/.test(v) ? formatMonth(v, style) : String(v ?? MISSING));

/** A KPI chart cell as a report figure: the card's figure, labelled with its month, and its changes in one text. */
export function kpiFigure(spec: ChartSpec, t: Table, options: SuppressionOptions = {}): ReportFigure {
  const title = spec.title ?? spec.y!;
  const k = kpiFigures(t, spec.y!, spec.x, spec.format, spec.compare, title, options);
  const figure = { ...k.figure, label: k.at ? `${title}, ${monthWords(k.at)}` : title };
  return k.rows.length ? { ...figure, change: k.rows.map((r) => `${r.text} ${r.label}`).join('; ') } : figure;
}

/** A table chart cell (`y:` picks its columns) as the page shows it. */
export function resultTable(spec: ChartSpec, t: Table, options: PartOptions = {}): ReportTable {
  const names = columnList(spec.y);
  return protectResult(t, names.length ? names : columnNames(t), names.length ? spec.format : undefined, spec.title ?? spec.data, options.reportGroupSize ?? null, options);
}

/**
 * A line, area or bar chart's series as the page draws them: small groups' points left out, a lone
 * protected bar per category taking the next smallest with it; months as short words for a slide's axis.
 */
export function chartSeries(spec: ChartSpec, t: Table, options: PartOptions = {}): ChartSeries {
  const isCount = spec.format === 'count';
  if (spec.series && spec.x) {
    // Long data drawn as one line per series value: no households column per point, so counts decide.
    const p = pivot(t, spec.x, spec.series, spec.y!);
    const series = p.series.map((s) => ({ name: s.label, ...protectedSeries(s.values, null, isCount, options) }));
    return { labels: p.labels.map((x) => monthWords(x, 'short')), series: series.map(({ name, values }) => ({ name, values })), format: spec.format, protectedCount: series.reduce((a, s) => a + s.hidden, 0) };
  }
  const xs = spec.x ? column(t, spec.x).map((v) => String(v ?? MISSING)) : Array.from({ length: t.numRows }, (_, i) => String(i + 1));
  const sizes = groupSizes(t);
  // Without a households column of its own, a report filtered down to a small group protects every point.
  const whole = sizes ?? (isSmallCount(options.reportGroupSize, options) ? xs.map(() => options.reportGroupSize!) : null);
  const ys = columnList(spec.y);
  let protectedCount = 0;
  const series = ys.map((y) => {
    const p = spec.type === 'bar' && ys.length === 1 ? protectedBars(xs, numbers(t, y), whole, isCount, options) : protectedSeries(numbers(t, y), whole, isCount, options);
    protectedCount += p.hidden;
    return { name: columnLabel(y), values: p.values };
  });
  return { labels: xs.map((x) => monthWords(x, 'short')), series, format: spec.format, protectedCount };
}
