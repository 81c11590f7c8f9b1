/** What the notebook editor's "add cell" buttons insert, and which cells a new budget file affects. */
import { uniqueName } from './history.ts';
import type { Cell, Notebook } from './types.ts';

/** A new cell of `kind` for the end of `nb`: a chart shows the last SQL or metric cell's result. */
export function newCell(nb: Notebook, kind: 'text' | 'sql' | 'chart'): Cell {
  if (kind === 'text') return { kind: 'text', markdown: 'Ny text.' };
  if (kind === 'sql') return { kind: 'sql', name: uniqueName(nb, 'fraga'), sql: 'SELECT count(*) AS rader\nFROM utbetalningar\nWHERE ${filters}' };
  const data = [...nb.cells].reverse().find((c) => c.kind === 'sql' || c.kind === 'metric');
  return { kind: 'chart', name: uniqueName(nb, 'diagram'), spec: { type: 'table', data: data && 'name' in data ? data.name! : 'fraga' } };
}

/** Cells to rerun after the budget changes: SQL reading table `budget` and forecasts comparing with it. */
export function budgetDependents(nb: Notebook): string[] {
  return nb.cells.flatMap((c) =>
    (c.kind === 'sql' && /\bbudget\b/i.test(c.sql)) || (c.kind === 'simulation' && c.spec.forecast !== undefined) ? [c.name] : [],
  );
}
