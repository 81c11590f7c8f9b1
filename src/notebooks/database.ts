/**
 * What the notebook pages read from the loaded database besides cell results: how `manad` is
 * stored, the tables and columns the editor offers, and which budget units the data lacks. Kept
 * here so the UI holds no SQL (docs/architecture.md, dependencies one way).
 */
import { toIdentifier, type Connector } from '../engine/connector.ts';
import type { Budget } from './budget.ts';
import type { ManadKind } from './filters.ts';
import { distinctValuesSql, optionsTable } from './compile.ts';

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

/**
 * Units the budget names that the data does not have (a misspelt enhet budgets nothing), sorted the
 * Swedish way. The data's units are read as an `enhet` filter input's options are (`optionsTable`:
 * the `filtervarden` view over the loaded month aggregate), so the check never loads the raw rows;
 * `table` reads another table instead.
 */
export async function unknownBudgetUnits(db: Connector, budget: Budget, table = optionsTable('enhet')): Promise<string[]> {
  if (!budget.hasEnhet) return [];
  const t = await db.query(distinctValuesSql('enhet', toIdentifier(table)));
  const known = new Set((t.getChild('value')?.toArray() ?? []) as string[]);
  return [...new Set(budget.rows.map((r) => r.enhet!))].filter((e) => !known.has(e)).sort((a, b) => a.localeCompare(b, 'sv'));
}
