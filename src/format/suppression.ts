/**
 * Small-count protection (docs/metrics.md, "Små antal"): turns computed figures into ReportCells,
 * ReportTables and ReportFigures in which no figure about a group of 1 to T − 1 households can be read
 * or recomputed. The page, presentation mode and every export build from these, so the rules are
 * applied once. Pure: no engine, no UI.
 */
import type { ReportCell, ReportColumn, ReportFigure, ReportTable } from './report.ts';
import { formatMonth, formatNumber, formatPercent, MISSING } from './sv.ts';

/** The threshold T: counts 1 to T − 1 are protected. */
export const DEFAULT_THRESHOLD = 5;

export interface SuppressionOptions {
  /** T, default 5. */
  readonly threshold?: number;
  /** Off only for the author's own checks; every output to a reader keeps it on (the default). */
  readonly enabled?: boolean;
}

/** What a protected attribute (amount, share, rate, change) reads as. */
export const PROTECTED_TEXT = 'skyddat';

export function thresholdOf(options: SuppressionOptions = {}): number {
  const t = options.threshold ?? DEFAULT_THRESHOLD;
  if (!Number.isInteger(t) || t < 1) throw new RangeError(`Gränsen för små antal måste vara ett positivt heltal (fick ${t}).`);
  return t;
}

/** True for a count of 1 to T − 1 (an average such as 2,4 households a month counts too). Zero is not small. */
export function isSmallCount(count: number | null | undefined, options: SuppressionOptions = {}): boolean {
  if (options.enabled === false || count === null || count === undefined || !Number.isFinite(count)) return false;
  return count > 0 && count < thresholdOf(options);
}

/** "<5" for T = 5. */
export function smallCountText(options: SuppressionOptions = {}): string {
  return `<${thresholdOf(options)}`;
}

/** The words shown next to protected cells, e.g. "skyddat: färre än 5 hushåll". */
export function protectionNote(options: SuppressionOptions = {}, unit = 'hushåll'): string {
  return `${PROTECTED_TEXT}: färre än ${thresholdOf(options)} ${unit}`;
}

/** A shown figure. */
export function shownCell(value: number | string | null, text: string): ReportCell {
  return { value, text, protected: false };
}

/** A protected figure: no value, only the text. */
export function protectedCell(text = PROTECTED_TEXT): ReportCell {
  return { value: null, text, protected: true };
}

/** A count: "<5" for 1 to T − 1, otherwise the number (`format` gets the unrounded value). */
export function countCell(value: number | null | undefined, options: SuppressionOptions = {}, format: (v: number) => string = (v) => formatNumber(Math.round(v))): ReportCell {
  if (value === null || value === undefined || !Number.isFinite(value)) return shownCell(null, MISSING);
  if (isSmallCount(value, options)) return protectedCell(smallCountText(options));
  return shownCell(value, format(value));
}

/** An attribute of a group (amount, per-household amount, share, rate, duration): protected when the group is small. */
export function attributeCell(value: number | null | undefined, groupSize: number | null | undefined, format: (v: number) => string, options: SuppressionOptions = {}): ReportCell {
  if (isSmallCount(groupSize, options)) return protectedCell();
  if (value === null || value === undefined || !Number.isFinite(value)) return shownCell(null, MISSING);
  return shownCell(value, format(value));
}

/**
 * True when a share is a small count in disguise: its numerator or (denominator − numerator) is 1 to
 * T − 1 (3 of 120 re-activated). `numerator` may be the share × denominator; it is rounded.
 */
export function isDisclosingShare(numerator: number | null | undefined, denominator: number | null | undefined, options: SuppressionOptions = {}): boolean {
  if (numerator === null || numerator === undefined || denominator === null || denominator === undefined) return false;
  if (!Number.isFinite(numerator) || !Number.isFinite(denominator)) return false;
  const n = Math.round(numerator);
  const rest = Math.round(denominator) - n;
  return isSmallCount(n, options) || isSmallCount(rest, options);
}

/** A share of a group: protected with a small group, or when the share or its complement is a small count. */
export function shareCell(share: number | null | undefined, denominator: number | null | undefined, format: (v: number) => string, options: SuppressionOptions = {}): ReportCell {
  if (isSmallCount(denominator, options)) return protectedCell();
  if (share === null || share === undefined || !Number.isFinite(share)) return shownCell(null, MISSING);
  if (denominator !== null && denominator !== undefined && isDisclosingShare(share * denominator, denominator, options)) return protectedCell();
  return shownCell(share, format(share));
}

const SIGN = (v: number) => (v > 0 ? '+' : v < 0 ? '\u2212' : '±');

/**
 * A change between two figures: shown as a number (and percent) only when both figures are shown;
 * a difference of two shown counts is not itself a count and is never written "<5".
 */
