/** What the notebook editor's "add cell" buttons insert, and which cells a new budget file affects. */
import { uniqueName } from './history.ts';
import type { Cell, ChartCell, MetricCell, Notebook } from './types.ts';

/** The kinds of cell the editor can add, in the order its buttons show them. */
export const NEW_CELL_KINDS = ['text', 'metric', 'chart', 'input', 'sql', 'simulation'] as const;
/** A kind of cell the editor can add. */
export type NewCellKind = (typeof NEW_CELL_KINDS)[number];

/** The buttons' Swedish names. */
export const NEW_CELL_LABEL: Record<NewCellKind, string> = {
  text: 'Text',
  metric: 'Mått',
  chart: 'Diagram',
  input: 'Inmatning',
  sql: 'Fråga (SQL)',
  simulation: 'Simulering',
};

/**
 * The cells one "add" button inserts: each template runs as it is. A chart needs a result to draw,
 * so it draws the last SQL or metric cell when there is one and otherwise comes with its own metric
 * cell (active households per month), never a reference to a cell that does not exist.
 */
export function newCells(nb: Notebook, kind: NewCellKind): Cell[] {
  switch (kind) {
    case 'text':
      return [{ kind: 'text', markdown: 'Skriv din text här.' }];
    case 'sql':
      return [{ kind: 'sql', name: uniqueName(nb, 'fraga'), sql: 'SELECT count(*) AS rader\nFROM utbetalningar\nWHERE ${filters}' }];
    case 'metric':
      return [metricTemplate(nb)];
    case 'input':
      return [{ kind: 'input', name: uniqueName(nb, 'andel'), spec: { type: 'slider', label: 'Andel', min: 0, max: 1, step: 0.05, default: 0.5, format: 'percent' } }];
    case 'simulation':
      return [{ kind: 'simulation', name: uniqueName(nb, 'simulering'), spec: { scenario: 'bas', set: {}, title: 'Scenario Bas' } }];
    case 'chart': {
      const source = [...nb.cells].reverse().find((c) => c.kind === 'sql' || c.kind === 'metric');
      if (source?.kind === 'metric') return [chartOf(nb, source)];
      if (source?.kind === 'sql') return [{ kind: 'chart', name: uniqueName(nb, 'diagram'), spec: { type: 'table', data: source.name } }];
      const metric = metricTemplate(nb);
      return [metric, chartOf({ ...nb, cells: [...nb.cells, metric] }, metric)];
    }
  }
}

/** The cell a button is named for (the last of `newCells`: a chart's own metric cell comes before it). */
export function newCell(nb: Notebook, kind: NewCellKind): Cell {
  return newCells(nb, kind).at(-1)!;
}

function metricTemplate(nb: Notebook): MetricCell {
  return { kind: 'metric', name: uniqueName(nb, 'matt'), spec: { measure: 'households', grouping: 'month' } };
}

/** A line chart of a metric cell's month series; other groupings become bars. */
function chartOf(nb: Notebook, metric: MetricCell): ChartCell {
  const type = metric.spec.grouping === 'month' || metric.spec.grouping === 'quarter' || metric.spec.grouping === 'year' ? 'line' : 'bar';
  return {
    kind: 'chart',
    name: uniqueName(nb, 'diagram'),
    spec: { type, data: metric.name, x: 'grupp', y: 'avg_households', format: 'count', title: 'Aktiva hushåll' },
  };
}

/** Cells to rerun after the budget changes: SQL reading table `budget` and forecasts comparing with it. */
export function budgetDependents(nb: Notebook): string[] {
  return nb.cells.flatMap((c) =>
    (c.kind === 'sql' && /\bbudget\b/i.test(c.sql)) || (c.kind === 'simulation' && c.spec.forecast !== undefined) ? [c.name] : [],
  );
}
