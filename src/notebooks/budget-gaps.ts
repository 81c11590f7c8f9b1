/**
 * Why a budget figure is "–": the budget file has no budget for the year, not all twelve months, or
 * only the whole municipality's while one unit is chosen. One Swedish sentence, or null when the
 * budget is complete for what is shown.
 */
import { formatMonth } from '../format/sv.ts';

/** One budget row as the note needs it: its month (YYYY-MM) and unit (null in a file without `enhet`). */
export interface BudgetMonth {
  readonly manad: string;
  readonly enhet: string | null;
}

/** The sentence for the period `from..to` (YYYY-MM) and the chosen unit (`null` = all units). */
export function budgetGapNote(rows: readonly BudgetMonth[], from: string, to: string, enhet: string | null): string | null {
  const year = to.slice(0, 4);
  const perUnit = rows.some((r) => r.enhet !== null);
  if (enhet !== null && !perUnit && rows.length > 0) {
    return `Budgetfilen har bara budget för hela kommunen, inte per enhet. Med enheten ${enhet} vald står därför streck (–) där budgeten skulle stå.`;
  }
  const chosen = enhet === null ? rows : rows.filter((r) => r.enhet === enhet);
  const months = new Set(chosen.map((r) => r.manad));
  const inYear = [...months].filter((m) => m.startsWith(`${year}-`)).length;
  const years = [...new Set([...months].map((m) => m.slice(0, 4)))].sort();
  const unit = enhet === null ? '' : ` för ${enhet}`;
  if (inYear === 0) {
    const has = years.length === 0 ? (enhet === null ? 'ingen budget alls' : `ingen rad för ${enhet}`) : `budget för ${years.join(', ')}`;
    return `Budgetfilen har ingen budget${unit} för ${year} (den har ${has}). Därför står streck (–) för budget och avvikelse mot budget.`;
  }
  const missing: string[] = [];
  for (let m = from; m <= to; m = next(m)) if (!months.has(m)) missing.push(formatMonth(m));
  if (missing.length > 0) {
    return `Budgetfilen saknar budget${unit} för ${missing.join(', ')}. Budgeten för perioden kräver varje månad och visas därför som streck (–).`;
  }
  if (inYear < 12) {
    return `Budgetfilen har budget${unit} för ${inYear} av årets tolv månader ${year}. Helårsbudgeten kräver alla tolv och visas därför som streck (–).`;
  }
  return null;
}

function next(month: string): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}
