/**
 * Small-count protection for notebook results (docs/metrics.md, "Små antal"): a metric cell's table says
 * which columns are counts, amounts and shares by their names, and its `households` column gives each
 * row's group; a user's own SQL is protected by its `format:` (counts 1–4 as "<5"). Tables, KPI cards and
 * charts read their figures through here, so what one hides another cannot show.
 */
import type { Table } from 'apache-arrow';
import type { Format } from '../../notebooks/index.ts';
import { columnLabel } from '../../format/column-labels.ts';
import { isSmallCount, protectBreakdown, protectFigure, type BreakdownColumn, type BreakdownRole, type FigureRole } from '../../format/suppression.ts';
import type { ReportFigure, ReportTable } from '../../format/report.ts';
import { formatNumber } from '../../format/sv.ts';
import { changeText, column, columnNames, numbers, plainFormatterFor } from './table-data.ts';

/** The metrics layer's columns by role (src/metrics result names). */
const COUNTS = new Set(['households', 'avg_households', 'household_months', 'children', 'adults', 'persons', 'households_with_children',
  'new_periods', 'returning_periods', 'exits', 'ended_periods', 'running_at_start', 'followed_up', 'reactivated', 'long_term',
  'long_term_adults', 'very_long_term']);
const AMOUNTS = new Set(['paid_kr', 'fs_kr']);
const SHARES = new Set(['e_share', 'handlingsplan_share', 'household_share', 'reactivation_rate', 'not_reactivated_rate', 'long_term_share',
  'long_term_adult_share', 'very_long_term_share']);
/** A share's denominator where it is not the row's households. */
const DENOMINATOR: Record<string, string> = { reactivation_rate: 'followed_up', not_reactivated_rate: 'followed_up' };

/** Each row's group size in households, when the table has it. */
export function groupSizes(t: Table): (number | null)[] | null {
  const names = columnNames(t);
  const name = ['households', 'avg_households'].find((n) => names.includes(n));
  return name ? numbers(t, name) : null;
}

function roleOf(name: string, format: Format | undefined, numeric: boolean): BreakdownRole {
  if (!numeric) return 'label';
  if (COUNTS.has(name) || format === 'count') return 'count';
  if (AMOUNTS.has(name)) return 'amount';
  if (SHARES.has(name) || format === 'percent') return 'share';
  return 'attribute';
}

/** A shown figure's text: counts whole (an average of 89,3 households reads 89), other formats as the cell says. */
const valueFormat = (format: Format | undefined) => (format === 'count' ? (v: number) => formatNumber(Math.round(v)) : plainFormatterFor(format));

const TIME = /^\d{4}(-\d{2}|-Q\d|-K\d)?$/;

/**
 * A result table with its small counts protected. Rows over time (months, quarters, years) do not add up
 * to a shown total, so complementary protection applies only to breakdowns such as enhet or hushållstyp.
 */
export function protectResult(t: Table, names: readonly string[], format: Format | undefined, title: string, reportGroupSize: number | null = null): ReportTable {
  const sizes = groupSizes(t);
  const values = names.map((n) => column(t, n));
  const cols: BreakdownColumn[] = names.map((n, j) => {
    const numeric = values[j]!.some((v) => typeof v === 'number');
    const role = roleOf(n, format, numeric);
    const isMonth = !numeric && values[j]!.some((v) => typeof v === 'string' && /^\d{4}-\d{2}$/.test(v));
    const denominator = DENOMINATOR[n];
    return {
      label: isMonth && n === 'grupp' ? 'Månad' : columnLabel(n), kind: isMonth ? 'month' : numeric ? 'number' : 'text', role,
      // A metric count column is a count whatever the cell's `format:` says for its other columns.
      format: valueFormat(COUNTS.has(n) ? 'count' : format),
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
  });
  return extra ? { ...table, columns: table.columns.slice(0, -1), rows: table.rows.map((r) => r.slice(0, -1)) } : table;
}

/** A chart series with the points of small groups (and, for counts, counts of 1–4) left out. */
export function protectedSeries(values: readonly (number | null)[], sizes: readonly (number | null)[] | null, isCount: boolean): { values: (number | null)[]; hidden: number } {
  let hidden = 0;
  const out = values.map((v, i) => {
    if (isSmallCount(sizes?.[i]) || (isCount && isSmallCount(v))) {
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
export function protectedBars(categories: readonly string[], values: readonly (number | null)[], sizes: readonly (number | null)[] | null, isCount: boolean): { values: (number | null)[]; hidden: number } {
  const p = protectedSeries(values, sizes, isCount);
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
export function kpiFigures(t: Table, y: string, x: string | undefined, format: Format | undefined, compare: string | undefined, title: string): { figure: ReportFigure; rows: { label: string; text: string }[]; at: string | null } {
  const ys = numbers(t, y);
  const sizes = groupSizes(t);
  const n = ys.length;
  const role: FigureRole = roleOf(y, format, true) === 'count' ? 'count' : roleOf(y, format, true) === 'share' ? 'share' : 'attribute';
  const f = valueFormat(format);
  const at = x && n > 0 ? String(column(t, x)[n - 1]) : null;
  const figureAt = (i: number, j: number | null, compareValue?: number | null) => protectFigure({
    label: title, role, value: i >= 0 ? ys[i] ?? null : null, format: f,
    previous: compareValue !== undefined ? compareValue : j === null ? undefined : ys[j] ?? null,
    groupSize: sizes?.[i] ?? null, previousGroupSize: j === null ? sizes?.[i] ?? null : sizes?.[j] ?? null,
    formatChange: (a, b) => changeText(a, b, format),
  });
  const figure = figureAt(n - 1, null);
  const rows: { label: string; text: string }[] = [];
  if (compare) rows.push({ label: 'mot jämförelsevärdet', text: figureAt(n - 1, null, numbers(t, compare)[n - 1] ?? null).change! });
  else {
    if (n >= 2) rows.push({ label: 'mot föregående månad', text: figureAt(n - 1, n - 2).change! });
    if (n >= 13) rows.push({ label: 'mot samma månad förra året', text: figureAt(n - 1, n - 13).change! });
  }
  return { figure, rows, at };
}