export function changeText(now: ReportCell, before: ReportCell, format: (absDiff: number) => string, withPercent = true): string {
  if (now.protected || before.protected) return PROTECTED_TEXT;
  if (typeof now.value !== 'number' || typeof before.value !== 'number') return MISSING;
  const diff = now.value - before.value;
  const rel = withPercent && before.value !== 0 ? ` (${SIGN(diff)}${formatPercent(Math.abs(diff / before.value), 1)})` : '';
  return `${SIGN(diff)}${format(Math.abs(diff))}${rel}`;
}

/** How a KPI figure relates to its group. */
export type FigureRole = 'count' | 'attribute' | 'share';

export interface FigureInput {
  readonly label: string;
  readonly role: FigureRole;
  readonly value: number | null;
  /** The same figure for the comparison period; omit for no change text. */
  readonly previous?: number | null;
  /** Households the figure is computed over, now and in the comparison period (the report's group). */
  readonly groupSize: number | null;
  readonly previousGroupSize?: number | null;
  /** For a share: its denominator (default groupSize), to catch a small numerator or complement. */
  readonly denominator?: number | null;
  readonly previousDenominator?: number | null;
  readonly format: (v: number) => string;
  /** The change text from the two shown values; default `changeText` with `format` and percent. */
  readonly formatChange?: (now: number, before: number) => string;
  /** Words after the change, e.g. "mot året innan". */
  readonly changeSuffix?: string;
}

function figureCell(role: FigureRole, value: number | null, groupSize: number | null | undefined, denominator: number | null | undefined, format: (v: number) => string, options: SuppressionOptions): ReportCell {
  // A figure the data cannot give stays "–" (next to "Kan inte beräknas"): that it is missing tells nothing about a household.
  if (value === null || !Number.isFinite(value)) return shownCell(null, MISSING);
  // A report filtered down to a small group protects every figure, whatever its kind.
  if (isSmallCount(groupSize, options)) return role === 'count' && isSmallCount(value, options) ? protectedCell(smallCountText(options)) : protectedCell();
  if (role === 'count') return countCell(value, options, format);
  if (role === 'share') return shareCell(value, denominator ?? groupSize, format, options);
  return attributeCell(value, groupSize, format, options);
}

/** A KPI figure with its change, protected by the rules for a report over one group. */
export function protectFigure(input: FigureInput, options: SuppressionOptions = {}): ReportFigure {
  const cell = figureCell(input.role, input.value, input.groupSize, input.denominator, input.format, options);
  if (input.previous === undefined) return { label: input.label, cell };
  const before = figureCell(input.role, input.previous, input.previousGroupSize, input.previousDenominator, input.format, options);
  let change: string;
  if (cell.protected || before.protected) change = PROTECTED_TEXT;
  else if (typeof cell.value !== 'number' || typeof before.value !== 'number') change = MISSING;
  else change = input.formatChange ? input.formatChange(cell.value, before.value) : changeText(cell, before, input.format);
  return { label: input.label, cell, change: input.changeSuffix ? `${change} ${input.changeSuffix}` : change };
}

/**
 * A breakdown column's role:
 * - `label`: the group's name (text or month), never protected;
 * - `count`: households or persons; 1 to T − 1 is "<5", and the column adds up to a total;
 * - `amount`: kronor of the group; adds up to a total, so it takes part in complementary protection;
 * - `attribute`: per-household amounts, rates, durations: protected with the group;
 * - `share`: a share of the group (denominator = the group column unless `denominator` names another),
 *   protected with the group and when its numerator or complement is small;
 * - `difference`: a difference of two counts of the same row that are both shown; protected otherwise.
 */
export type BreakdownRole = 'label' | 'count' | 'amount' | 'attribute' | 'share' | 'difference';

export interface BreakdownColumn extends ReportColumn {
  readonly role: BreakdownRole;
  /** For `share`: index of the denominator column. For `difference`: the two counts [a, b] of a − b. */
  readonly of?: number | readonly [number, number];
  /** Text of a shown number; default by `kind`. */
  readonly format?: (v: number) => string;
}

export interface BreakdownInput {
  readonly title: string;
  readonly columns: readonly BreakdownColumn[];
  readonly rows: readonly (readonly (number | string | null)[])[];
  /** Index of the column holding each row's group size in households. */
  readonly groupColumn: number;
  /** Whether the rows' total is shown or can be found elsewhere (default true: assume it can). */
  readonly totalShown?: boolean;
  /** Households of the whole report: a report filtered down to a small group protects every count and amount. */
  readonly reportGroupSize?: number | null;
  readonly notes?: readonly string[];
}

/** The default text of a shown number by column kind. */
export function formatByKind(column: ReportColumn): (v: number) => string {
  switch (column.kind) {
    case 'count':
      return (v) => formatNumber(Math.round(v));
    case 'kr':
      return (v) => `${formatNumber(v)}\u00a0kr`;
    case 'share':
      return (v) => formatPercent(v, column.decimals ?? 1);
    case 'number':
      return (v) => formatNumber(v, column.decimals ?? 0);
    case 'month':
      return (v) => String(v);
    case 'text':
      return (v) => String(v);
  }
}

