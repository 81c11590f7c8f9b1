import { filtersFromParams, filtersToParams, type MetricFilters } from '../../metrics/index.ts';

/**
 * The metrics page's state as it is kept in the URL: filters (in the one encoding every page uses,
 * src/metrics/filter-params.ts; old `from=`/`to=` links still read) plus the parameters G and W.
 */
export interface MetricsView {
  filters: MetricFilters;
  gap: number;
  window: number;
}

function intIn(value: string | null, fallback: number, min: number, max: number): number {
  const n = value === null ? NaN : Number(value);
  return Number.isInteger(n) && n >= min && n <= max ? n : fallback;
}

/** Reads the view from URL parameters; anything malformed falls back to the default rather than failing. */
export function viewFromParams(params: URLSearchParams): MetricsView {
  return { filters: filtersFromParams(params), gap: intIn(params.get('G'), 3, 1, 12), window: intIn(params.get('W'), 12, 1, 60) };
}

/** Writes the view as URL parameters; defaults are left out so the plain page has a plain URL. */
export function viewToParams(view: MetricsView): URLSearchParams {
  const p = filtersToParams(view.filters);
  if (view.gap !== 3) p.set('G', String(view.gap));
  if (view.window !== 12) p.set('W', String(view.window));
  return p;
}
