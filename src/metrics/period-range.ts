/**
 * A period asked for (in a link, say) against the months the data has: what is shown instead, and a
 * Swedish sentence saying so, rather than a page of "–" without a word.
 */
import { formatMonth } from '../format/sv.ts';
import { fromMonthIndex, toMonthIndex } from '../format/month.ts';

/** The period to use and, when it differs from the one asked for, why. */
export interface FittedPeriod {
  readonly from: string;
  readonly to: string;
  readonly problem?: string;
}

const span = (from: string, to: string) => `${formatMonth(from)}–${formatMonth(to)}`;

/**
 * Fits `from..to` (YYYY-MM) into the data's months `first..last`. A period partly outside is cut to
 * the months that exist; one wholly outside becomes `fallback` (fitted too) or else the data's last
 * twelve months.
 */
export function fitPeriod(from: string, to: string, first: string, last: string, fallback?: { from: string; to: string }): FittedPeriod {
  if (from >= first && to <= last) return { from, to };
  const asked = `Perioden ${span(from, to)} går utanför datan, som har ${span(first, last)}.`;
  if (to < first || from > last) {
    const alt = fallback && !(fallback.to < first || fallback.from > last) ? fitPeriod(fallback.from, fallback.to, first, last) : undefined;
    const f = alt ?? { from: fromMonthIndex(Math.max(toMonthIndex(first), toMonthIndex(last) - 11)), to: last };
    return { from: f.from, to: f.to, problem: `Perioden ${span(from, to)} finns inte i datan, som har ${span(first, last)}. Visar i stället ${span(f.from, f.to)}.` };
  }
  const f = { from: from < first ? first : from, to: to > last ? last : to };
  return { ...f, problem: `${asked} Visar ${span(f.from, f.to)}, de månader som finns.` };
}
