import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { ReportCell, ReportContext, ReportTable } from '../format/report.ts';
import { ABOUT_SHEET, writeXlsx } from './xlsx.ts';
import { sheetNames } from './sheet-names.ts';

const num = (value: number, text = String(value)): ReportCell => ({ value, text, protected: false });
const month = (value: string, text: string): ReportCell => ({ value, text, protected: false });

const perMonth: ReportTable = {
  title: 'Per månad: hushåll och utbetalt',
  columns: [
    { label: 'Månad', kind: 'month' },
    { label: 'Enhet', kind: 'text' },
    { label: 'Hushåll', kind: 'count' },
    { label: 'Utbetalt', kind: 'kr' },
    { label: 'E-ansökningsandel', kind: 'share', decimals: 1 },
    { label: 'Biståndsmånader per hushåll', kind: 'number', decimals: 1 },
  ],
  rows: [
    [month('2023-03', 'mars 2023'), { value: '=HYPERLINK("x")', text: '=HYPERLINK("x")', protected: false }, num(151), num(1261000), num(0.743), num(6.54)],
    // A protected row: the writer only ever sees text; a value smuggled in with protected: true must not leak either.
    [month('2023-04', 'april 2023'), { value: 'Norr', text: 'Norr', protected: false }, { value: 3, text: '<5', protected: true }, { value: 38100, text: 'skyddat', protected: true }, { value: null, text: 'skyddat', protected: true }, { value: null, text: '–', protected: false }],
  ],
  notes: ['skyddat: färre än 5 hushåll'],
};
const ctx: ReportContext = {
  title: 'Månadsrapport',
  dataFile: 'utbetalningar.arrow (exempeldata)',
  period: 'mars 2023 – april 2023',
  filters: ['Enhet: Söder', 'Hushållstyp: övriga hushåll'],
  generatedAt: '2026-11-29T12:00:00Z',
  threshold: 5,
  definitions: [{ term: 'Aktiva hushåll', text: 'Hushåll med utbetalning > 0 kr under månaden.' }],
};

async function readBack(tables: ReportTable[] = [perMonth]): Promise<ExcelJS.Workbook> {
  const bytes = await writeXlsx(tables, ctx);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  return workbook;
}

describe('writeXlsx(tables, ctx)', () => {
  it('writes one sheet per table, then "Om rapporten"', async () => {
    // Both cut to the same name; the second gets a number, cut further to stay within 31 characters.
    const wb = await readBack([perMonth, perMonth]);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['Per månad hushåll och utbetalt', 'Per månad hushåll och utbet (2)', ABOUT_SHEET]);
  });

  it('stores real numbers and dates with a number format per column kind', async () => {
    const sheet = (await readBack()).worksheets[0]!;
    expect(sheet.getRow(1).values).toEqual([undefined, 'Månad', 'Enhet', 'Hushåll', 'Utbetalt', 'E-ansökningsandel', 'Biståndsmånader per hushåll']);
    const row = sheet.getRow(2);
    expect(row.getCell(1).value).toEqual(new Date(Date.UTC(2023, 2, 1)));
    expect(row.getCell(3).value).toBe(151);
    expect(row.getCell(4).value).toBe(1261000);
    expect(row.getCell(5).value).toBe(0.743);
    expect(row.getCell(6).value).toBe(6.54);
    expect([1, 2, 3, 4, 5, 6].map((c) => row.getCell(c).numFmt)).toEqual(['[$-41D]mmmm yyyy', '@', '#,##0', '#,##0 "kr"', '0.0 %', '#,##0.0']);
  });

  it('writes formula-like text as a string, never as a formula', async () => {
    const cell = (await readBack()).worksheets[0]!.getRow(2).getCell(2);
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.value).toBe('=HYPERLINK("x")');
  });

  it('writes protected cells as their text; the hidden numbers appear nowhere in the file', async () => {
    const wb = await readBack();
    const row = wb.worksheets[0]!.getRow(3);
    expect([3, 4, 5, 6].map((c) => row.getCell(c).value)).toEqual(['<5', 'skyddat', 'skyddat', '–']);
    const everything: unknown[] = [];
    wb.eachSheet((s) => s.eachRow((r) => everything.push(...(r.values as unknown[]))));
    expect(everything).not.toContain(3);
    expect(everything).not.toContain(38100);
  });

  it('puts notes under the table after an empty row', async () => {
    const sheet = (await readBack()).worksheets[0]!;
    expect(sheet.getRow(5).getCell(1).value).toBe('skyddat: färre än 5 hushåll');
  });

  it('says where the figures come from on "Om rapporten"', async () => {
    const about = (await readBack()).getWorksheet(ABOUT_SHEET)!;
    const rows = new Map<string, unknown>();
    about.eachRow((r) => rows.set(String(r.getCell(1).value), r.getCell(2).value));
    expect(rows.get('Datafil')).toBe('utbetalningar.arrow (exempeldata)');
    expect(rows.get('Period')).toBe('mars 2023 – april 2023');
    expect(rows.get('Filter')).toBe('Enhet: Söder, Hushållstyp: övriga hushåll');
    // 12:00 UTC is 13:00 in Stockholm in November.
    expect(rows.get('Skapad')).toBe('29 november 2026 kl. 13:00');
    expect(String(rows.get('Skyddade småtal'))).toContain('från 1 till 4 visas som "<5"');
    expect(rows.get('Aktiva hushåll')).toBe('Hushåll med utbetalning > 0 kr under månaden.');
    expect(rows.get('Per månad hushåll och utbetalt')).toBe('Per månad: hushåll och utbetalt');
  });

  it('"Om rapporten" names the threshold in force (T = 10)', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await writeXlsx([perMonth], { ...ctx, threshold: 10 })) as never);
    const about = workbook.getWorksheet(ABOUT_SHEET)!;
    let rule = '';
    about.eachRow((r) => {
      if (r.getCell(1).value === 'Skyddade småtal') rule = String(r.getCell(2).value);
    });
    expect(rule).toMatch(/^Skyddat: färre än 10 hushåll\. Antal hushåll eller personer från 1 till 9 visas som "<10"\./);
  });
});

describe('sheetNames(titles, taken)', () => {
  it.each([
    [['a/b:c*d?e[f]g\\h'], [], ['a b c d e f g h']],
    [["'citat'"], [], ['citat']],
    [['', '  '], [], ['Tabell', 'Tabell (2)']],
    [['Om rapporten'], ['Om rapporten'], ['Om rapporten (2)']],
    [['X'.repeat(40), 'x'.repeat(40)], [], ['X'.repeat(31), `${'x'.repeat(27)} (2)`]],
  ])('%j → %j', (titles, taken, expected) => {
    expect(sheetNames(titles, taken)).toEqual(expected);
  });
});
