import { ImportError } from './errors.ts';
import { cleanHeader, type RawTable } from './table.ts';

/**
 * Reads the first worksheet with data of an Excel workbook (.xlsx) into a raw table of text, so
 * that a cell goes through the same casting rules as a CSV cell: numbers as their exact decimal text
 * (`1234.75`), dates as `YYYY-MM-DD`, formulas as their cached result. exceljs is loaded only when a
 * workbook is opened (it is large).
 */
export async function readXlsxBytes(bytes: Uint8Array): Promise<RawTable> {
  const ExcelJS = (await import('exceljs')).default;
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  } catch {
    throw new ImportError('Excel-filen är skadad eller inte en .xlsx-arbetsbok (gamla .xls stöds inte – spara som .xlsx eller CSV).', 'broken');
  }
  const sheet = workbook.worksheets.find((ws) => ws.actualRowCount > 0);
  if (!sheet) throw new ImportError('Excel-filen har inget blad med data.', 'empty');
  let header: string[] | null = null;
  let columns: string[][] = [];
  const ragged = new Set<number>();
  let rowCount = 0;
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const values = (row.values as unknown[]).slice(1).map(cellText);
    if (values.every((v) => v.trim() === '')) return;
    if (header === null) {
      header = cleanHeader(values);
      columns = header.map(() => []);
      return;
    }
    const width = header.length;
    for (let c = 0; c < width; c++) columns[c]!.push(values[c] ?? '');
    if (values.slice(width).some((v) => v.trim() !== '')) ragged.add(rowCount);
    rowCount++;
  });
  if (header === null) throw new ImportError('Excel-filen har inget blad med data.', 'empty');
  return { header, columns, rowCount, ragged, source: { format: 'xlsx', sheet: sheet.name } };
}

/** The text of one cell value as exceljs gives it. */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) {
    // exceljs gives date cells as UTC midnight of the calendar date shown in Excel.
    return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  }
  if (typeof value === 'object') {
    const v = value as { richText?: { text: string }[]; result?: unknown; text?: unknown; error?: string };
    if (Array.isArray(v.richText)) return v.richText.map((t) => t.text).join('');
    if ('result' in v) return cellText(v.result);
    if (v.error !== undefined) return String(v.error);
    if (typeof v.text === 'string') return v.text;
  }
  return '';
}
