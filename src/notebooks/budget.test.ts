import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NodeConnector } from '../engine/node-connector.ts';
import { BudgetFileError, loadBudget, parseAmount, parseBudgetCsv } from './budget.ts';

function problemsOf(text: string): readonly string[] {
  try {
    parseBudgetCsv(text);
  } catch (error) {
    if (error instanceof BudgetFileError) return error.problems;
    throw error;
  }
  throw new Error('parsed without error');
}

describe('parseAmount(text, decimalComma)', () => {
  it.each([
    ['3585000', false, 3585000],
    ['3 585 000', true, 3585000],
    ['3\u00a0585\u00a0000,50', true, 3585000.5],
    ['250.5', false, 250.5],
    ['250,5', false, null],
    ['-1', true, null],
    ['', true, null],
    ['tio', true, null],
    ['3.585.000', true, null],
  ])('%j (decimal comma %s) → %s', (text, comma, value) => {
    expect(parseAmount(text, comma)).toBe(value);
  });
});

describe('parseBudgetCsv(text): Budget', () => {
  it('reads manad;budget_kr with Swedish amounts, BOM and CRLF', () => {
    expect(parseBudgetCsv('\ufeffmanad;budget_kr\r\n2025-01;3 585 000\r\n2025-02;250,5\r\n\r\n')).toEqual({
      rows: [
        { manad: '2025-01', enhet: null, budget_kr: 3585000, hushall: null },
        { manad: '2025-02', enhet: null, budget_kr: 250.5, hushall: null },
      ],
      hasEnhet: false,
      hasHushall: false,
    });
  });
  it('reads the comma-separated form and optional enhet and hushall in any order', () => {
    expect(parseBudgetCsv('Hushåll,Månad,budget_kr,enhet\n100,2025-01,1000000,Norr\n300,2025-01,3000000,Söder\n')).toEqual({
      rows: [
        { manad: '2025-01', enhet: 'Norr', budget_kr: 1000000, hushall: 100 },
        { manad: '2025-01', enhet: 'Söder', budget_kr: 3000000, hushall: 300 },
      ],
      hasEnhet: true,
      hasHushall: true,
    });
  });
  it.each([
    ['', ['Filen är tom.']],
    ['manad;budget\n', ['Rubrikraden: okänd kolumn "budget" (tillåtna: manad, budget_kr, enhet, hushall).', 'Rubrikraden saknar kolumnen "budget_kr" (första raden ska vara t.ex. "manad;budget_kr").']],
    ['manad;budget_kr;manad\n', ['Rubrikraden: kolumnen "manad" finns två gånger.']],
    ['manad;budget_kr\n', ['Filen har en rubrikrad men inga rader med budget.']],
    ['manad;budget_kr\n2025-13;1\n', ['Rad 2: månaden "2025-13" ska skrivas ÅÅÅÅ-MM, t.ex. 2025-01.']],
    ['manad;budget_kr\n2025-01;1\n2025-01;2\n', ['Rad 3: månaden 2025-01 finns redan på rad 2.']],
    ['manad;budget_kr\n2025-01;tio\n', ['Rad 2: beloppet "tio" ska vara ett tal ≥ 0 i kronor, t.ex. 3585000 eller 3 585 000.']],
    ['manad;budget_kr\n2025-01;-5\n', ['Rad 2: beloppet "-5" ska vara ett tal ≥ 0 i kronor, t.ex. 3585000 eller 3 585 000.']],
    ['manad,budget_kr\n2025-01,1,2\n', ['Rad 2: 3 fält, rubrikraden har 2 ("2025-01,1,2"). Decimalkomma kräver semikolon som avgränsare.']],
    ['manad;enhet;budget_kr\n2025-01;;1\n', ['Rad 2: enhet saknas (filen har kolumnen enhet, så varje rad ska ha en).']],
    ['manad;enhet;budget_kr\n2025-01;Norr;1\n2025-01;Norr;2\n', ['Rad 3: månaden 2025-01 för enheten Norr finns redan på rad 2.']],
    ['manad;budget_kr;hushall\n2025-01;1;\n', ['Rad 2: antalet hushåll "" ska vara ett tal ≥ 0.']],
  ])('refuses %j with Swedish messages', (text, problems) => {
    expect(problemsOf(text)).toEqual(problems);
  });
  it('lists every bad line, not only the first, and keeps none of the file', () => {
    const problems = problemsOf('manad;budget_kr\n2025-01;1\n2025-1;2\n2025-03;x\n2025-04;4\n');
    expect(problems).toEqual([
      'Rad 3: månaden "2025-1" ska skrivas ÅÅÅÅ-MM, t.ex. 2025-01.',
      'Rad 4: beloppet "x" ska vara ett tal ≥ 0 i kronor, t.ex. 3585000 eller 3 585 000.',
    ]);
    expect(() => parseBudgetCsv('manad;budget_kr\n2025-1;2\n')).toThrow(/^Budgetfilen kan inte användas:\nRad 2: månaden "2025-1"/);
  });
});

describe('loadBudget(db, budget)', () => {
  it('loads the bundled sample: 24 months in four units, 41,0 and 41,8 mnkr, budgeted households', async () => {
    const db = await NodeConnector.open();
    await loadBudget(db, parseBudgetCsv(readFileSync('data/budget.csv', 'utf8')));
    const t = await db.query(
      'SELECT left(manad, 4) AS ar, count(DISTINCT manad) AS n, count(DISTINCT enhet) AS enheter, sum(budget_kr) AS kr, sum(hushall) AS hm FROM budget GROUP BY 1 ORDER BY 1',
    );
    const rows = t.toArray().map((r) => r.toJSON());
    expect(rows.map((r) => [r.ar, Number(r.n), Number(r.enheter)])).toEqual([['2024', 12, 4], ['2025', 12, 4]]);
    expect(Math.abs(Number(rows[0]!.kr) - 41_000_000)).toBeLessThanOrEqual(6000);
    expect(Math.abs(Number(rows[1]!.kr) - 41_800_000)).toBeLessThanOrEqual(6000);
    // 98 + 80 + 86 + 64 = 328 households a month in 2024, 110 + 86 + 82 + 68 = 346 in 2025.
    expect([Number(rows[0]!.hm), Number(rows[1]!.hm)]).toEqual([328 * 12, 346 * 12]);
    await db.close();
  });
  it('gives NULL enhet and hushall when the file has neither column', async () => {
    const db = await NodeConnector.open();
    await loadBudget(db, parseBudgetCsv('manad;budget_kr\n2025-01;100\n'));
    const r = (await db.query('SELECT * FROM budget')).toArray().map((x) => x.toJSON());
    expect(r).toEqual([{ manad: '2025-01', enhet: null, budget_kr: 100, hushall: null }]);
    await db.close();
  });
});
