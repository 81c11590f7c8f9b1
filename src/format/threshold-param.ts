/**
 * The small-count threshold T as a link parameter, `skydd=N` (docs/metrics.md, "Små antal"): the page,
 * its downloads and `npm run report` read it the same way, so a link reproduces what was protected.
 */
import { DEFAULT_THRESHOLD } from './suppression.ts';

/** The link parameter that holds T. */
export const THRESHOLD_PARAM = 'skydd';

/** Below 2 nothing would be protected (T = 1 hides counts of 1 to 0). */
export const MIN_THRESHOLD = 2;
/** Above this a municipality's whole breakdown disappears; a typo like `skydd=500` is caught. */
export const MAX_THRESHOLD = 100;

/** T read from text; `problem` is one Swedish sentence when the text is not an allowed T (then T is the default). */
export function parseThreshold(raw: string | null | undefined): { threshold: number; problem: string | null } {
  if (raw === null || raw === undefined || raw.trim() === '') return { threshold: DEFAULT_THRESHOLD, problem: null };
  const n = Number(raw.trim());
  if (/^\d+$/.test(raw.trim()) && n >= MIN_THRESHOLD && n <= MAX_THRESHOLD) return { threshold: n, problem: null };
  return {
    threshold: DEFAULT_THRESHOLD,
    problem: `Skyddsgränsen "${raw}" går inte (den ska vara ett heltal ${MIN_THRESHOLD}–${MAX_THRESHOLD}). Sidan använder standardgränsen ${DEFAULT_THRESHOLD}.`,
  };
}

/** T from a page's link parameters. */
export function thresholdFromParams(params: URLSearchParams): { threshold: number; problem: string | null } {
  return parseThreshold(params.get(THRESHOLD_PARAM));
}

/** Writes T into link parameters; the default is left out so a plain view keeps a plain link. */
export function setThresholdParam(params: URLSearchParams, threshold: number): URLSearchParams {
  const out = new URLSearchParams(params);
  if (threshold === DEFAULT_THRESHOLD) out.delete(THRESHOLD_PARAM);
  else out.set(THRESHOLD_PARAM, String(threshold));
  return out;
}
