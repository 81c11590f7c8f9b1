/**
 * CSV as Swedish Excel reads it when the file is double-clicked: UTF-8 with a byte-order mark (or
 * Excel guesses Windows-1252 and breaks å, ä, ö), semicolon between fields (the list separator of
 * sv-SE, since the comma is the decimal sign), decimal comma, ASCII minus and CRLF line ends.
 *
 * A text cell that begins with `=`, `+`, `-`, `@`, tab or CR would be read as a formula by Excel or
 * LibreOffice (CSV injection, OWASP), so it gets a leading apostrophe. Numbers are written by us, never
 * taken from text, so a negative number stays a number.
 */
import type { ReportCell, ReportColumn, ReportContext, ReportTable } from '../format/report.ts';
import { aboutPairs } from './report-about.ts';

/** Byte-order mark that tells Excel the file is UTF-8. */
export const BOM = '\uFEFF';
const SEPARATOR = ';';
const LINE_END = '\r\n';

/** Characters that make a spreadsheet treat a cell as a formula when it comes first. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Prefixes a formula-like text with an apostrophe, so the spreadsheet shows it as text. */
export function neutralise(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** Quotes a field when it holds the separator, a quote or a line break (RFC 4180, with `;`). */
function quote(field: string): string {
  return /[;"\r\n]/.test(field) ? `"${field.replaceAll('"', '""')}"` : field;
}

/**
 * A number as a plain decimal with a comma: no grouping (a no-break space would make Excel read text),
 * no exponent, ASCII minus. Counts are whole; other figures keep up to `decimals` places, trailing zeros dropped.
 */
export function csvNumber(value: number, decimals: number): string {
  const fixed = value.toFixed(decimals);
  const trimmed = decimals > 0 ? fixed.replace(/\.?0+$/, '') : fixed;
  // toFixed gives "-0" for tiny negatives; a spreadsheet should see 0.
  return (trimmed === '-0' ? '0' : trimmed).replace('.', ',');
}

/** Places kept per kind: öre for kronor, enough for a share in percent or a mean not to lose what is shown. */
function placesFor(column: ReportColumn): number {
  switch (column.kind) {
    case 'count':
      return 0;
    case 'kr':
      return 2;
    default:
      return Math.max(column.decimals ?? 0, 6);
  }
}

/** Header text: shares are written in percent, so the heading says so. */
function headerText(column: ReportColumn): string {
  return column.kind === 'share' && !column.label.includes('%') ? `${column.label} (%)` : column.label;
}

/** One cell's field. Protected cells give their text ("<5", "skyddat"), never a number. */
function field(cell: ReportCell, column: ReportColumn): string {
  if (!cell.protected && typeof cell.value === 'number' && Number.isFinite(cell.value) && column.kind !== 'text' && column.kind !== 'month') {
    const value = column.kind === 'share' ? cell.value * 100 : column.kind === 'count' ? Math.round(cell.value) : cell.value;
    return csvNumber(value, placesFor(column));
  }
  // Months are written as shown ("mars 2023"): Excel would turn "2023-03" into a date of its own choosing.
  return quote(neutralise(cell.text));
}

/** A row of text fields: neutralised, quoted where needed, joined by the separator. */
const textLine = (fields: readonly string[]) => fields.map((f) => quote(neutralise(f))).join(SEPARATOR);

/**
 * The lines saying where the figures come from (data file, period, filters, time, threshold,
 * definitions), as the XLSX sheet "Om rapporten" says it: a CSV travels without its page, so it must say so itself.
 */
export function aboutLines(ctx: ReportContext): string[] {
  return ['Om rapporten', ...aboutPairs(ctx).map((pair) => textLine(pair))];
}

/** The table's lines: header, one line per row, then its notes after an empty line. */
function tableLines(table: ReportTable): string[] {
  const lines = [table.columns.map((c) => quote(neutralise(headerText(c)))).join(SEPARATOR)];
  for (const row of table.rows) lines.push(table.columns.map((c, i) => field(row[i] ?? EMPTY, c)).join(SEPARATOR));
  if (table.notes?.length) lines.push('', ...table.notes.map((note) => quote(neutralise(note))));
  return lines;
}

/**
 * The table as CSV text for Swedish Excel: BOM, header row, one line per row, CRLF. Notes (such as
 * "skyddat: färre än 5 hushåll") follow after an empty line, as in the Excel file, so a protected cell
 * says in words why it holds no number; with a context, the "Om rapporten" lines follow after another.
 */
export function writeCsv(table: ReportTable, context?: ReportContext): string {
  const lines = tableLines(table);
  if (context) lines.push('', ...aboutLines(context));
  return BOM + lines.join(LINE_END) + LINE_END;
}

/**
 * A whole report in one CSV: each table under its title with a blank line between tables, then the
 * "Om rapporten" lines once at the end.
 */
export function writeReportCsv(tables: readonly ReportTable[], context: ReportContext): string {
  const lines = tables.flatMap((t, i) => [...(i > 0 ? [''] : []), textLine([t.title]), ...tableLines(t)]);
  lines.push('', ...aboutLines(context));
  return BOM + lines.join(LINE_END) + LINE_END;
}

const EMPTY: ReportCell = { value: null, text: '', protected: false };
