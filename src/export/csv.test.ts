import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseCsv } from '../import/csv.ts';
import type { ReportCell, ReportColumn, ReportContext, ReportTable } from '../format/report.ts';
import { BOM, csvNumber, neutralise, writeCsv, writeReportCsv } from './csv.ts';

const num = (value: number, text = String(value)): ReportCell => ({ value, text, protected: false });
const txt = (value: string): ReportCell => ({ value, text: value, protected: false });
const shielded = (text = '<5'): ReportCell => ({ value: null, text, protected: true });

const columns: ReportColumn[] = [
  { label: 'Månad', kind: 'month' },
  { label: 'Hushåll', kind: 'count' },
  { label: 'Utbetalt', kind: 'kr' },
  { label: 'E-ansökningsandel', kind: 'share', decimals: 1 },
  { label: 'Förändring', kind: 'number', decimals: 1 },
];
const table: ReportTable = {
  title: 'Per månad',
  columns,
  rows: [
    [{ value: '2023-03', text: 'mars 2023', protected: false }, num(151), num(1261000.5), num(0.743), num(-3.25)],
    [{ value: '2023-04', text: 'april 2023', protected: false }, shielded(), shielded('skyddat'), shielded('skyddat'), num(0)],
  ],
};

describe('writeCsv(table)', () => {
  const text = writeCsv(table);

  it('starts with a UTF-8 byte-order mark and ends every line with CRLF', () => {
    expect(text.startsWith(BOM)).toBe(true);
    expect(text.slice(1).split('\r\n')).toHaveLength(4); // header, two rows, and '' after the last CRLF
    expect(text.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
  });

  it('writes semicolons, decimal commas, ASCII minus and shares in percent, worked by hand', () => {
    const lines = text.slice(1).split('\r\n');
    expect(lines[0]).toBe('Månad;Hushåll;Utbetalt;E-ansökningsandel (%);Förändring');
    expect(lines[1]).toBe('mars 2023;151;1261000,5;74,3;-3,25');
    expect(lines[2]).toBe('april 2023;<5;skyddat;skyddat;0');
  });

  it('gives protected cells as their text, never a number', () => {
    const secret: ReportTable = { title: 't', columns: [{ label: 'Hushåll', kind: 'count' }], rows: [[{ value: 3, text: '<5', protected: true }]] };
    expect(writeCsv(secret)).toBe(`${BOM}Hushåll\r\n<5\r\n`);
  });

  it('writes the table\'s notes after an empty line, so a protected cell is explained in the file', () => {
    const noted: ReportTable = { title: 't', columns: [{ label: 'Hushåll', kind: 'count' }], rows: [[{ value: 3, text: '<5', protected: true }]], notes: ['skyddat: färre än 5 hushåll'] };
    expect(writeCsv(noted)).toBe(`${BOM}Hushåll\r\n<5\r\n\r\nskyddat: färre än 5 hushåll\r\n`);
  });

  it('quotes fields with separators, quotes and line breaks', () => {
    const t: ReportTable = { title: 't', columns: [{ label: 'a;b', kind: 'text' }, { label: 'c', kind: 'text' }], rows: [[txt('sa "hej"'), txt('rad1\nrad2')]] };
    expect(writeCsv(t)).toBe(`${BOM}"a;b";c\r\n"sa ""hej""";"rad1\nrad2"\r\n`);
  });

  it('reads back with the import\'s own CSV reader as the same fields', () => {
    const read = parseCsv(text.slice(1), ';');
    expect(read.header).toEqual(['Månad', 'Hushåll', 'Utbetalt', 'E-ansökningsandel (%)', 'Förändring']);
    expect(read.columns[2]).toEqual(['1261000,5', 'skyddat']);
  });
});

describe('csvNumber(value, decimals)', () => {
  it.each([
    [1261000, 0, '1261000'],
    [8350.333333, 2, '8350,33'],
    [-3.5, 6, '-3,5'],
    [-0.0000001, 2, '0'],
    [0.1 + 0.2, 6, '0,3'],
    [1e21, 0, '1e+21'],
  ])('%d with %d places → %s', (value, decimals, expected) => {
    // 1e21 documents toFixed's limit; no figure in a report comes near it.
    expect(csvNumber(value, decimals)).toBe(expected);
  });
});

describe('neutralise(text)', () => {
  it.each(['=SUM(A1)', '+46', '-1+2', '@cmd', '\tx', '\rx'])('prefixes %j with an apostrophe', (s) => {
    expect(neutralise(s)).toBe(`'${s}`);
  });
  it.each(['Söder', '<5', '−3,5 %', "'"])('leaves %j alone', (s) => expect(neutralise(s)).toBe(s));

  it('after writing, no text cell begins with a formula character; negative numbers stay numbers', () => {
    const cell = fc.oneof(
      fc.string({ unit: fc.constantFrom('=', '+', '-', '@', '\t', '\r', '\n', ';', '"', 'a', '1', ',', ' ', 'å') , maxLength: 8 }).map((s): [ReportCell, 'text'] => [txt(s), 'text']),
      fc.double({ min: -1e9, max: 1e9, noNaN: true }).map((v): [ReportCell, 'number'] => [num(v), 'number']),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(cell, cell), { minLength: 1, maxLength: 5 }), (pairs) => {
        // Column kinds follow the first row; later rows of another kind are written as their text.
        const kinds = [pairs[0]![0][1], pairs[0]![1][1]];
        const t: ReportTable = {
          title: 't',
          columns: kinds.map((kind, i) => ({ label: `k${i}`, kind, decimals: 2 })),
          rows: pairs.map(([a, b]) => [a[0], b[0]]),
        };
        const read = parseCsv(writeCsv(t).slice(1), ';');
        for (let c = 0; c < 2; c++) {
          read.columns[c]!.forEach((field, r) => {
            const source = t.rows[r]![c]!;
            const isNumber = kinds[c] === 'number' && typeof source.value === 'number';
            if (isNumber) expect(field).toMatch(/^-?\d+(,\d+)?$/);
            else expect(field).not.toMatch(/^[=+\-@\t\r]/);
          });
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('writeCsv(table, context) and writeReportCsv: the file says where its figures come from', () => {
  const context: ReportContext = {
    title: 'Månadsrapport till nämnden', dataFile: 'utbetalningar.arrow (exempeldata)', period: 'januari 2025 – juni 2025',
    filters: ['Enhet: Norr', '-Hushållstyp; med barn'], generatedAt: '2025-07-01T08:30:00Z', threshold: 10,
    definitions: [{ term: 'Aktiva hushåll', text: 'Hushåll med utbetalning > 0 i månaden.' }],
  };
  const noted: ReportTable = { ...table, notes: ['skyddat: färre än 10 hushåll'] };

  it('after the table and its notes: an empty line, "Om rapporten" and one label;text line each, as worked by hand', () => {
    const lines = writeCsv(noted, context).slice(1).split('\r\n');
    expect(lines.slice(0, 5)).toEqual(writeCsv(noted).slice(1).split('\r\n').slice(0, 5));
    expect(lines.slice(3, 13)).toEqual([
      '',
      'skyddat: färre än 10 hushåll',
      '',
      'Om rapporten',
      'Rapport;Månadsrapport till nämnden',
      'Datafil;utbetalningar.arrow (exempeldata)',
      'Period;januari 2025 – juni 2025',
      // A filter text holding the separator is quoted.
      'Filter;"Enhet: Norr, -Hushållstyp; med barn"',
      'Skapad;1 juli 2025 kl. 10:30',
      'Skyddade småtal;Skyddat: färre än 10 hushåll. Antal hushåll eller personer från 1 till 9 visas som ""<10"". Belopp, andelar och förändringar som skulle avslöja en sådan grupp visas som ""skyddat"", liksom den näst minsta gruppen där en summa annars kunde räknas fram. Skyddade celler är text i filen; talet finns inte med.',
    ].map((l) => (l.startsWith('Skyddade') ? `Skyddade småtal;"${l.slice('Skyddade småtal;'.length)}"` : l)));
    expect(lines.slice(13)).toEqual(['Aktiva hushåll;Hushåll med utbetalning > 0 i månaden.', '']);
  });

  it('a spreadsheet parser reads the context back as two fields a line; no field starts with a formula character', () => {
    const read = parseCsv(writeCsv(noted, { ...context, filters: ['=SUM(A1)'] }).slice(1), ';');
    const first = read.columns[0]!;
    const second = read.columns[1]!;
    const start = first.indexOf('Om rapporten') + 1;
    expect(first.slice(start, start + 7)).toEqual(['Rapport', 'Datafil', 'Period', 'Filter', 'Skapad', 'Skyddade småtal', 'Aktiva hushåll']);
    expect(second[first.indexOf('Filter')]).toBe("'=SUM(A1)");
  });

  it('a whole report: each table under its title, blank lines between, the context once at the end', () => {
    const other: ReportTable = { title: 'Per år', columns: [{ label: 'År', kind: 'text' }, { label: 'Hushåll', kind: 'count' }], rows: [[txt('2024'), num(300)]] };
    const text = writeReportCsv([noted, other], { ...context, filters: [] });
    expect(text.startsWith(BOM)).toBe(true);
    expect(text.indexOf(BOM, 1)).toBe(-1);
    const lines = text.slice(1).split('\r\n');
    expect(lines[0]).toBe('Per månad');
    expect(lines.slice(lines.indexOf('Per år'), lines.indexOf('Per år') + 3)).toEqual(['Per år', 'År;Hushåll', '2024;300']);
    expect(lines[lines.indexOf('Per år') - 1]).toBe('');
    expect(lines.filter((l) => l === 'Om rapporten')).toHaveLength(1);
    expect(lines.indexOf('Om rapporten')).toBeGreaterThan(lines.indexOf('Per år'));
    expect(lines).toContain('Filter;Inga (alla hushåll)');
  });
});
