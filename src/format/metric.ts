import { formatCount, formatKrCompact, formatNumber, formatPercent, MISSING } from './sv.ts';

/** The units metrics are shown in (mirrors `MetricUnit` in src/metrics/definitions.ts). */
export type Unit = 'hushåll' | 'kr' | 'månader' | 'andel' | 'barn' | 'personer';

/** A metric value in its unit: counts rounded and suppressed below 5, kronor compact, shares in percent. */
export function formatMetricValue(value: number | null | undefined, unit: Unit): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return MISSING;
  switch (unit) {
    case 'hushåll':
    case 'barn':
    case 'personer':
      return formatCount(Math.round(value));
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
