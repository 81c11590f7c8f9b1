/**
 * Numbers as Swedish exports write them, parsed by our own rules: decimal comma or point, thousands
 * separated by spaces (also non-breaking and narrow no-break spaces, which Excel and sv-SE formatting
 * insert), an optional "kr". The value is the exact decimal the text says (as a double), never rounded.
 */

/** A parsed number, or the Swedish reason it is not one. */
export type Parsed = { ok: true; value: number } | { ok: false; reason: string };

// Spaces that sv-SE formatting uses between thousands groups.
const PLAIN = /^\d{1,15}(\.\d{1,6})?$/;
const GROUP_SPACES = /[ \u00a0\u202f\u2007\u2009]/;

/** Parses a decimal number written the Swedish or the English way. Empty text is not a number. */
export function parseNumber(text: string): Parsed {
  // Fast path for the common plain form ("3258", "3258.0"): a million rows must not pay for the rest.
  if (PLAIN.test(text)) return { ok: true, value: Number(text) };
  let t = text.trim().replace(/\u2212/g, '-');
  if (t === '') return { ok: false, reason: 'värde saknas' };
  t = t.replace(/\s*(kr|sek|:-)\.?$/i, '');
  if (GROUP_SPACES.test(t)) {
    // Spaces are only thousands separators: "1 261 000,50", never "1 5".
    t = t.replace(/[ \u00a0\u202f\u2007\u2009]/g, ' ');
    if (!/^[+-]?\d{1,3}( \d{3})+([.,]\d+)?$/.test(t)) return { ok: false, reason: 'inte ett tal' };
    t = t.replaceAll(' ', '');
  }
  if (/^[+-]?(nan|inf|infinity)$/i.test(t)) return { ok: false, reason: 'inte ett ändligt tal' };
  if (/^[+-]?[\d.,]+e[+-]?\d+$/i.test(t)) {
    return { ok: false, reason: 'tal i exponentform (t.ex. 1E+06) kan vara avrundat – exportera hela talet' };
  }
  const m = /^([+-]?)(\d+(?:[.,]\d+)*)$/.exec(t);
  if (!m) return { ok: false, reason: 'inte ett tal' };
  const normalised = normaliseSeparators(m[2]!);
  if (normalised === null) return { ok: false, reason: 'oklart tal (blandade tusen- och decimaltecken)' };
  const value = Number(`${m[1]}${normalised}`);
  if (!Number.isFinite(value)) return { ok: false, reason: 'inte ett ändligt tal' };
  return { ok: true, value: Object.is(value, -0) ? 0 : value };
}

/**
 * Resolves `.` and `,` into one decimal point. A single separator of either kind is the decimal mark
 * ("1,5" and "1.5"); with both, the last one is the decimal mark and the other groups thousands
 * ("1.261.000,50", "1,261,000.50"); several of one kind are thousands groups of three ("1.261.000").
 */
function normaliseSeparators(digits: string): string | null {
  const dots = count(digits, '.');
  const commas = count(digits, ',');
  if (dots + commas === 0) return digits;
  if (dots + commas === 1) return digits.replace(',', '.');
  const lastDot = digits.lastIndexOf('.');
  const lastComma = digits.lastIndexOf(',');
  const decimal = dots > 0 && commas > 0 ? (lastDot > lastComma ? '.' : ',') : null;
  const group = decimal === null ? (dots > 0 ? '.' : ',') : decimal === '.' ? ',' : '.';
  if (decimal !== null && count(digits, decimal) > 1) return null;
  const [whole, fraction] = decimal === null ? [digits, undefined] : [digits.slice(0, digits.lastIndexOf(decimal)), digits.slice(digits.lastIndexOf(decimal) + 1)];
  const groups = whole.split(group);
  if (groups.slice(1).some((g) => g.length !== 3) || groups[0]!.length > 3 || groups[0]!.length === 0) return null;
  return groups.join('') + (fraction === undefined ? '' : `.${fraction}`);
}

function count(text: string, ch: string): number {
  let n = 0;
  for (const c of text) if (c === ch) n++;
  return n;
}

/** Parses a whole number; "2,0" is 2, but "1,5" is refused (a count is never fractional). */
export function parseCount(text: string): Parsed {
  const parsed = parseNumber(text);
  if (!parsed.ok) return parsed;
  if (!Number.isInteger(parsed.value)) return { ok: false, reason: 'inte ett heltal' };
  if (!Number.isSafeInteger(parsed.value)) return { ok: false, reason: 'orimligt stort tal' };
  return parsed;
}
