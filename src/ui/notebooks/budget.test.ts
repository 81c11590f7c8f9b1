import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NodeConnector } from '../../engine/node-connector.ts';
import { loadBudget, parseBudgetCsv } from './budget.ts';

describe('parseBudgetCsv', () => {
  it('reads months and kronor', () => {
    expect(parseBudgetCsv('manad,budget_kr\r\n2025-01,100\n2025-02, 250.5\n')).toEqual([
      { manad: '2025-01', budget_kr: 100 },
      { manad: '2025-02', budget_kr: 250.5 },
    ]);
  });
  it.each([
    ['manad;budget\n', 'Budgetfilen ska börja med raden "manad,budget_kr".'],
    ['manad,budget_kr\n2025-13,1\n', 'Månaden "2025-13" på budgetfilens rad 2 ska skrivas ÅÅÅÅ-MM.'],
    ['manad,budget_kr\n2025-01,1\n2025-01,2\n', 'Månaden 2025-01 förekommer två gånger (budgetfilens rad 3).'],
    ['manad,budget_kr\n2025-01,tio\n', 'Beloppet "tio" på budgetfilens rad 2 ska vara ett tal ≥ 0 i kronor.'],
    ['manad,budget_kr\n2025-01,1,2\n', 'För många fält på budgetfilens rad 2: "2025-01,1,2".'],
  ])('refuses %j', (text, message) => {
    expect(() => parseBudgetCsv(text)).toThrow(message);
  });
  it('loads the committed sample into DuckDB: 24 months, 41,0 and 41,8 mnkr', async () => {
    const db = await NodeConnector.open();
    await loadBudget(db, parseBudgetCsv(readFileSync('data/budget.csv', 'utf8')));
    const t = await db.query('SELECT left(manad, 4) AS ar, count(*) AS n, sum(budget_kr) AS kr FROM budget GROUP BY 1 ORDER BY 1');
    const rows = t.toArray().map((r) => r.toJSON());
    expect(rows.map((r) => [r.ar, Number(r.n)])).toEqual([['2024', 12], ['2025', 12]]);
    expect(Math.abs(Number(rows[0]!.kr) - 41_000_000)).toBeLessThanOrEqual(6000);
    expect(Math.abs(Number(rows[1]!.kr) - 41_800_000)).toBeLessThanOrEqual(6000);
    await db.close();
  });
});
