import { toIdentifier, type SqlValue } from '../engine/connector.ts';
import type { BoundSql } from '../engine/sql.ts';
import { filterArgs, scanSqlRefs, SqlRefError, type SqlRef } from './sql-refs.ts';
import { filtersSql, isPeriod, toMetricFilters, type ManadKind } from './filters.ts';
import type { MetricFilters } from '../metrics/types.ts';
import { FILTER_VALUE_COLUMNS, FILTER_VALUES_TABLE } from '../metrics/prepare.ts';
import { NAME_PATTERN, type ChoiceInputSpec, type InputCell, type InputValue, type MetricSpec, type NamedCell } from './types.ts';

/** What a SQL cell can see while it is compiled. */
export interface CompileScope {
  readonly cells: ReadonlyMap<string, NamedCell>;
  readonly inputs: ReadonlyMap<string, InputCell>;
  readonly values: Readonly<Record<string, InputValue>>;
  /** How `manad` is stored; 'date' enables the fast period filter. */
  readonly manadKind?: ManadKind;
  /** The metrics layer's query for a metric cell; absent where no metrics model is prepared. */
  readonly metricSql?: (spec: MetricSpec, filters: MetricFilters) => BoundSql;
}

/** The CTE name a SQL cell's result gets inside a dependant's query; prefixed so it never shadows a real table. */
export function cteName(cellName: string): string {
  // Cell names may hold å, ä, ö, which the engine's ASCII-only toIdentifier refuses; NAME_PATTERN
  // admits no quote or space, so quoting is enough to make any valid cell name a safe identifier.
  if (!NAME_PATTERN.test(cellName)) throw new SqlRefError(`Ogiltigt cellnamn: ${cellName}`);
  return `"nb_${cellName}"`;
}

/**
 * Compiles a named SQL cell (or a select input reading options from a column) to one statement:
 * referenced SQL cells become CTEs in dependency order, inputs and filters become bound `?` values.
 * Throws `SqlRefError` with a Swedish message on a reference that cannot be resolved.
 */
export function compileCell(scope: CompileScope, name: string): BoundSql {
  const cell = scope.cells.get(name);
  if (cell?.kind === 'sql') return compileSql(scope, cell.sql, name);
  if (cell?.kind === 'metric') return compileMetric(scope, cell.spec, name);
  if (cell?.kind === 'input' && (cell.spec.type === 'select' || cell.spec.type === 'multiselect') && cell.spec.column) {
    return compileSql(scope, optionsSql(scope, cell.spec));
  }
  throw new SqlRefError(`Cellen ${name} har ingen SQL att köra.`);
}

/** Compiles SQL text with `${…}` references; `self` is the cell it belongs to, for cycle messages. */
export function compileSql(scope: CompileScope, sqlText: string, self?: string): BoundSql {
  const order: string[] = [];
  collectCtes(scope, sqlText, self ? [self] : [], order);
  const main = expand(scope, sqlText);
  if (order.length === 0) return main;
  const ctes = order.map((dep) => {
    const cell = scope.cells.get(dep)!;
    const body = cell.kind === 'metric' ? compileMetric(scope, cell.spec, dep) : expand(scope, (cell as { sql: string }).sql);
    return { text: `${cteName(dep)} AS (\n${body.text}\n)`, params: body.params };
  });
  const cteText = ctes.map((c) => c.text).join(',\n');
  const cteParams = ctes.flatMap((c) => c.params);
  const withAt = leadingWith(main.text);
  // The cell's own WITH keeps its clause; ours go first so its CTEs can read them.
  const text = withAt === undefined ? `WITH ${cteText}\n${main.text}` : `${main.text.slice(0, withAt)}${cteText},\n${main.text.slice(withAt)}`;
  return { text, params: [...cteParams, ...main.params] };
}

/**
 * Names of the cells and inputs SQL text refers to; `filters` stands for every global filter the
 * notebook has a cell for, broken ones included, so a filter that failed to parse blocks the query
 * instead of silently filtering nothing.
 */
export function sqlDependencies(sqlText: string, cells: ReadonlyMap<string, NamedCell>, filterNames: readonly string[]): string[] {
  const deps = new Set<string>();
  for (const ref of scanSqlRefs(sqlText)) {
    if (ref.name === 'filters') {
      const { exclude } = filterArgs(ref);
      for (const f of filterNames) if (cells.has(f) && !exclude.has(f)) deps.add(f);
    } else deps.add(ref.name);
  }
  return [...deps];
}

/** A metric cell's query: the metrics layer's builder under the notebook's global filters. */
export function compileMetric(scope: CompileScope, spec: MetricSpec, name: string): BoundSql {
  if (!scope.metricSql) throw new SqlRefError(`Måttcellen ${name} kan inte köras: måttlagret är inte förberett här.`);
  return scope.metricSql(spec, toMetricFilters(scope.inputs, scope.values, spec.extend ?? 0, spec.exclude));
}

/**
 * SQL that lists a choice input's options. Without `from:`, a filter column (enhet, hushållstyp,
 * försörjningshinder) reads the model's `filtervarden` view over the loaded month aggregate, so the
 * choices never make the page load the raw rows (docs/data.md, "Förberedda tabeller"); any other
 * column, or an explicit `from:`, reads that table or cell as written.
 */
