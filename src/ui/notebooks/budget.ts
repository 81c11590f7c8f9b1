/** The sample budget (data/budget.csv): parsed, checked and loaded as table `budget` for notebooks. */
import type { Connector } from '../../engine/connector.ts';

/** One budget row: a month and the budgeted payments for it, in kr. */
export interface BudgetRow {
  readonly manad: string;
  readonly budget_kr: number;
}

/**
 * Parses the budget file: a header `manad,budget_kr`, then one line per month (`YYYY-MM`, kronor as
 * a plain number). Throws a Swedish message naming the line on anything else.
 */
export function parseBudgetCsv(text: string): BudgetRow[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n').filter((l) => l.trim() !== '');
  if (lines[0]?.trim() !== 'manad,budget_kr') throw new Error('Budgetfilen ska börja med raden "manad,budget_kr".');
  const seen = new Set<string>();
  return lines.slice(1).map((line, i) => {
    const [manad = '', kr = '', ...rest] = line.split(',').map((s) => s.trim());
    const at = `budgetfilens rad ${i + 2}`;
    if (rest.length > 0) throw new Error(`För många fält på ${at}: "${line}".`);
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(manad)) throw new Error(`Månaden "${manad}" på ${at} ska skrivas ÅÅÅÅ-MM.`);
    if (seen.has(manad)) throw new Error(`Månaden ${manad} förekommer två gånger (${at}).`);
    seen.add(manad);
    const n = Number(kr);
    if (kr === '' || !Number.isFinite(n) || n < 0) throw new Error(`Beloppet "${kr}" på ${at} ska vara ett tal ≥ 0 i kronor.`);
    return { manad, budget_kr: n };
  });
}

/** Creates (or replaces) table `budget(manad VARCHAR, budget_kr DOUBLE)` from parsed rows. */
export async function loadBudget(db: Connector, rows: readonly BudgetRow[]): Promise<void> {
  await db.query('CREATE OR REPLACE TABLE budget (manad VARCHAR, budget_kr DOUBLE)');
  if (rows.length === 0) return;
  const values = rows.map(() => '(?, ?)').join(', ');
  await db.query(`INSERT INTO budget VALUES ${values}`, rows.flatMap((r) => [r.manad, r.budget_kr]));
}