function labelCell(value: number | string | null, column: ReportColumn): ReportCell {
  if (value === null) return shownCell(null, MISSING);
  const text = column.kind === 'month' && typeof value === 'string' ? formatMonth(value) : String(value);
  return shownCell(value, text);
}

const num = (v: number | string | null | undefined): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/**
 * Protects a breakdown table. Small groups lose every figure but their "<5"; small counts in larger
 * groups are "<5"; when a total is shown and exactly one group (or one count in a column) is protected,
 * the next smallest is protected too. Returns the ReportTable with a note in words when anything is protected.
 */
export function protectBreakdown(input: BreakdownInput, options: SuppressionOptions = {}): ReportTable {
  const { columns, rows, groupColumn } = input;
  const totalShown = input.totalShown ?? true;
  const wholeReport = isSmallCount(input.reportGroupSize, options);
  const size = (r: number) => num(rows[r]![groupColumn]);

  // Row level: small groups, then the complementary group when exactly one is small.
  const rowProtected = rows.map((_, r) => wholeReport || isSmallCount(size(r), options));
  if (totalShown && rowProtected.filter(Boolean).length === 1) {
    const next = nextSmallest(rows.map((_, r) => size(r)), rowProtected);
    if (next !== null) rowProtected[next] = true;
  }

  // Cell level: every column decides its cells from the row state; counts add their own small cells.
  const cellProtected = rows.map((_, r) => columns.map((c) => c.role !== 'label' && rowProtected[r]!));
  columns.forEach((c, j) => {
    if (c.role !== 'count') return;
    const values = rows.map((row) => num(row[j]));
    values.forEach((v, r) => {
      if (isSmallCount(v, options)) cellProtected[r]![j] = true;
    });
    const inColumn = cellProtected.map((row) => row[j]!);
    if (totalShown && inColumn.filter(Boolean).length === 1) {
      const next = nextSmallest(values, inColumn);
      if (next !== null) cellProtected[next]![j] = true;
    }
  });
  // Amounts add up to a total like counts: a protected amount needs a protected partner.
  columns.forEach((c, j) => {
    if (c.role !== 'amount' || !totalShown) return;
    const inColumn = cellProtected.map((row) => row[j]!);
    if (inColumn.filter(Boolean).length === 1) {
      const next = nextSmallest(rows.map((row) => num(row[j])), inColumn);
      if (next !== null) cellProtected[next]![j] = true;
    }
  });

  const out = rows.map((row, r) =>
    columns.map((c, j): ReportCell => {
      const value = row[j] ?? null;
      if (c.role === 'label') return labelCell(value, c);
      const v = num(value);
      const format = c.format ?? formatByKind(c);
      if (cellProtected[r]![j]) return protectedCell(c.role === 'count' && isSmallCount(v, options) ? smallCountText(options) : PROTECTED_TEXT);
      if (v === null) return shownCell(typeof value === 'string' ? value : null, typeof value === 'string' ? value : MISSING);
      if (c.role === 'share') {
        const denominator = num(row[typeof c.of === 'number' ? c.of : groupColumn]);
        if (denominator !== null && isDisclosingShare(v * denominator, denominator, options)) return protectedCell();
      }
      if (c.role === 'difference' && Array.isArray(c.of)) {
        const [a, b] = c.of as readonly [number, number];
        if (cellProtected[r]![a] || cellProtected[r]![b]) return protectedCell();
      }
      return shownCell(v, format(v));
    }),
  );
  const any = out.some((row) => row.some((c) => c.protected));
  const notes = [...(input.notes ?? []), ...(any ? [protectionNote(options)] : [])];
  return { title: input.title, columns: columns.map(({ label, kind, decimals }) => ({ label, kind, ...(decimals === undefined ? {} : { decimals }) })), rows: out, ...(notes.length ? { notes } : {}) };
}

/**
 * The unprotected row with the smallest positive value; a zero only when no positive one is left (the
 * total is then the protected value plus a hidden zero, which still does not tell the value).
 */
function nextSmallest(values: readonly (number | null)[], taken: readonly boolean[]): number | null {
  let best: number | null = null;
  let zero: number | null = null;
  values.forEach((v, i) => {
    if (taken[i] || v === null || v < 0) return;
    if (v === 0) zero ??= i;
    else if (best === null || v < values[best]!) best = i;
  });
  return best ?? zero;
}

/**
 * A series for a chart: points of small groups are left out (null) so neither a bar, a point's height
 * nor a tooltip gives them away; axis ticks are drawn from the scale and stay numbers.
 */
export function protectSeries(values: readonly (number | null)[], groupSizes: readonly (number | null)[], options: SuppressionOptions = {}): { values: (number | null)[]; protectedCount: number } {
  let protectedCount = 0;
  const out = values.map((v, i) => {
    if (isSmallCount(groupSizes[i], options)) {
      protectedCount++;
      return null;
    }
    return v;
  });
  return { values: out, protectedCount };
}