export function optionsSql(scope: CompileScope, spec: ChoiceInputSpec): string {
  const from = spec.from ?? optionsTable(spec.column!);
  const source = scope.cells.get(from)?.kind === 'sql' ? `\${${from}}` : toIdentifier(from);
  return distinctValuesSql(spec.column!, source);
}

/** The table a `column:` input without `from:` reads its options from. */
export function optionsTable(column: string): string {
  return (FILTER_VALUE_COLUMNS as readonly string[]).includes(column) ? FILTER_VALUES_TABLE : 'utbetalningar';
}

/** The distinct non-NULL values of `column` in `source` (a quoted table or a cell reference) as text, sorted. */
export function distinctValuesSql(column: string, source: string): string {
  const c = toIdentifier(column);
  return `SELECT DISTINCT CAST(${c} AS VARCHAR) AS value FROM ${source} WHERE ${c} IS NOT NULL ORDER BY 1`;
}

function collectCtes(scope: CompileScope, sqlText: string, path: string[], order: string[]): void {
  for (const ref of scanSqlRefs(sqlText)) {
    const cell = scope.cells.get(ref.name);
    if (cell?.kind === 'metric' && !order.includes(ref.name)) order.push(ref.name);
    if (cell?.kind !== 'sql') continue;
    if (path.includes(ref.name)) throw new SqlRefError(`Cykliskt beroende: ${[...path.slice(path.indexOf(ref.name)), ref.name].join(' → ')}.`);
    if (order.includes(ref.name)) continue;
    collectCtes(scope, cell.sql, [...path, ref.name], order);
    order.push(ref.name);
  }
}

function expand(scope: CompileScope, sqlText: string): BoundSql {
  let text = '';
  const params: SqlValue[] = [];
  let at = 0;
  for (const ref of scanSqlRefs(sqlText)) {
    const part = resolve(scope, ref);
    text += sqlText.slice(at, ref.start) + part.text;
    params.push(...part.params);
    at = ref.end;
  }
  text += sqlText.slice(at);
  return { text: text.replace(/[\s;]+$/, ''), params };
}

function resolve(scope: CompileScope, ref: SqlRef): BoundSql {
  const shown = `\${${ref.name}${ref.member ? `.${ref.member}` : ''}}`;
  if (ref.name === 'filters') {
    if (ref.member) throw new SqlRefError(`${shown}: filters har inga delar; skriv \${filters} eller \${filters(alias, -period)}.`);
    const { alias, exclude } = filterArgs(ref);
    return filtersSql(scope.inputs, scope.values, alias, exclude, scope.manadKind);
  }
  const cell = scope.cells.get(ref.name);
  if (!cell) throw new SqlRefError(`Okänd referens ${shown}: det finns ingen cell eller inmatning som heter ${ref.name}.`);
  if (cell.kind === 'sql' || cell.kind === 'metric') {
    if (ref.member) throw new SqlRefError(`${shown}: en SQL- eller måttcell används som tabell, skriv \${${ref.name}}.`);
    return { text: cteName(ref.name), params: [] };
  }
  if (cell.kind !== 'input') throw new SqlRefError(`${shown} pekar på en cell av typen ${cell.kind}, som inte kan användas i SQL.`);
  return inputSql(cell, scope.values[ref.name], ref.member, shown);
}

function inputSql(cell: InputCell, value: InputValue | undefined, member: string | undefined, shown: string): BoundSql {
  const one = (v: SqlValue): BoundSql => ({ text: '?', params: [v] });
  switch (cell.spec.type) {
    case 'period':
      if (!isPeriod(value)) throw new SqlRefError(`${shown}: perioden saknar värde.`);
      if (member === 'from' || member === 'to') return one(value[member]);
      throw new SqlRefError(`${shown}: skriv \${${cell.name}.from} eller \${${cell.name}.to}.`);
    case 'multiselect': {
      const list = Array.isArray(value) ? (value as readonly string[]) : [];
      if (member === 'empty') return one(list.length === 0);
      if (member) throw new SqlRefError(`${shown}: en flervalslista har bara delen .empty.`);
      // An empty list matches nothing; write (${name.empty} OR x IN ${name}) for "empty = alla".
      return list.length === 0 ? { text: '(NULL)', params: [] } : { text: `(${list.map(() => '?').join(', ')})`, params: [...list] };
    }
    default:
      if (member) throw new SqlRefError(`${shown}: inmatningen ${cell.name} har inga delar.`);
      if (value === undefined || (typeof value === 'object' && value !== null)) throw new SqlRefError(`${shown}: inmatningen saknar ett enkelt värde.`);
      return one(value);
  }
}

/** Offset just after a leading `WITH` / `WITH RECURSIVE` (skipping comments), or undefined. */
function leadingWith(text: string): number | undefined {
  let i = 0;
  for (;;) {
    const ws = /^\s*/.exec(text.slice(i))![0].length;
    i += ws;
    if (text.startsWith('--', i)) {
      const nl = text.indexOf('\n', i);
      if (nl < 0) return undefined;
      i = nl + 1;
    } else if (text.startsWith('/*', i)) {
      const close = text.indexOf('*/', i);
      if (close < 0) return undefined;
      i = close + 2;
    } else break;
  }
  const m = /^WITH(\s+RECURSIVE)?\s+/i.exec(text.slice(i));
  return m ? i + m[0].length : undefined;
}
