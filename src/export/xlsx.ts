/**
 * Excel workbooks of the report shape (src/format/report.ts): one sheet per table with real numbers
 * and a number format per column kind, so a controller can sum and pivot them, plus a sheet
 * "Om rapporten" with the data file, period, filters, time, small-count threshold and definitions.
 * Protected cells are text ("<5", "skyddat"): the number never reaches the file, not even hidden.
 * exceljs is large, so it is loaded only when a workbook is written.
 */
import type { Workbook, Worksheet } from 'exceljs';
import type { ReportCell, ReportColumn, ReportContext, ReportTable } from '../format/report.ts';
import { sheetNames } from './sheet-names.ts';

/** Name of the sheet that says where the figures come from. */
export const ABOUT_SHEET = 'Om rapporten';

/**
 * Excel number format codes. Codes use `,` for grouping and `.` for decimals whatever the locale;
 * Swedish Excel and LibreOffice show them as `1 261 000 kr` and `74,3 %`. `[$-41D]` (sv-SE) makes
 * month names Swedish ("mars 2023") on any machine.
 */
export function numberFormat(column: ReportColumn): string {
  const places = (n: number) => (n > 0 ? `.${'0'.repeat(n)}` : '');
  switch (column.kind) {
    case 'count':
      return '#,##0';
    case 'kr':
      return `#,##0${places(column.decimals ?? 0)} "kr"`;
    case 'share':
      return `0${places(column.decimals ?? 1)} %`;
    case 'number':
      return `#,##0${places(column.decimals ?? 0)}`;
    case 'month':
      return '[$-41D]mmmm yyyy';
    case 'text':
      return '@';
  }
}

/** A `YYYY-MM` month as a UTC date on its first day (exceljs writes UTC dates as the calendar day). */
function monthDate(value: string): Date | null {
  const m = /^(\d{4})-(\d{2})/.exec(value);
  return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1)) : null;
}

/** What goes into the spreadsheet cell: a number or date where the cell has one, else its shown text. */
function cellValue(cell: ReportCell, column: ReportColumn): number | string | Date {
  if (cell.protected || cell.value === null) return cell.text;
  if (column.kind === 'month' && typeof cell.value === 'string') return monthDate(cell.value) ?? cell.text;
  if (typeof cell.value === 'number' && Number.isFinite(cell.value) && column.kind !== 'text') return cell.value;
  return typeof cell.value === 'string' ? cell.value : cell.text;
}

function addTableSheet(workbook: Workbook, name: string, table: ReportTable): void {
  const sheet = workbook.addWorksheet(name, {
    views: [{ state: 'frozen', ySplit: 1 }],
    // Printed, a wide table fits the page width in landscape rather than spilling onto a second page.
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  // The header is row 1, so Excel's filter, sort and pivot pick the table up as it is.
  sheet.addRow(table.columns.map((c) => c.label)).font = { bold: true };
  for (const row of table.rows) sheet.addRow(table.columns.map((c, i) => cellValue(row[i] ?? EMPTY, c)));
  table.columns.forEach((column, i) => {
    const col = sheet.getColumn(i + 1);
    col.numFmt = numberFormat(column);
    col.width = widthOf(column, table.rows.map((r) => r[i]?.text ?? ''));
    // Protected and missing figures are text in a number column: align them with the numbers.
    const horizontal = column.kind === 'text' ? 'left' : 'right';
    // Text longer than the widest column wraps instead of running into the next column.
    col.alignment = column.kind === 'text' && (col.width ?? 0) >= MAX_WIDTH ? { horizontal, wrapText: true, vertical: 'top' } : { horizontal };
    sheet.getRow(1).getCell(i + 1).alignment = { horizontal, vertical: 'bottom', wrapText: true };
  });
  // Spreadsheet programs do not grow a row for wrapped text they did not wrap themselves: give it the lines it needs.
  table.rows.forEach((row, r) => {
    const lines = Math.max(1, ...table.columns.map((c, i) => {
      const width = sheet.getColumn(i + 1).width ?? 0;
      return c.kind === 'text' && width >= MAX_WIDTH ? Math.ceil((row[i]?.text.length ?? 0) / (width - 4)) : 1;
    }));
    if (lines > 1) sheet.getRow(r + 2).height = 15 * lines;
  });
  if (table.rows.length > 0) sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: table.columns.length } };
  if (table.notes?.length) {
    sheet.addRow([]);
    for (const note of table.notes) sheet.addRow([note]).getCell(1).alignment = { horizontal: 'left' };
  }
}

