/**
 * Recognises Swedish personnummer and samordningsnummer (Skatteverket's format): YYMMDD or YYYYMMDD,
 * an optional `-` (or `+` for age 100 and over), four digits whose last is a Luhn check digit over the
 * ten digits YYMMDDNNNC. A samordningsnummer has 60 added to the day.
 */

/** What a value is, as far as its digits tell. */
export type IdentityKind = 'personnummer' | 'samordningsnummer';

const PATTERN = /^(\d{2})?(\d{2})(\d{2})(\d{2})([-+]?)(\d{4})$/;

/** The kind of identity number `text` is, or null when it is not a valid one. */
export function identityKind(text: string): IdentityKind | null {
  const t = text.trim();
  if (t.length < 10 || t.length > 13) return null;
  const m = PATTERN.exec(t);
  if (!m) return null;
  const [, century, yy, mm, dd, , last4] = m;
  const month = Number(mm);
  let day = Number(dd);
  const coordination = day > 60;
  if (coordination) day -= 60;
  if (month < 1 || month > 12 || day < 1) return null;
  // With a century the date must exist; without, 29 February is allowed for any year (the century is unknown).
  const year = century === undefined ? (Number(yy) % 4 === 0 ? 2000 : 2001) : Number(`${century}${yy}`);
  if (century !== undefined && (year < 1800 || year > new Date().getFullYear())) return null;
  if (day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return null;
  if (!luhnValid(`${yy}${mm}${dd}${last4}`)) return null;
  return coordination ? 'samordningsnummer' : 'personnummer';
}

/** Luhn (mod 10) check over a string of digits, the last being the check digit. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/**
 * The same person's number in one canonical 12-digit form, so that `19800101-1234`, `800101-1234` and
 * `8001011234` pseudonymise to the same hushall_id. A 10-digit number takes the century that makes the
 * person younger than 100 (older with `+`), as Skatteverket defines it. Null when not a valid number.
 */
export function canonicalIdentity(text: string, today = new Date()): string | null {
  if (identityKind(text) === null) return null;
  const m = PATTERN.exec(text.trim())!;
  const [, century, yy, mm, dd, sep, last4] = m;
  if (century !== undefined) return `${century}${yy}${mm}${dd}${last4}`;
  const thisYear = today.getFullYear();
  let year = Math.floor(thisYear / 100) * 100 + Number(yy);
  if (year > thisYear) year -= 100;
  if (sep === '+') year -= 100;
  return `${year}${mm}${dd}${last4}`;
}
