/**
 * What the notebook pages read from the loaded database besides cell results: how `manad` is
 * stored, the tables and columns the editor offers, and which budget units the data lacks. Kept
 * here so the UI holds no SQL (docs/architecture.md, dependencies one way).
 */
import type { Connector } from '../engine/connector.ts';
import type { Budget } from './budget.ts';
import type { ManadKind } from './filters.ts';

/** How `manad` is stored in `table`, so the period filter can use a date range when it is a DATE. */
export async function detectManadKind(db: Connector, table: string): Promise<ManadKind> {
  const t = await db.query("SELECT data_type FROM information_schema.columns WHERE table_name = ? AND column_name = 'manad'", [table]);
  const type = String(t.getChild('data_type')?.get(0) ?? '');
  return /^(DATE|TIMESTAMP)/i.test(type) ? 'date' : 'text';
}

/** Every table of the main schema with its columns in table order (the SQL editor's completions). */
export async function tableColumns(db: Connector): Promise<Record<string, string[]>> {
  const t = await db.query(
    "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'main' ORDER BY table_name, ordinal_position",
  );
  const out: Record<string, string[]> = {};
  const tables = (t.getChild('table_name')?.toArray() ?? []) as string[];
  const cols = (t.getChild('column_name')?.toArray() ?? []) as string[];
  tables.forEach((tb, i) => (out[tb] ??= []).push(cols[i]!));
  return out;
}

/** Units the budget names that `table` does not have (a misspelt enhet budgets nothing), sorted the Swedish way. */
export async function unknownBudgetUnits(db: Connector, budget: Budget, table = 'utbetalningar'): Promise<string[]> {
  if (!budget.hasEnhet) return [];
  const t = await db.query(`SELECT DISTINCT enhet FROM "${table.replace(/"/g, '""')}" WHERE enhet IS NOT NULL`);
  const known = new Set((t.getChild('enhet')?.toArray() ?? []) as string[]);
  return [...new Set(budget.rows.map((r) => r.enhet!))].filter((e) => !known.has(e)).sort((a, b) => a.localeCompare(b, 'sv'));
}
