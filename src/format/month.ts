/**
 * The one month module. Months as text are `YYYY-MM`; as integers, index = year × 12 + (month − 1).
 * Every metric table stores months this way so that "G months before m" is plain integer arithmetic
 * in SQL and in TypeScript alike; month arithmetic anywhere else goes through these functions.
 */

/** A calendar month written `YYYY-MM` (month 01–12). */
export const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;

/** True for a `YYYY-MM` month. */
export function isMonth(text: string): boolean {
  return MONTH_PATTERN.test(text);
}

/** `2021-05` → 24256; throws a Swedish error naming `what` when the text is not a month. */
export function toMonthIndex(month: string, what = 'månad'): number {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  const m = match ? Number(match[2]) : 0;
  if (!match || m < 1 || m > 12) throw new RangeError(`Ogiltig ${what}: ${month} (ange ÅÅÅÅ-MM)`);
  return Number(match[1]) * 12 + m - 1;
}

/** 24256 → `2021-05`. */
export function fromMonthIndex(index: number): string {
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
}

/** The calendar year of a month index. */
export function yearOf(index: number): number {
  return Math.floor(index / 12);
}

/** `YYYY-MM` of the month `offset` months after `month` (`2025-12`, 1 → `2026-01`). */
export function addMonths(month: string, offset: number): string {
  return fromMonthIndex(toMonthIndex(month) + offset);
}
