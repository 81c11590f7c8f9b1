/**
 * A cell's file text split into what the editor shows as separate fields: kind, name and body.
 * The fence lines are written by the code, so nobody has to type ``` to edit a cell.
 */
import { CELL_KINDS } from '../../../notebooks/index.ts';

/** The parts of a named cell's text; `undefined` for text cells and text that is no cell. */
export interface CellSource {
  readonly kind: (typeof CELL_KINDS)[number];
  readonly name: string;
  readonly body: string;
}

const OPEN = /^(`{3,}|~{3,})\s*(\S+)(?:\s+(\S+))?\s*$/;

/** Splits "```kind name\nbody\n```" into its parts. */
export function splitCellSource(text: string): CellSource | undefined {
  const lines = text.replace(/\r\n?/g, '\n').replace(/\n$/, '').split('\n');
  const open = OPEN.exec(lines[0] ?? '');
  if (!open || !(CELL_KINDS as readonly string[]).includes(open[2]!)) return undefined;
  const fence = open[1]!;
  const last = lines.length > 1 && lines.at(-1)!.trim() === fence ? lines.length - 1 : lines.length;
  return { kind: open[2] as CellSource['kind'], name: open[3] ?? '', body: lines.slice(1, last).join('\n') };
}

/**
 * Writes the parts back as cell text. The fence is one backtick longer than any run of backticks in
 * the body, so a body that itself holds ``` (a Markdown example in a title, say) cannot close it early.
 */
export function joinCellSource({ kind, name, body }: CellSource): string {
  const longest = Math.max(0, ...[...body.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${kind} ${name.trim()}\n${body.replace(/\n+$/, '')}\n${fence}`;
}
