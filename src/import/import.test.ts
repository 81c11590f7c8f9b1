import { describe, expect, it } from 'vitest';
import { ImportError } from './errors.ts';
import { SensitiveDataError, describeRejections } from './import.ts';
import { importFixtureFile } from './test-helpers.ts';

// Totals worked out by hand from the fixture files' text (tests/fixtures/import).
describe('importTable(readCsvBytes(file)): messy formats, file totals = imported totals', () => {
  it.each([
    { file: 'comma-utf8.csv', rows: 4, households: 3, kr: 28_100.5, encoding: 'utf-8', delimiter: ',' },
    { file: 'semicolon-bom-decimal-comma.csv', rows: 4, households: 3, kr: 1_282_350, encoding: 'utf-8 med BOM', delimiter: ';' },
    { file: 'windows-1252.csv', rows: 3, households: 2, kr: 23_900, encoding: 'windows-1252', delimiter: ';' },
    { file: 'month-formats.csv', rows: 7, households: 7, kr: 28_000, encoding: 'utf-8', delimiter: ';' },
    { file: 'quoted-newlines.csv', rows: 3, households: 3, kr: 5_501.5, encoding: 'utf-8', delimiter: ',' },
    { file: 'utf16-tab.csv', rows: 2, households: 2, kr: 300.75, encoding: 'utf-16le med BOM', delimiter: '\t' },
  ])('$file: $rows rows, $households households, $kr kr', async ({ file, rows, households, kr, encoding, delimiter }) => {
    const r = await importFixtureFile(file);
    expect(r.rejected).toEqual([]);
    expect(r.source).toMatchObject({ encoding, delimiter });
    expect(r.fileTotals).toEqual({ rows, households, utbetaltKr: kr, unreadableAmounts: 0 });
    expect(r.importedTotals).toEqual({ rows, households, utbetaltKr: kr });
    expect(r.rowCount).toBe(rows);
  });

  it('reads decimal comma and thousands spaces (also non-breaking) exactly', async () => {
    const r = await importFixtureFile('semicolon-bom-decimal-comma.csv');
    expect(r.columns.utbetalt_kr).toEqual([1_261_000.5, 8_350.25, 12_000, 999.25]);
    expect(r.columns.antal_barn).toEqual([2, 0, 1, 2]);
    expect([...r.mapping.how.values()]).toEqual(['namn', 'namn', 'namn', 'namn']);
  });

  it('decodes Windows-1252 å/ä/ö in headers and values', async () => {
    const r = await importFixtureFile('windows-1252.csv');
    expect(r.present).toEqual(['hushall_id', 'manad', 'utbetalt_kr', 'hushallstyp', 'forsorjningshinder']);
    expect(r.columns.hushallstyp).toEqual(['ensamstående kvinna utan barn', 'ensamstående man med barn', 'ensamstående kvinna utan barn']);
    expect(r.columns.manad).toEqual(['2024-05', '2024-05', '2024-06']);
  });

  it('reads every month form as May 2024 (45443 is Excel\'s serial for 2024-05-31)', async () => {
    const r = await importFixtureFile('month-formats.csv');
    expect(r.columns.manad).toEqual(Array(7).fill('2024-05'));
  });

  it('keeps separators, doubled quotes and newlines inside quoted fields; skips trailing empty lines', async () => {
    const r = await importFixtureFile('quoted-newlines.csv');
    expect(r.columns.enhet).toEqual(['Norr, team "A"', 'Söder\r\nandra raden', 'Väster']);
    expect(r.columns.utbetalt_kr).toEqual([1.5, 2500, 3000]);
  });

  it('casts the optional columns to the contract types', async () => {
    const r = await importFixtureFile('comma-utf8.csv');
    expect(r.columns.handlingsplan).toEqual([true, true, false, null]);
    expect(r.columns.antal_vuxna).toEqual([1, 1, 2, 3]);
    expect(r.columns.kanal).toEqual(['e-tjänst', 'e-tjänst', 'papper', 'muntlig']);
  });

  it('merges rows with the same household and month, sums the amounts and says so', async () => {
    const r = await importFixtureFile('duplicates.csv');
    expect(r.fileTotals).toEqual({ rows: 3, households: 2, utbetaltKr: 1_550.5, unreadableAmounts: 0 });
    expect(r.importedTotals).toEqual({ rows: 3, households: 2, utbetaltKr: 1_550.5 });
    expect(r.columns.hushall_id).toEqual(['D1', 'D2']);
    expect(r.columns.utbetalt_kr).toEqual([1_250.5, 300]);
    expect(r.notices).toEqual(['1 rader hade samma hushåll och månad som en tidigare rad och lades ihop (beloppen summerade).']);
  });
});

