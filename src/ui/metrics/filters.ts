import type { MetricFilters } from '../../metrics/index.ts';

/** The metrics page's state as it is kept in the URL: filters plus the parameters G and W. */
export interface MetricsView {
  filters: MetricFilters;
  gap: number;
  window: number;
}

const LISTS = ['enhet', 'hushallstyp', 'forsorjningshinder'] as const;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

function intIn(value: string | null, fallback: number, min: number, max: number): number {
  const n = value === null ? NaN : Number(value);
  return Number.isInteger(n) && n >= min && n <= max ? n : fallback;
}

/** Reads the view from URL parameters; anything malformed falls back to the default rather than failing. */
export function viewFromParams(params: URLSearchParams): MetricsView {
  const filters: MetricFilters = {};
  const from = params.get('from');
  const to = params.get('to');
  if (from && MONTH.test(from)) filters.from = from;
  if (to && MONTH.test(to)) filters.to = to;
  for (const key of LISTS) {
    const values = params.getAll(key).filter((v) => v !== '');
    if (values.length) filters[key] = values;
  }
  const barn = params.get('barn');
  if (barn === 'med' || barn === 'utan') filters.barn = barn;
  return { filters, gap: intIn(params.get('G'), 3, 1, 12), window: intIn(params.get('W'), 12, 1, 60) };
}

/** Writes the view as URL parameters; defaults are left out so the plain page has a plain URL. */
export function viewToParams(view: MetricsView): URLSearchParams {
  const p = new URLSearchParams();
  const f = view.filters;
  if (f.from) p.set('from', f.from);
  if (f.to) p.set('to', f.to);
  for (const key of LISTS) for (const v of f[key] ?? []) p.append(key, v);
  if (f.barn) p.set('barn', f.barn);
  if (view.gap !== 3) p.set('G', String(view.gap));
  if (view.window !== 12) p.set('W', String(view.window));
  return p;
}
