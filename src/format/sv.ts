/**
 * The one place figures are turned into Swedish text. Every figure that is shown or exported
 * goes through here, so that sv-SE formatting and small-cell suppression are applied alike.
 * Thin spaces are no-break spaces (U+00A0), as Intl's sv-SE gives them, so `1 261 000 kr`
 * never breaks across lines.
 */

const NBSP = '\u00a0';
const integer = new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('sv-SE', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const monthLong = new Intl.DateTimeFormat('sv-SE', { month: 'long', year: 'numeric', timeZone: 'UTC' });
const monthShort = new Intl.DateTimeFormat('sv-SE', { month: 'short', year: 'numeric', timeZone: 'UTC' });

/** Text shown for a missing or not-applicable figure. */
export const MISSING = '–';

/** Counts 1–4 are shown as "<5" in every output (socialtjänstsekretess). */
export const SUPPRESS_BELOW = 5;

function isMissing(value: number | null | undefined): value is null | undefined {
  return value === null || value === undefined || !Number.isFinite(value);
}

// Building an Intl.NumberFormat costs far more than using one; a table of thousands of cells
// must not build one per cell.
const fixed = new Map<number, Intl.NumberFormat>([[0, integer], [1, oneDecimal]]);

/** A plain number with sv-SE grouping: `1 261 000`, `8,4` with `decimals = 1`. */
export function formatNumber(value: number | null | undefined, decimals = 0): string {
  if (isMissing(value)) return MISSING;
  let f = fixed.get(decimals);
  if (!f) {
    f = new Intl.NumberFormat('sv-SE', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
    fixed.set(decimals, f);
  }
  return f.format(value);
}

/** A count of households or people, with 1–4 suppressed as `<5`. */
export function formatCount(value: number | null | undefined, suppress = true): string {
  if (isMissing(value)) return MISSING;
  if (suppress && value > 0 && value < SUPPRESS_BELOW) return `<${SUPPRESS_BELOW}`;
  return integer.format(value);
}

/** Kronor: `1 261 000 kr`. */
export function formatKr(value: number | null | undefined): string {
  return isMissing(value) ? MISSING : `${integer.format(value)}${NBSP}kr`;
}

/** Thousands of kronor with one decimal: `8,4 tkr`. */
export function formatTkr(value: number | null | undefined): string {
  return isMissing(value) ? MISSING : `${oneDecimal.format(value / 1e3)}${NBSP}tkr`;
}

/** Millions of kronor with one decimal: `1,2 mnkr`. */
export function formatMnkr(value: number | null | undefined): string {
  return isMissing(value) ? MISSING : `${oneDecimal.format(value / 1e6)}${NBSP}mnkr`;
}

/** Picks kr, tkr or mnkr by size, for axis ticks and compact KPI figures. */
export function formatKrCompact(value: number | null | undefined): string {
  if (isMissing(value)) return MISSING;
  const abs = Math.abs(value);
  if (abs >= 1e6) return formatMnkr(value);
  if (abs >= 1e4) return formatTkr(value);
  return formatKr(value);
}

/** A share 0–1 as whole percent: `71 %`; `decimals` for more precision. */
export function formatPercent(share: number | null | undefined, decimals = 0): string {
  if (isMissing(share)) return MISSING;
  return `${formatNumber(share * 100, decimals)}${NBSP}%`;
}

/** A signed change, e.g. `+12` or `−3,5 %`, with a true minus sign. */
export function formatChange(value: number | null | undefined, unit: 'count' | 'percent' | 'kr' = 'count'): string {
  if (isMissing(value)) return MISSING;
  const sign = value > 0 ? '+' : value < 0 ? '\u2212' : '±';
  const abs = Math.abs(value);
  const body = unit === 'percent' ? formatPercent(abs, 1) : unit === 'kr' ? formatKrCompact(abs) : formatNumber(abs);
  return `${sign}${body}`;
}

/** Parses `YYYY-MM` into a UTC date on the first of the month; null if it is not a month. */
export function parseMonth(month: string): Date | null {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  if (!match) return null;
  const m = Number(match[2]);
  if (m < 1 || m > 12) return null;
  return new Date(Date.UTC(Number(match[1]), m - 1, 1));
}

/** `2021-05` → `maj 2021`; `short` gives `maj 2021` for May and `jan. 2021` style for others. */
export function formatMonth(month: string, style: 'long' | 'short' = 'long'): string {
  const cache = style === 'long' ? longMonths : shortMonths;
  let text = cache.get(month);
  if (text === undefined) {
    const date = parseMonth(month);
    text = date ? (style === 'long' ? monthLong : monthShort).format(date) : month;
    if (cache.size < 2048) cache.set(month, text);
  }
  return text;
}
// Month words recur on every redraw (axis ticks, KPI captions, period lists); Intl formats each once.
const longMonths = new Map<string, string>();
const shortMonths = new Map<string, string>();

const trimmed = new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 1 });

/** Axis ticks: as few digits as tell the ticks apart, e.g. `500 tkr`, `1 mnkr`, `1,5 mnkr`. */
export function formatKrAxis(value: number): string {
  if (!Number.isFinite(value)) return MISSING;
  const abs = Math.abs(value);
  if (abs >= 1e6) return `${trimmed.format(value / 1e6)}${NBSP}mnkr`;
  if (abs >= 1e3) return `${trimmed.format(value / 1e3)}${NBSP}tkr`;
  return `${integer.format(value)}${NBSP}kr`;
}
