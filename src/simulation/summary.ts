/**
 * Payback month and calendar-year totals, computed from the monthly columns.
 */
import { addMonths } from '../format/month.ts';
import type { YearSummary } from './types.ts';

export { addMonths };

/** Amounts smaller than this (kr) are float rounding, not a deficit: one öre. */
export const NOISE_KR = 0.01;

/**
 * First 1-based month whose cumulative net savings are ≥ 0 after having been negative; null if the
 * cumulative never turns back, or never was negative (nothing to pay back).
 */
export function paybackMonth(cumulative: ArrayLike<number>, months = cumulative.length): number | null {
  let wasNegative = false;
  for (let i = 0; i < months; i++) {
    const value = cumulative[i]!;
    if (value < -NOISE_KR) wasNegative = true;
    else if (wasNegative) return i + 1;
  }
  return null;
}

/** Monthly figures summed per calendar year (the `YearSummary` fields other than year and months). */
export type YearInputs = { [K in Exclude<keyof YearSummary, 'year' | 'months'>]: ArrayLike<number> };

const YEAR_FIELDS = ['automationCostKr', 'paymentSavingsKr', 'freedHours', 'freedTimeValueKr', 'staffCostSavingsKr', 'budgetEffectKr', 'netSavingsKr'] as const;

/** Sums the monthly figures per calendar year, starting from `start` (`YYYY-MM`). */
export function yearTotals(start: string, months: number, inputs: YearInputs): YearSummary[] {
  const years: YearSummary[] = [];
  for (let i = 0; i < months; i++) {
    const year = Number(addMonths(start, i).slice(0, 4));
    let row = years[years.length - 1];
    if (!row || row.year !== year) {
      row = { year, months: 0, automationCostKr: 0, paymentSavingsKr: 0, freedHours: 0, freedTimeValueKr: 0, staffCostSavingsKr: 0, budgetEffectKr: 0, netSavingsKr: 0 };
      years.push(row);
    }
    row.months++;
    for (const field of YEAR_FIELDS) row[field] += inputs[field][i]!;
  }
  return years;
}
