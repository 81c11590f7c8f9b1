/**
 * The one line a folded filter bar shows: what is filtered, in the order of the controls, e.g.
 * "Söder · mars 2023–september 2023". Shared by Nyckeltal and the notebooks so both read alike.
 */
import { formatMonth } from '../format/sv.ts';
import type { InputCell, InputValue, PeriodValue } from '../notebooks/index.ts';

/** A period as Swedish months, "mars 2023–september 2023"; one month alone when it starts and ends there. */
export function periodText(from: string, to: string): string {
  return from === to ? formatMonth(from) : `${formatMonth(from)}–${formatMonth(to)}`;
}

/** A list filter's part: its values joined, or null when nothing (= no filter) or every value is chosen. */
export function listPart(chosen: readonly string[] | null | undefined, all: readonly string[]): string | null {
  if (!chosen || chosen.length === 0) return null;
  if (all.length > 0 && all.every((v) => chosen.includes(v))) return null;
  return chosen.join(', ');
}

/** The parts that say something, joined by " · "; `empty` when no filter is active. */
export function filterSummary(parts: readonly (string | null | undefined)[], empty: string): string {
  const shown = parts.filter((p): p is string => typeof p === 'string' && p !== '');
  return shown.length ? shown.join(' · ') : empty;
}

/** A notebook input's part of the summary: a period as months, a choice as its value(s), a toggle by its label. */
export function inputPart(cell: InputCell, value: InputValue | undefined, options: readonly string[]): string | null {
  const spec = cell.spec;
  if (value === undefined || value === null) return null;
  switch (spec.type) {
    case 'period': {
      const p = value as PeriodValue;
      return p.from && p.to ? periodText(p.from, p.to) : null;
    }
    case 'select':
      return typeof value === 'string' && value !== '' ? value : null;
    case 'multiselect':
      return listPart(Array.isArray(value) ? (value as readonly string[]) : [], options);
    case 'toggle':
      return value === true ? (spec.label ?? cell.name) : null;
    case 'slider':
      return `${spec.label ?? cell.name}: ${String(value)}`;
  }
}
