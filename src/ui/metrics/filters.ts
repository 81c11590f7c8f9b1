import { filtersFromParams, filtersToParams, valuesNotInData, type FilterOptions, type MetricFilters } from '../../metrics/index.ts';
import { fitPeriod } from '../../metrics/period-range.ts';

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

/** The first and last month of the loaded data (YYYY-MM). */
export interface DataMonths {
  readonly first: string;
  readonly last: string;
}

/**
 * The view a link asks for, checked: G or W out of range, or a period outside the data, is replaced
 * by what the page really uses, and each replacement is one Swedish sentence for the page to show.
 */
export function checkView(params: URLSearchParams, data?: DataMonths): { view: MetricsView; problems: string[] } {
  const view = viewFromParams(params);
  const problems: string[] = [];
  for (const [key, used, min, max] of [['G', view.gap, 1, 12], ['W', view.window, 1, 60]] as const) {
    const raw = params.get(key);
    if (raw !== null && raw !== String(used)) problems.push(`${key} = ${raw} går inte (${key} ska vara ett heltal ${min}–${max}). Sidan använder ${key} = ${used}.`);
  }
  const { from, to } = view.filters;
  if (data && (from !== undefined || to !== undefined)) {
    const fitted = fitPeriod(from ?? data.first, to ?? data.last, data.first, data.last);
    if (fitted.problem) {
      problems.push(fitted.problem);
      view.filters = { ...view.filters, from: fitted.from, to: fitted.to };
    }
  }
  return { view, problems };
}

const CHOICE_LABELS = { enhet: 'Enhet', hushallstyp: 'Hushållstyp', forsorjningshinder: 'Försörjningshinder' } as const;

/** One sentence per list filter whose chosen values the data does not have (see `valuesNotInData`). */
export function missingChoices(filters: MetricFilters, options: FilterOptions): string[] {
  return (Object.keys(CHOICE_LABELS) as (keyof typeof CHOICE_LABELS)[]).flatMap((key) => {
    const problem = valuesNotInData(CHOICE_LABELS[key], filters[key] ?? [], options[key]);
    return problem ? [problem] : [];
  });
}
