import type { ReportFigure } from './report.ts';
import { protectFigure, type SuppressionOptions } from './suppression.ts';
import { formatCount, formatKrCompact, formatNumber, formatPercent, MISSING } from './sv.ts';

/** The units metrics are shown in (mirrors `MetricUnit` in src/metrics/definitions.ts). */
export type Unit = 'hushåll' | 'kr' | 'månader' | 'andel' | 'barn' | 'personer';

/** A metric value in its unit: counts rounded and suppressed below 5, kronor compact, shares in percent. */
export function formatMetricValue(value: number | null | undefined, unit: Unit, suppress = true): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return MISSING;
  switch (unit) {
    case 'hushåll':
    case 'barn':
    case 'personer':
      return formatCount(Math.round(value), suppress);
    case 'kr':
      return formatKrCompact(value);
    case 'månader':
      return `${formatNumber(value, 1)}\u00a0mån`;
    case 'andel':
      return formatPercent(value);
  }
}

/**
 * The change against a year earlier: shares in percentage points (`+2,1 p.e.`), other units as a
 * relative change in percent (`−3,5 %`).
 */
export function formatMetricChange(change: number | null, relative: number | null, unit: Unit): string {
  if (unit === 'andel') {
    if (change === null || !Number.isFinite(change)) return MISSING;
    return `${sign(change)}${formatNumber(Math.abs(change) * 100, 1)}\u00a0p.e.`;
  }
  if (relative === null || !Number.isFinite(relative)) return MISSING;
  return `${sign(relative)}${formatPercent(Math.abs(relative), 1)}`;
}

function sign(v: number): string {
  return v > 0 ? '+' : v < 0 ? '\u2212' : '±';
}

/** The parts of a KPI that decide what may be shown (structurally `KpiValue` from the metrics layer). */
export interface KpiFigureInput {
  value: number | null;
  previous: number | null;
  change: number | null;
  relativeChange: number | null;
  /** Households in the filtered report, now and a year earlier. */
  group: number | null;
  previousGroup: number | null;
  /** What the figure is computed over (households, ended or followed-up periods); null for plain counts. */
  base: number | null;
  previousBase: number | null;
}

const COUNT_UNITS: readonly Unit[] = ['hushåll', 'barn', 'personer'];

/** The smaller of the report's group and the figure's own base: either being small protects the figure. */
function smallest(a: number | null, b: number | null): number | null {
  const xs = [a, b].filter((x): x is number => x !== null && x > 0);
  return xs.length ? Math.min(...xs) : (a ?? b);
}

/**
 * A KPI card's figure and its change against the year before, protected by the small-count rules
 * (docs/metrics.md, "Små antal"): a count of 1–4 is "<5"; every figure of a report over fewer than 5
 * households, and amounts, shares and durations over fewer than 5, are "skyddat"; a change is shown
 * only when both figures are; a change of two shown counts is a number, never "<5".
 */
export function kpiFigure(label: string, k: KpiFigureInput, unit: Unit, options: SuppressionOptions = {}): ReportFigure {
  const role = COUNT_UNITS.includes(unit) ? 'count' : unit === 'andel' ? 'share' : 'attribute';
  const format = (v: number) => formatMetricValue(v, unit, false);
  return protectFigure({
    label, role, value: k.value, previous: k.previous, format,
    groupSize: role === 'count' ? k.group : smallest(k.group, k.base),
    previousGroupSize: role === 'count' ? k.previousGroup : smallest(k.previousGroup, k.previousBase),
    denominator: k.base, previousDenominator: k.previousBase,
    formatChange: () => formatMetricChange(k.change, k.relativeChange, unit),
    changeSuffix: 'mot året innan',
  }, options);
}
