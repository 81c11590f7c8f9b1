/**
 * The one address encoding of filters, used by Nyckeltal and notebooks alike (docs/metrics.md,
 * "Filter"): `period=2024-01..2024-06` (an end may be empty), a key per list value
 * (`enhet=Norr&enhet=Söder`), `barn=med` / `barn=utan`. Older links are read too: `from=`/`to=`
 * (Nyckeltal before) and `barn=med barn` / `barn=1` (notebooks before).
 */
import type { MetricFilters } from './types.ts';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const LISTS = ['enhet', 'hushallstyp', 'forsorjningshinder'] as const;

/** `2024-01..2024-06`, `2024-01..` or `..2024-06`; undefined when neither end is set. */
export function periodParam(from: string | undefined, to: string | undefined): string | undefined {
  return from === undefined && to === undefined ? undefined : `${from ?? ''}..${to ?? ''}`;
}

/** Reads `a..b`; a malformed end is left out rather than guessed. */
export function parsePeriodParam(text: string): { from?: string; to?: string } {
  const m = /^([^.]*)\.\.([^.]*)$/.exec(text);
  if (!m) return {};
  const out: { from?: string; to?: string } = {};
  if (MONTH.test(m[1]!)) out.from = m[1]!;
  if (MONTH.test(m[2]!)) out.to = m[2]!;
  return out;
}

/** Reads a barn value in any of the written forms; undefined for "alla" or unreadable. */
export function parseBarnParam(text: string | null): 'med' | 'utan' | undefined {
  if (text === 'med' || text === 'med barn' || text === '1' || text === 'true') return 'med';
  if (text === 'utan' || text === 'utan barn') return 'utan';
  return undefined;
}

/** Appends the filters to `params` in the one encoding. */
export function filtersToParams(filters: MetricFilters, params = new URLSearchParams()): URLSearchParams {
  const period = periodParam(filters.from, filters.to);
  if (period !== undefined) params.set('period', period);
  for (const key of LISTS) for (const v of filters[key] ?? []) params.append(key, v);
  if (filters.barn) params.set('barn', filters.barn);
  return params;
}

/** Reads filters from `params`: the one encoding, or the older `from=`/`to=`. Malformed values are dropped. */
export function filtersFromParams(params: URLSearchParams): MetricFilters {
  const filters: MetricFilters = {};
  const period = params.get('period');
  const range = period !== null ? parsePeriodParam(period) : { from: params.get('from') ?? undefined, to: params.get('to') ?? undefined };
  if (range.from !== undefined && MONTH.test(range.from)) filters.from = range.from;
  if (range.to !== undefined && MONTH.test(range.to)) filters.to = range.to;
  for (const key of LISTS) {
    const values = params.getAll(key).filter((v) => v !== '');
    if (values.length) filters[key] = values;
  }
  const barn = parseBarnParam(params.get('barn'));
  if (barn) filters.barn = barn;
  return filters;
}
