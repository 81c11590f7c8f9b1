/**
 * What a report is made of once its figures are computed, suppressed and formatted: the one shape
 * the page, presentation mode and every export (PPTX, PDF, XLSX, CSV) read. Building it applies the
 * small-count rules (docs/metrics.md); writers (src/export) never see an unprotected figure of a small group.
 */

/** How a column's numbers are meant; picks the number format in XLSX and the text on screen. */
export type ReportColumnKind = 'text' | 'month' | 'count' | 'kr' | 'share' | 'number';

export interface ReportColumn {
  /** Heading as a nämnd reads it (never an SQL name). */
  readonly label: string;
  readonly kind: ReportColumnKind;
  /** Decimals for `number` and `share` (share in percent points); default 0 (share: 1). */
  readonly decimals?: number;
}

/**
 * One cell. `value` is the real number (or text) for a spreadsheet; `text` is what is shown.
 * A protected cell has `value: null`, `protected: true` and text such as "<5" or "skyddat".
 */
export interface ReportCell {
  readonly value: number | string | null;
  readonly text: string;
  readonly protected: boolean;
}

export interface ReportTable {
  readonly title: string;
  readonly columns: readonly ReportColumn[];
  readonly rows: readonly (readonly ReportCell[])[];
  /** Sentences shown under the table, e.g. "skyddat: färre än 5 hushåll". */
  readonly notes?: readonly string[];
}

/** A key figure as shown on a KPI card or slide. */
export interface ReportFigure {
  readonly label: string;
  readonly cell: ReportCell;
  /** Change text, e.g. "+3,5 % mot året innan", already protected where the rules say so. */
  readonly change?: string;
}

/** Where the figures come from: printed on every slide footer, the XLSX sheet "Om rapporten", the PDF. */
export interface ReportContext {
  readonly title: string;
  /** Data file name as the user knows it, e.g. "utbetalningar.arrow (exempeldata)". */
  readonly dataFile: string;
  /** Period in words, e.g. "mars 2023 – september 2023". */
  readonly period: string;
  /** Active filters in words, e.g. ["Enhet: Söder"]; empty means none. */
  readonly filters: readonly string[];
  /** ISO timestamp of when the report was made. */
  readonly generatedAt: string;
  /** Small-count threshold T (5 by default). */
  readonly threshold: number;
  /** Definitions of the measures in the report, as term and text. */
  readonly definitions: readonly { readonly term: string; readonly text: string }[];
}
