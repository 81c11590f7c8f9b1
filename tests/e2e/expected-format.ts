/**
 * Swedish number text for the browser tests' expected values, written from the rules in docs/ (space
 * as thousands separator, decimal comma, counts 1–4 shown as <5, true minus sign) on top of Intl
 * rather than src/format, so a mistake in the page's formatters cannot also be in the expectation.
 * Whitespace is compared normalised (`plain`), so which space character separates groups does not matter.
 */
const sv = (decimals: number) => new Intl.NumberFormat('sv-SE', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });

/** Collapses every kind of space to one ASCII space, as the tests compare page text. */
export const plain = (s: string): string => s.replace(/\s+/g, ' ').trim();

/** A count rounded to whole units, 1–4 suppressed as <5. */
export function count(n: number): string {
  const r = Math.round(n);
  return plain(r > 0 && r < 5 ? '<5' : sv(0).format(r));
}

/** A whole number without suppression: `−12 345`. */
export const whole = (n: number): string => plain(sv(0).format(Math.round(n)));

/** Whole kronor: `1 261 000 kr`. */
export const kr = (n: number): string => plain(`${sv(0).format(Math.round(n))} kr`);

/** Millions of kronor with one decimal: `12,3 mnkr`. */
export const mnkr = (n: number): string => plain(`${sv(1).format(n / 1e6)} mnkr`);

/** A share 0–1 in whole percent: `71 %`. */
export const percent = (share: number, decimals = 0): string => plain(`${sv(decimals).format(share * 100)} %`);

/** Months with one decimal: `6,5 mån`. */
export const months = (n: number): string => plain(`${sv(1).format(n)} mån`);

/** `+12`, `−3`: a sign and the magnitude in `body`'s format. */
export const signed = (n: number, body: (abs: number) => string): string => `${n > 0 ? '+' : n < 0 ? '\u2212' : '±'}${body(Math.abs(n))}`;
