/**
 * "Läget nu" on Översikt: the latest month's key figures with their change against the month before
 * and the same month a year earlier, protected by the small-count rules (docs/metrics.md). The
 * figures come from the monthly series the page already has (householdMonthsSql in src/metrics).
 */
import { formatKr, formatKrCompact, formatNumber } from '../format/sv.ts';
import { protectFigure } from '../format/suppression.ts';
import type { ReportCell } from '../format/report.ts';
import { fromMonthIndex, toMonthIndex } from '../metrics/index.ts';

/** The monthly series Översikt draws, oldest month first. */
export interface MonthSeries {
  readonly months: readonly string[];
  readonly households: ArrayLike<number>;
  readonly paid: ArrayLike<number>;
}

/** One key figure of the latest month. */
export interface LatestFigure {
  readonly id: 'households' | 'paid' | 'per_household';
  readonly label: string;
  readonly cell: ReportCell;
  /** Change texts; undefined when the comparison month is not in the data. */
  readonly vsPrevious?: string;
  readonly vsYearAgo?: string;
}

/** The latest month, the months it is compared with (null when outside the data) and its figures. */
export interface LatestMonth {
  readonly month: string;
  readonly previousMonth: string | null;
  readonly yearAgoMonth: string | null;
  readonly figures: readonly LatestFigure[];
}

/** The latest month's figures, or null for an empty series. */
export function latestMonth(s: MonthSeries): LatestMonth | null {
  const last = s.months.length - 1;
  if (last < 0) return null;
  const month = s.months[last]!;
  // Looked up by name, not by position, so a month missing from the series is never compared with its neighbour.
  const find = (back: number): number | null => {
    const i = s.months.indexOf(fromMonthIndex(toMonthIndex(month) - back));
    return i < 0 ? null : i;
  };
  const prev = find(1);
  const year = find(12);
  const at = (values: ArrayLike<number>, i: number | null): number | null => (i === null ? null : (values[i] ?? null));
  const perHousehold = (i: number | null): number | null => {
    const h = at(s.households, i);
    const p = at(s.paid, i);
    return h && p !== null ? p / h : null;
  };

  const specs = [
    { id: 'households', label: 'Aktiva hushåll', role: 'count', value: (i: number | null) => at(s.households, i), format: (v: number) => formatNumber(Math.round(v)) },
    { id: 'paid', label: 'Utbetalt', role: 'attribute', value: (i: number | null) => at(s.paid, i), format: formatKrCompact },
    { id: 'per_household', label: 'Utbetalt per hushåll', role: 'attribute', value: perHousehold, format: formatKr },
  ] as const;

  const figures = specs.map((f): LatestFigure => {
    const compare = (i: number | null) =>
      i === null
        ? undefined
        : protectFigure({ label: f.label, role: f.role, value: f.value(last), previous: f.value(i), groupSize: at(s.households, last), previousGroupSize: at(s.households, i), format: f.format }).change;
    const shown = protectFigure({ label: f.label, role: f.role, value: f.value(last), groupSize: at(s.households, last), format: f.format });
    return { id: f.id, label: f.label, cell: shown.cell, vsPrevious: compare(prev), vsYearAgo: compare(year) };
  });
  return { month, previousMonth: prev === null ? null : s.months[prev]!, yearAgoMonth: year === null ? null : s.months[year]!, figures };
}
