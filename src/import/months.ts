/**
 * Months in the forms Swedish exports use, turned into `YYYY-MM`: `2024-05`, `202405`, `2024-05-31`
 * (the date's month), `maj 2024`, `2024M05` (SCB), `2024-05-31 00:00:00`, and Excel serial day numbers
 * (a date cell saved as a number). Anything else is refused with a reason; nothing is guessed from a
 * day-first or month-first date, which are ambiguous.
 */

/** A parsed month, or the Swedish reason the text is not one. */
export type ParsedMonth = { ok: true; month: string } | { ok: false; reason: string };

/** The years accepted: from 1990 (earlier rows are typing errors that distort bidragstid) to next year. */
export interface MonthRange {
  firstYear: number;
  lastYear: number;
}

/** 1990 to the year after `today`'s year (payments are sometimes booked for next January). */
export function defaultMonthRange(today = new Date()): MonthRange {
  return { firstYear: 1990, lastYear: today.getFullYear() + 1 };
}

const MONTH_NAMES: Record<string, number> = {
  jan: 1, januari: 1, feb: 2, februari: 2, mar: 3, mars: 3, apr: 4, april: 4, maj: 5, jun: 6, juni: 6,
  jul: 7, juli: 7, aug: 8, augusti: 8, sep: 9, sept: 9, september: 9, okt: 10, oktober: 10, nov: 11,
  november: 11, dec: 12, december: 12,
};

const YYYY_MM = /^\d{4}-(0[1-9]|1[0-2])$/;

// Excel's day 0 is 1899-12-30 (it counts the non-existent 1900-02-29).
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

/** Parses one month text and checks it lies in `range`. */
export function parseMonth(text: string, range: MonthRange): ParsedMonth {
  // Fast path for the contract's own form, YYYY-MM.
  if (text.length === 7 && YYYY_MM.test(text)) {
    const year = Number(text.slice(0, 4));
    if (year >= range.firstYear && year <= range.lastYear) return { ok: true, month: text };
  }
  const t = text.trim();
  if (t === '') return { ok: false, reason: 'värde saknas' };
  const ym = toYearMonth(t);
  if (ym === null) return { ok: false, reason: 'inte en månad (t.ex. 2024-05, 202405, maj 2024)' };
  const [year, month] = ym;
  if (month < 1 || month > 12) return { ok: false, reason: 'månadsnumret är inte 1–12' };
  if (year < range.firstYear || year > range.lastYear) {
    return { ok: false, reason: `månaden ligger utanför ${range.firstYear}–${range.lastYear}` };
  }
  return { ok: true, month: `${year}-${String(month).padStart(2, '0')}` };
}

function toYearMonth(t: string): [number, number] | null {
  let m = /^(\d{4})[-/.](\d{1,2})$/.exec(t) ?? /^(\d{4})(\d{2})$/.exec(t) ?? /^(\d{4})\s*M(\d{1,2})$/i.exec(t);
  if (m) return [Number(m[1]), Number(m[2])];
  m = /^(\d{4})-?(\d{2})-?(\d{2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(t);
  if (m) return isRealDate(Number(m[1]), Number(m[2]), Number(m[3])) ? [Number(m[1]), Number(m[2])] : null;
  m = /^([a-zåäö]+)\.?[\s-]+(\d{4})$/i.exec(t);
  if (m) {
    const month = MONTH_NAMES[m[1]!.toLowerCase()];
    return month === undefined ? null : [Number(m[2]), month];
  }
  m = /^(\d{5})(?:[.,]\d+)?$/.exec(t);
  if (m) {
    const date = new Date(EXCEL_EPOCH_MS + Number(m[1]) * DAY_MS);
    return [date.getUTCFullYear(), date.getUTCMonth() + 1];
  }
  return null;
}

function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}
