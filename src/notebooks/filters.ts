import { toIdentifier } from '../engine/connector.ts';
import { joinSql, raw, sql, type BoundSql } from '../engine/sql.ts';
import { GLOBAL_FILTERS, type InputCell, type InputValue, type PeriodValue } from './types.ts';

/** Column of `utbetalningar` each global filter restricts. */
export const FILTER_COLUMNS: Readonly<Record<(typeof GLOBAL_FILTERS)[number], string>> = {
  period: 'manad',
  enhet: 'enhet',
  hushallstyp: 'hushallstyp',
  forsorjningshinder: 'forsorjningshinder',
  barn: 'antal_barn',
};

/** Values a `barn` select may take; a `barn` toggle that is on means "med barn". */
export const BARN_CHOICES = ['med barn', 'utan barn'] as const;

/** The global filters a notebook declares as input cells, minus those left out. */
export function activeFilters(inputs: ReadonlyMap<string, InputCell>, exclude: ReadonlySet<string> = new Set()): InputCell[] {
  return GLOBAL_FILTERS.filter((f) => inputs.has(f) && !exclude.has(f)).map((f) => inputs.get(f)!);
}

/**
 * Expands `${filters}` into one bound boolean SQL expression: `(a AND b …)`, or `TRUE` when no
 * filter restricts anything. An empty select or multiselect means "alla" and adds nothing.
 */
export function filtersSql(
  inputs: ReadonlyMap<string, InputCell>,
  values: Readonly<Record<string, InputValue>>,
  alias?: string,
  exclude: ReadonlySet<string> = new Set(),
  manadKind?: ManadKind,
): BoundSql {
  const prefix = alias === undefined ? '' : `${toIdentifier(alias)}.`;
  const parts: BoundSql[] = [];
  for (const cell of activeFilters(inputs, exclude)) {
    const name = cell.name as (typeof GLOBAL_FILTERS)[number];
    const column = raw(prefix + toIdentifier(FILTER_COLUMNS[name]));
    const value = values[name];
    const part = name === 'period' ? periodPart(column.text, value, manadKind) : name === 'barn' ? barnPart(column.text, value) : choicePart(column.text, name, value);
    if (part) parts.push(part);
  }
  if (parts.length === 0) return sql`TRUE`;
  const joined = joinSql(parts, ' AND ');
  return { text: `(${joined.text})`, params: joined.params };
}

/** How `manad` is stored, when the host knows it (`validateSource` in src/metrics reports it). */
export type ManadKind = 'date' | 'text';

function periodPart(column: string, value: InputValue | undefined, manadKind: ManadKind | undefined): BoundSql {
  if (!isPeriod(value)) throw new Error('Filtret period saknar giltigt värde (från- och till-månad).');
  if (manadKind === 'date') {
    // A plain date range lets DuckDB use zone maps: about ten times faster than the text form on 1.2 M rows.
    return sql`${raw(column)} >= CAST(${`${value.from}-01`} AS DATE) AND ${raw(column)} < CAST(${`${nextMonth(value.to)}-01`} AS DATE)`;
  }
  // Unknown storage: a DATE and 'YYYY-MM' text both start with the month's seven characters.
  return sql`substr(CAST(${raw(column)} AS VARCHAR), 1, 7) BETWEEN ${value.from} AND ${value.to}`;
}

/** The month after `YYYY-MM`. */
export function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

function choicePart(column: string, name: string, value: InputValue | undefined): BoundSql | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return sql`${raw(column)} = ${value}`;
  if (Array.isArray(value)) {
    if (value.length === 0) return undefined;
    return { text: `${column} IN (${value.map(() => '?').join(', ')})`, params: [...(value as readonly string[])] };
  }
  throw new Error(`Filtret ${name} har ett värde som inte är text eller en lista: ${JSON.stringify(value)}.`);
}

function barnPart(column: string, value: InputValue | undefined): BoundSql | undefined {
  if (value === null || value === undefined || value === false) return undefined;
  if (value === true || value === 'med barn') return sql`coalesce(${raw(column)}, 0) > 0`;
  if (value === 'utan barn') return sql`coalesce(${raw(column)}, 0) = 0`;
  throw new Error(`Filtret barn ska vara "med barn" eller "utan barn", inte ${JSON.stringify(value)}.`);
}

/** Guard for a period value. */
export function isPeriod(value: unknown): value is PeriodValue {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as PeriodValue).from === 'string' && typeof (value as PeriodValue).to === 'string';
}
