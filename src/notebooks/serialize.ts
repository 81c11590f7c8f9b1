import { serializeChartBody, serializeInputBody, serializeSimulationBody } from './cell-body.ts';
import { serializeMetricBody } from './metric-cell.ts';
import type { Cell, Notebook, NotebookMeta } from './types.ts';

/**
 * Writes a notebook in canonical form: front matter (when any), then cells separated by one blank
 * line, LF line endings, one trailing newline. `parseNotebook(serializeNotebook(nb))` deep-equals `nb`,
 * and a canonical file survives parse → serialize byte for byte.
 */
export function serializeNotebook(notebook: Notebook): string {
  const parts: string[] = [];
  const front = serializeMeta(notebook.meta);
  if (front) parts.push(front);
  for (const cell of notebook.cells) parts.push(serializeCell(cell));
  return parts.length ? `${parts.join('\n\n')}\n` : '';
}

/** Writes one cell as it appears in the file (no trailing newline). */
export function serializeCell(cell: Cell): string {
  switch (cell.kind) {
    case 'text':
      return cell.markdown;
    case 'error':
      return cell.source;
    case 'sql':
      return fenced('sql', cell.name, cell.sql);
    case 'metric':
      return fenced('metric', cell.name, serializeMetricBody(cell.spec));
    case 'chart':
      return fenced('chart', cell.name, serializeChartBody(cell.spec));
    case 'input':
      return fenced('input', cell.name, serializeInputBody(cell.spec));
    case 'simulation':
      return fenced('simulation', cell.name, serializeSimulationBody(cell.spec));
  }
}

function fenced(kind: string, name: string, body: string): string {
  // A body line starting with ``` would close a three-backtick fence early, so use a longer one.
  const longest = Math.max(2, ...body.split('\n').map((l) => /^`*/.exec(l)![0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${kind} ${name}\n${body}\n${fence}`;
}

function serializeMeta(meta: NotebookMeta): string {
  const lines: string[] = [];
  if (meta.title !== '') lines.push(`title: ${meta.title}`);
  if (meta.description !== '') lines.push(`description: ${meta.description}`);
  for (const [key, value] of Object.entries(meta.extra)) lines.push(value === '' ? `${key}:` : `${key}: ${value}`);
  return lines.length ? `---\n${lines.join('\n')}\n---` : '';
}