const MAX_WIDTH = 60;

/** Room a formatted figure needs even when the shown text was shorter (Excel shows ### when it does not fit). */
const MIN_WIDTH: Record<ReportColumn['kind'], number> = { text: 8, month: 15, count: 9, kr: 16, share: 9, number: 10 };

/** Column width in characters: the longest shown text; the heading wraps, so it counts only up to 20. */
function widthOf(column: ReportColumn, texts: readonly string[]): number {
  const longest = Math.max(Math.min(column.label.length, 20), ...texts.map((t) => t.length));
  return Math.min(MAX_WIDTH, Math.max(MIN_WIDTH[column.kind], longest + 2));
}

const when = new Intl.DateTimeFormat('sv-SE', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Stockholm' });

function addAboutSheet(workbook: Workbook, ctx: ReportContext, names: readonly string[], tables: readonly ReportTable[]): void {
  const sheet: Worksheet = workbook.addWorksheet(ABOUT_SHEET, {
    pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  sheet.getColumn(1).width = 28;
  sheet.getColumn(2).width = 90;
  sheet.getColumn(2).alignment = { wrapText: true, vertical: 'top' };
  sheet.getColumn(1).alignment = { vertical: 'top' };
  const t = ctx.threshold;
  const generated = new Date(ctx.generatedAt);
  const heading = (text: string) => {
    sheet.addRow([]);
    sheet.addRow([text]).font = { bold: true };
  };
  sheet.addRow([ctx.title]).font = { bold: true, size: 14 };
  sheet.addRow(['Datafil', ctx.dataFile]);
  sheet.addRow(['Period', ctx.period]);
  sheet.addRow(['Filter', ctx.filters.length > 0 ? ctx.filters.join(', ') : 'Inga (alla hushåll)']);
  sheet.addRow(['Skapad', Number.isNaN(generated.getTime()) ? ctx.generatedAt : when.format(generated)]);
  sheet.addRow([
    'Skyddade småtal',
    `Skyddat: färre än ${t} hushåll. Antal hushåll eller personer från 1 till ${t - 1} visas som "<${t}". Belopp, andelar och förändringar som skulle avslöja `
      + `en sådan grupp visas som "skyddat", liksom den näst minsta gruppen där en summa annars kunde räknas fram. `
      + `Skyddade celler är text i filen; talet finns inte med.`,
  ]);
  heading('Blad');
  tables.forEach((table, i) => sheet.addRow([names[i], table.title]));
  if (ctx.definitions.length > 0) {
    heading('Definitioner');
    for (const d of ctx.definitions) sheet.addRow([d.term, d.text]);
  }
}

const EMPTY: ReportCell = { value: null, text: '', protected: false };

/** The workbook as .xlsx bytes: one sheet per table, then "Om rapporten". */
export async function writeXlsx(tables: readonly ReportTable[], ctx: ReportContext): Promise<Uint8Array> {
  const ExcelJS = (await import('exceljs')).default;
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Biståndsläget';
  workbook.title = ctx.title;
  const created = new Date(ctx.generatedAt);
  if (!Number.isNaN(created.getTime())) workbook.created = created;
  const names = sheetNames(tables.map((t) => t.title), [ABOUT_SHEET]);
  tables.forEach((table, i) => addTableSheet(workbook, names[i]!, table));
  addAboutSheet(workbook, ctx, names, tables);
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}