describe('importTable: bad values are refused with row, column and reason', () => {
  it('lists every bad row of bad-values.csv and imports only the two good ones', async () => {
    const r = await importFixtureFile('bad-values.csv');
    const byRow = Object.fromEntries(r.rejected.map((x) => [x.row, x.problems.map((p) => `${p.column}: ${p.reason}`)]));
    expect(byRow).toEqual({
      2: ['utbetalt_kr: inte ett ändligt tal'],
      3: ['utbetalt_kr: inte ett ändligt tal'],
      4: ['utbetalt_kr: tal i exponentform (t.ex. 1E+06) kan vara avrundat – exportera hela talet'],
      5: ['manad: inte en månad (t.ex. 2024-05, 202405, maj 2024)'],
      6: [expect.stringMatching(/^manad: månaden ligger utanför 1990–20\d\d$/)],
      7: [expect.stringMatching(/^manad: månaden ligger utanför 1990–20\d\d$/)],
      8: ['manad: månadsnumret är inte 1–12'],
      9: ['utbetalt_kr: negativt belopp'],
      10: ['utbetalt_kr: orimligt belopp (10 mnkr eller mer för ett hushåll och en månad)'],
      11: ['antal_vuxna: minst 1 vuxen'],
      12: ['antal_barn: inte ett heltal (antal kan inte ha decimaler)'],
      13: ['antal_barn: negativt antal'],
      14: ['kanal: okänd kanal (lägg till en värdemappning)'],
      15: ['hushall_id: värde saknas'],
      16: ['(raden): fler fält än rubrikraden'],
    });
    expect(r.columns.hushall_id).toEqual(['B1', 'B17']);
    expect(r.columns.utbetalt_kr).toEqual([1000, 2000.75]);
    // File: every finite amount (NaN, Infinity, 1e400 unreadable); imported: B1 + B17.
    expect(r.fileTotals).toEqual({ rows: 17, households: 16, utbetaltKr: 10_012_995.75, unreadableAmounts: 3 });
    expect(r.importedTotals).toEqual({ rows: 2, households: 2, utbetaltKr: 3_000.75 });
    expect(describeRejections(r, 1)).toEqual(['rad 2: utbetalt_kr: inte ett ändligt tal', '… och 14 rader till']);
  });

  it('refuses an empty file, a header without rows, and a file without a required column', async () => {
    await expect(importFixtureFile('empty.csv')).rejects.toThrow(new ImportError('Filen är tom.', 'empty'));
    await expect(importFixtureFile('header-only.csv')).rejects.toThrow('Filen har en rubrikrad men inga datarader.');
    await expect(importFixtureFile('utf16-tab.csv', { mapping: { format: 'bistandslaget-mapping', version: 1, name: 'x', columns: { manad: 'period' } } }))
      .rejects.toThrow('Kolumnen "period" som mappningen "x" anger för manad finns inte i filen.');
  });

  it('refuses personnummer by default, naming the column and the count but no value', async () => {
    const error = await importFixtureFile('personnummer.csv').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SensitiveDataError);
    expect((error as Error).message).toBe('Filen innehåller personuppgifter och importeras inte: kolumnen "personnummer" ser ut att '
      + 'innehålla personnummer eller samordningsnummer (4 värden). Ta bort kolumnen eller pseudonymisera den till hushall_id.');
    expect((error as Error).message).not.toMatch(/\d{4}-?\d{4}|\d{6}/);
  });
});
