/**
 * Notebook side of the one filter model: the notebook's global filter inputs become the metrics
 * layer's `MetricFilters`, and `${filters}` is compiled by the metrics layer's `filterSql`
 * (src/metrics/filters.ts), the same compiler metric cells and every page use. Missing values
 * follow its rule (docs/metrics.md "Filter"): a row without `antal_barn` is neither med nor utan barn.
 */
import { toIdentifier } from '../engine/connector.ts';
import type { BoundSql } from '../engine/sql.ts';
import { FILTER_COLUMN, filterSql } from '../metrics/filters.ts';
import { fromMonthIndex, toMonthIndex } from '../metrics/month.ts';
import type { MetricFilters } from '../metrics/types.ts';
import { GLOBAL_FILTERS, type InputCell, type InputValue, type PeriodValue } from './types.ts';

/** Column of `utbetalningar` each global filter restricts. */
export const FILTER_COLUMNS: Readonly<Record<(typeof GLOBAL_FILTERS)[number], string>> = { period: 'manad', ...FILTER_COLUMN };

/** Values a `barn` select may take; a `barn` toggle that is on means "med barn". */
export const BARN_CHOICES = ['med barn', 'utan barn'] as const;

/** How `manad` is stored, when the host knows it (`validateSource` in src/metrics reports it). */
export type ManadKind = 'date' | 'text';

/** The global filters a notebook declares as input cells, minus those left out. */
export function activeFilters(inputs: ReadonlyMap<string, InputCell>, exclude: ReadonlySet<string> = new Set()): InputCell[] {
  return GLOBAL_FILTERS.filter((f) => inputs.has(f) && !exclude.has(f)).map((f) => inputs.get(f)!);
}

/**
 * The notebook's global filter values as the metrics layer's filters: period → from/to (from moved
 * back `extend` months), a select → a one-value list, barn → med/utan. Unset filters and an empty
 * select or multiselect ("alla") restrict nothing; a value of the wrong shape is an error.
 */
export function toMetricFilters(
  inputs: ReadonlyMap<string, InputCell>,
  values: Readonly<Record<string, InputValue>>,
  extend = 0,
  exclude: Iterable<string> = [],
): MetricFilters {
  const filters: MetricFilters = {};
  for (const cell of activeFilters(inputs, new Set(exclude))) {
    const name = cell.name as (typeof GLOBAL_FILTERS)[number];
    const value = values[name];
    if (name === 'period') {
      if (!isPeriod(value)) throw new Error('Filtret period saknar giltigt värde (från- och till-månad).');
      filters.from = extend > 0 ? fromMonthIndex(toMonthIndex(value.from, 'från-månad') - extend) : value.from;
      filters.to = value.to;
    } else if (name === 'barn') {
      if (value === true || value === 'med barn') filters.barn = 'med';
      else if (value === 'utan barn') filters.barn = 'utan';
      else if (value !== null && value !== undefined && value !== false) {
        throw new Error(`Filtret barn ska vara "med barn" eller "utan barn", inte ${JSON.stringify(value)}.`);
      }
    } else if (typeof value === 'string') filters[name] = [value];
    else if (Array.isArray(value)) {
      if (value.length > 0) filters[name] = [...(value as readonly string[])];
    } else if (value !== null && value !== undefined) {
      throw new Error(`Filtret ${name} har ett värde som inte är text eller en lista: ${JSON.stringify(value)}.`);
    }
  }
  return filters;
}

/**
 * Expands `${filters}` into one bound boolean SQL expression over the raw rows: `(a AND b …)`, or
 * `TRUE` when no filter restricts anything.
 */
export function filtersSql(
  inputs: ReadonlyMap<string, InputCell>,
  values: Readonly<Record<string, InputValue>>,
  alias?: string,
  exclude: ReadonlySet<string> = new Set(),
  manadKind?: ManadKind,
): BoundSql {
  const prefix = alias === undefined ? '' : `${toIdentifier(alias)}.`;
  return filterSql(toMetricFilters(inputs, values, 0, exclude), {
    column: (name) => prefix + toIdentifier(FILTER_COLUMN[name]),
    month: { kind: 'manad', column: prefix + toIdentifier('manad'), storage: manadKind ?? 'unknown' },
  });
}

/** The month after `YYYY-MM`. */
export function nextMonth(month: string): string {
  return fromMonthIndex(toMonthIndex(month) + 1);
}

/** Guard for a period value. */
export function isPeriod(value: unknown): value is PeriodValue {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as PeriodValue).from === 'string' && typeof (value as PeriodValue).to === 'string';
}
