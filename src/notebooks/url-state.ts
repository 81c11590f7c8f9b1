import { parseBarnParam, parsePeriodParam, periodParam } from '../metrics/filter-params.ts';
import { isPeriod } from './filters.ts';
import { indexNotebook } from './graph.ts';
import { inputValueProblem, sameInputValue } from './input-values.ts';
import type { InputCell, InputValue, Notebook } from './types.ts';

/**
 * Writes input values as a query string, keys sorted so the same state always gives the same link.
 * The global filters are written as on every page (src/metrics/filter-params.ts): period →
 * `2023-01..2023-12`, multiselect → the key repeated (`enhet=A&enhet=B`, empty → `enhet=`), select
 * without a value → `enhet=`, barn → `med` / `utan` (off or "alla" → `barn=`). Other toggles → `1`/`0`. Values equal to `omit[name]` (e.g. the
 * defaults) are left out to keep links short.
 */
export function encodeState(inputs: Readonly<Record<string, InputValue>>, omit: Readonly<Record<string, InputValue>> = {}): string {
  const params = new URLSearchParams();
  for (const name of Object.keys(inputs).sort()) {
    const value = inputs[name]!;
    if (name in omit && sameInputValue(omit[name], value)) continue;
    if (name === 'barn' && (typeof value === 'boolean' || value === null || value === 'med barn' || value === 'utan barn')) {
      params.append(name, value === true || value === 'med barn' ? 'med' : value === 'utan barn' ? 'utan' : '');
    } else if (Array.isArray(value)) {
      if (value.length === 0) params.append(name, '');
      for (const v of value as readonly string[]) params.append(name, v);
    } else if (isPeriod(value)) params.append(name, periodParam(value.from, value.to)!);
    else if (value === null) params.append(name, '');
    else if (typeof value === 'boolean') params.append(name, value ? '1' : '0');
    else params.append(name, String(value));
  }
  return params.toString();
}

/** Reads input values for `notebook` back from a query string; bad values are reported, not guessed. */
export function decodeState(search: string, notebook: Notebook): { inputs: Record<string, InputValue>; problems: string[] } {
  const params = new URLSearchParams(search);
  const inputs: Record<string, InputValue> = {};
  const problems: string[] = [];
  // Keys that are not inputs belong to the app (route, view) and are left alone.
  for (const [name, cell] of indexNotebook(notebook).inputs) {
    const raw = params.getAll(name);
    if (raw.length === 0) continue;
    const value = fromText(cell, raw);
    const problem = value === undefined ? `kan inte läsas: "${raw.join(', ')}"` : inputValueProblem(cell, value);
    if (problem === undefined) inputs[name] = value!;
    else problems.push(`Adressens värde för ${name} används inte: ${problem}`);
  }
  return { inputs, problems };
}

function fromText(cell: InputCell, raw: readonly string[]): InputValue | undefined {
  const first = raw[0]!;
  switch (cell.spec.type) {
    case 'period': {
      const { from, to } = parsePeriodParam(first);
      return from !== undefined && to !== undefined ? { from, to } : undefined;
    }
    case 'select':
      if (cell.name === 'barn' && parseBarnParam(first)) return `${parseBarnParam(first)} barn`;
      return first === '' ? null : first;
    case 'multiselect':
      return raw.filter((v) => v !== '');
    case 'slider': {
      const n = Number(first);
      return first.trim() === '' || !Number.isFinite(n) ? undefined : n;
    }
    case 'toggle':
      if (cell.name === 'barn' && (first === 'med' || first === '')) return first === 'med';
      return first === '1' || first === 'true' ? true : first === '0' || first === 'false' ? false : undefined;
  }
}
