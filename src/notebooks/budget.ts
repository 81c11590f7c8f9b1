/**
 * The budget file a delårsbokslut or månadsrapport compares utfall with: parsed and checked here
 * (pure, no DOM), loaded as table `budget` by `loadBudget`. Format in docs/notebooks.md.
 */
import type { Connector } from '../engine/connector.ts';
import { MONTH_PATTERN as MONTH } from '../format/month.ts';

/** One budget row: a month (and unit) with the budgeted payments and, optionally, budgeted households. */
export interface BudgetRow {
  readonly manad: string;
  /** The unit the row budgets, or null when the file has no `enhet` column (whole municipality). */
  readonly enhet: string | null;
  readonly budget_kr: number;
  /** Budgeted households paid in the month (household months), or null without a `hushall` column. */
  readonly hushall: number | null;
}

/** A parsed budget file and which optional columns it has. */
export interface Budget {
  readonly rows: readonly BudgetRow[];
  readonly hasEnhet: boolean;
  readonly hasHushall: boolean;
}

/** A budget file that cannot be used, with every problem found (line by line, in Swedish). */
export class BudgetFileError extends Error {
  constructor(readonly problems: readonly string[]) {
    const shown = problems.slice(0, 8);
    const more = problems.length > shown.length ? `\n… och ${problems.length - shown.length} fel till.` : '';
    super(`Budgetfilen kan inte användas:\n${shown.join('\n')}${more}`);
    this.name = 'BudgetFileError';
  }
}

type Column = 'manad' | 'enhet' | 'budget_kr' | 'hushall';
// Header names as a controller might write them; each maps to one column of table `budget`.
const HEADER: Record<string, Column> = { manad: 'manad', 'månad': 'manad', enhet: 'enhet', budget_kr: 'budget_kr', hushall: 'hushall', 'hushåll': 'hushall' };

/**
 * Reads an amount as written in a Swedish spreadsheet: spaces (also no-break) as thousands
 * separators; with `;` as field separator a decimal comma is allowed. Null for anything else.
 */
export function parseAmount(text: string, decimalComma: boolean): number | null {
  let s = text.replace(/[\s\u00a0\u202f]/g, '');
  if (decimalComma) s = s.replace(',', '.');
  if (!/^\d+(\.\d+)?$/.test(s)) return null;
  return Number(s);
}

/**
 * Parses a budget file: a header with `manad` and `budget_kr` and optionally `enhet` and `hushall`,
 * fields separated by `;` (or `,`), one line per month (and unit). Nothing is dropped silently:
 * any bad line, unknown column or repeated month makes it throw a BudgetFileError listing them all.
 */
export function parseBudgetCsv(text: string): Budget {
  const lines = text.replace(/^\ufeff/, '').replace(/\r\n?/g, '\n').split('\n');
  const headerAt = lines.findIndex((l) => l.trim() !== '');
  if (headerAt < 0) throw new BudgetFileError(['Filen är tom.']);
  const sep = lines[headerAt]!.includes(';') ? ';' : ',';
  const names = lines[headerAt]!.split(sep).map((s) => s.trim().toLocaleLowerCase('sv-SE'));
  const problems: string[] = [];
  const cols = names.map((n) => HEADER[n]);
  names.forEach((n, i) => {
    if (cols[i] === undefined) problems.push(`Rubrikraden: okänd kolumn "${n}" (tillåtna: manad, budget_kr, enhet, hushall).`);
    else if (cols.indexOf(cols[i]) !== i) problems.push(`Rubrikraden: kolumnen "${n}" finns två gånger.`);
  });
  for (const required of ['manad', 'budget_kr'] as const) {
    if (!cols.includes(required)) problems.push(`Rubrikraden saknar kolumnen "${required}" (första raden ska vara t.ex. "manad;budget_kr").`);
  }
  if (problems.length) throw new BudgetFileError(problems);
  const at = (c: Column) => cols.indexOf(c);
  const hasEnhet = at('enhet') >= 0;
  const hasHushall = at('hushall') >= 0;
  const rows: BudgetRow[] = [];
  const seen = new Map<string, number>();
  for (let i = headerAt + 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    const where = `Rad ${i + 1}`;
    const f = line.split(sep).map((s) => s.trim());
    if (f.length !== names.length) {
      problems.push(`${where}: ${f.length} fält, rubrikraden har ${names.length} ("${line}").${sep === ',' && f.length > names.length ? ' Decimalkomma kräver semikolon som avgränsare.' : ''}`);
      continue;
    }
    const manad = f[at('manad')]!;
    const enhet = hasEnhet ? f[at('enhet')]! : null;
    const kr = parseAmount(f[at('budget_kr')]!, sep === ';');
    const hushall = hasHushall ? parseAmount(f[at('hushall')]!, sep === ';') : null;
    const before = problems.length;
    if (!MONTH.test(manad)) problems.push(`${where}: månaden "${manad}" ska skrivas ÅÅÅÅ-MM, t.ex. 2025-01.`);
    if (enhet === '') problems.push(`${where}: enhet saknas (filen har kolumnen enhet, så varje rad ska ha en).`);
    if (kr === null) problems.push(`${where}: beloppet "${f[at('budget_kr')]}" ska vara ett tal ≥ 0 i kronor, t.ex. 3585000 eller 3 585 000.`);
    if (hasHushall && hushall === null) problems.push(`${where}: antalet hushåll "${f[at('hushall')]}" ska vara ett tal ≥ 0.`);
    if (problems.length > before) continue;
    const key = enhet === null ? manad : `${manad} ${enhet}`;
    const first = seen.get(key);
    if (first !== undefined) {
      problems.push(`${where}: ${enhet === null ? `månaden ${manad}` : `månaden ${manad} för enheten ${enhet}`} finns redan på rad ${first}.`);
      continue;
    }
    seen.set(key, i + 1);
    rows.push({ manad, enhet, budget_kr: kr!, hushall });
  }
  if (problems.length) throw new BudgetFileError(problems);
  if (rows.length === 0) throw new BudgetFileError(['Filen har en rubrikrad men inga rader med budget.']);
  return { rows, hasEnhet, hasHushall };
}

/** Creates (or replaces) table `budget(manad, enhet, budget_kr, hushall)`; absent optional columns are NULL. */
export async function loadBudget(db: Connector, budget: Budget): Promise<void> {
  await db.query('CREATE OR REPLACE TABLE budget (manad VARCHAR, enhet VARCHAR, budget_kr DOUBLE, hushall DOUBLE)');
  // Chunks keep each statement's parameter list small for large per-unit budgets.
  for (let i = 0; i < budget.rows.length; i += 200) {
    const chunk = budget.rows.slice(i, i + 200);
    await db.query(`INSERT INTO budget VALUES ${chunk.map(() => '(?, ?, ?, ?)').join(', ')}`, chunk.flatMap((r) => [r.manad, r.enhet, r.budget_kr, r.hushall]));
  }
}

/** The budget's total per calendar year and how many months of that year it covers. */
export function budgetYearTotals(budget: Budget): { year: string; months: number; kr: number }[] {
  const years = new Map<string, { months: Set<string>; kr: number }>();
  for (const r of budget.rows) {
    const y = years.get(r.manad.slice(0, 4)) ?? { months: new Set<string>(), kr: 0 };
    y.months.add(r.manad);
    y.kr += r.budget_kr;
    years.set(r.manad.slice(0, 4), y);
  }
  return [...years].sort(([a], [b]) => a.localeCompare(b)).map(([year, y]) => ({ year, months: y.months.size, kr: y.kr }));
}
