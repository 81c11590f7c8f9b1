import { isPeriod } from './filters.ts';
import { valuesNotInData } from '../metrics/filters.ts';
import type { InputCell, InputSpec, InputValue } from './types.ts';
import { MONTH_PATTERN as MONTH } from '../format/month.ts';


/** The value an input starts with when neither the URL nor the user has set one. */
export function defaultInputValue(spec: InputSpec): InputValue {
  switch (spec.type) {
    case 'period':
      return { from: spec.from, to: spec.to };
    case 'select':
      return typeof spec.default === 'string' ? spec.default : null;
    case 'multiselect':
      return Array.isArray(spec.default) ? [...(spec.default as readonly string[])] : [];
    case 'slider':
      return spec.default ?? spec.min;
    case 'toggle':
      return spec.default;
  }
}

/** Why `value` is not acceptable for the input, in Swedish, or undefined when it is. */
export function inputValueProblem(cell: InputCell, value: unknown): string | undefined {
  const spec = cell.spec;
  const where = `inmatningen ${cell.name}`;
  switch (spec.type) {
    case 'period':
      if (!isPeriod(value) || !MONTH.test(value.from) || !MONTH.test(value.to)) return `${where} ska ha en period med månader som ÅÅÅÅ-MM.`;
      if (value.from > value.to) return `Perioden i ${where} börjar (${value.from}) efter att den slutar (${value.to}).`;
      return undefined;
    case 'select':
      if (value === null) return undefined;
      if (typeof value !== 'string') return `${where} ska ha ett textvärde.`;
      return notAnOption(spec.options, [value], where);
    case 'multiselect':
      if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) return `${where} ska ha en lista med textvärden.`;
      return notAnOption(spec.options, value as string[], where);
    case 'slider':
      if (typeof value !== 'number' || !Number.isFinite(value)) return `${where} ska ha ett tal.`;
      if (value < spec.min || value > spec.max) return `Värdet ${value} för ${where} ligger utanför ${spec.min}–${spec.max}.`;
      return undefined;
    case 'toggle':
      return typeof value === 'boolean' ? undefined : `${where} ska vara på eller av (true/false).`;
  }
}

// Options read from a column are only known after a query, so only fixed option lists are checked here.
function notAnOption(options: readonly string[] | undefined, values: readonly string[], where: string): string | undefined {
  if (!options) return undefined;
  const bad = values.find((v) => !options.includes(v));
  return bad === undefined ? undefined : `"${bad}" är inget av alternativen för ${where} (${options.join(', ')}).`;
}

/**
 * The chosen values of a choice input with options from a column (`column:`) that the data does not
 * have, once its options are known, in Swedish; undefined when there are none. A link made on other
 * data, or mistyped, then says why its figures are empty instead of showing zeros without a word;
 * the values are kept, since they are what the link asks for.
 */
export function choicesNotInData(cell: InputCell, value: InputValue | undefined, options: readonly string[]): string | undefined {
  const spec = cell.spec;
  if ((spec.type !== 'select' && spec.type !== 'multiselect') || !spec.column) return undefined;
  const chosen = Array.isArray(value) ? value.map(String) : typeof value === 'string' ? [value] : [];
  return valuesNotInData(spec.label ?? cell.name, chosen, options);
}

/** Value equality for inputs (periods and lists compared by content). */
export function sameInputValue(a: InputValue | undefined, b: InputValue | undefined): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => v === b[i]);
  if (isPeriod(a) && isPeriod(b)) return a.from === b.from && a.to === b.to;
  return a === b;
}
