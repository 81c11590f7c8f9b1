import { CellSyntaxError, parseChartBody, parseInputBody, parseSimulationBody } from './cell-body.ts';
import { parseMetricBody } from './metric-cell.ts';
import { NAME_PATTERN, RESERVED_NAMES, type Cell, type Notebook, type NotebookMeta, type NotebookProblem } from './types.ts';

/** Fence info words that open a cell; any other fenced block is ordinary Markdown inside a text cell. */
export const CELL_KINDS = ['sql', 'metric', 'chart', 'input', 'simulation'] as const;
type CellKind = (typeof CELL_KINDS)[number];

const KIND_LABEL: Record<CellKind, string> = { sql: 'SQL-cellen', metric: 'Måttcellen', chart: 'Diagramcellen', input: 'Inmatningscellen', simulation: 'Simuleringscellen' };
const OPEN_FENCE = /^(`{3,}|~{3,})(.*)$/;

/**
 * Parses a notebook file. Never throws: a broken cell becomes an error cell carrying a Swedish
 * message, its line number and its verbatim source, and the rest of the notebook still parses.
 */
export function parseNotebook(text: string): Notebook {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  if (lines.at(-1) === '') lines.pop();
  const problems: NotebookProblem[] = [];
  const { meta, next } = parseFrontMatter(lines, problems);
  const cells: Cell[] = [];
  const seen = new Map<string, number>();
  let text0: string[] = [];

  const flushText = (): void => {
    let a = 0;
    let b = text0.length;
    while (a < b && text0[a]!.trim() === '') a++;
    while (b > a && text0[b - 1]!.trim() === '') b--;
    if (b > a) cells.push({ kind: 'text', markdown: text0.slice(a, b).join('\n') });
    text0 = [];
  };

  let i = next;
  while (i < lines.length) {
    const line = lines[i]!;
    const open = OPEN_FENCE.exec(line);
    if (!open) {
      text0.push(line);
      i++;
      continue;
    }
    const close = findClose(lines, i, open[1]!);
    const info = open[2]!.trim();
    const kind = info.split(/\s+/)[0] as CellKind;
    if (!CELL_KINDS.includes(kind)) {
      // An ordinary Markdown code block: keep it in the prose, fences and all.
      const end = close ?? lines.length - 1;
      text0.push(...lines.slice(i, end + 1));
      i = end + 1;
      continue;
    }
    flushText();
    const end = close ?? lines.length - 1;
    const source = lines.slice(i, end + 1).join('\n');
    if (close === undefined) {
      cells.push({ kind: 'error', line: i + 1, message: `Kodblocket som börjar på rad ${i + 1} avslutas aldrig med ${open[1]}.`, source });
    } else {
      cells.push(checkDuplicate(parseFenced(kind, info, lines.slice(i + 1, close).join('\n'), i + 1, source), seen, i + 1, source));
    }
    i = end + 1;
  }
  flushText();
  return { meta, cells, problems };
}

/** Parses the text of one fenced cell (as the editor holds it); `line` is its first line in the file. */
export function parseCell(source: string, line = 1): Cell {
  const lines = source.replace(/\r\n?/g, '\n').replace(/\n$/, '').split('\n');
  const open = OPEN_FENCE.exec(lines[0] ?? '');
  const kind = open?.[2]!.trim().split(/\s+/)[0] as CellKind | undefined;
  if (!open || kind === undefined || !CELL_KINDS.includes(kind)) {
    const markdown = lines.join('\n').trim();
    return { kind: 'text', markdown };
  }
  const close = findClose(lines, 0, open[1]!);
  if (close !== lines.length - 1) {
    return { kind: 'error', line, message: `Cellen på rad ${line} ska avslutas med ${open[1]} på sista raden.`, source };
  }
  return parseFenced(kind, open[2]!.trim(), lines.slice(1, close).join('\n'), line, source);
}

function findClose(lines: readonly string[], openIndex: number, fence: string): number | undefined {
  const closing = new RegExp(`^${fence[0] === '`' ? '`' : '~'}{${fence.length},}\\s*$`);
  for (let k = openIndex + 1; k < lines.length; k++) if (closing.test(lines[k]!)) return k;
  return undefined;
}

function parseFenced(kind: CellKind, info: string, body: string, line: number, source: string): Cell {
  const words = info.split(/\s+/);
  const name = words[1];
  const label = KIND_LABEL[kind];
  const fail = (message: string, at = line, withName = true): Cell =>
    withName && name !== undefined && NAME_PATTERN.test(name) ? { kind: 'error', name, line: at, message, source } : { kind: 'error', line: at, message, source };
  if (name === undefined) return fail(`${label} på rad ${line} saknar namn, skriv t.ex. "${'```'}${kind} mitt_namn".`);
  if (!NAME_PATTERN.test(name)) return fail(`${label} på rad ${line} har ogiltigt namn "${name}" (bokstäver, siffror och _, inte först en siffra).`);
  if (RESERVED_NAMES.has(name)) return fail(`Namnet "${name}" på rad ${line} är reserverat och kan inte användas för en cell.`, line, false);
  if (words.length > 2) return fail(`${label} ${name} på rad ${line} har oväntad text efter namnet: "${words.slice(2).join(' ')}".`);
  try {
    switch (kind) {
      case 'sql':
        if (body.trim() === '') return fail(`SQL-cellen ${name} på rad ${line} är tom.`);
        return { kind: 'sql', name, sql: body };
      case 'metric':
        return { kind: 'metric', name, spec: parseMetricBody(body, line + 1, name) };
      case 'chart':
        return { kind: 'chart', name, spec: parseChartBody(body, line + 1, name) };
      case 'input':
        return { kind: 'input', name, spec: parseInputBody(body, line + 1, name) };
      case 'simulation':
        return { kind: 'simulation', name, spec: parseSimulationBody(body, line + 1, name) };
    }
  } catch (error) {
    if (error instanceof CellSyntaxError) return fail(error.message, error.line);
    throw error;
  }
}

function checkDuplicate(cell: Cell, seen: Map<string, number>, line: number, source: string): Cell {
  if (cell.kind === 'text' || cell.name === undefined) return cell;
  const first = seen.get(cell.name);
  if (first !== undefined) {
    // The duplicate loses its name so that references keep pointing at the first cell.
    return { kind: 'error', line, message: `Namnet "${cell.name}" på rad ${line} används redan av cellen på rad ${first}.`, source };
  }
  seen.set(cell.name, line);
  return cell;
}

function parseFrontMatter(lines: readonly string[], problems: NotebookProblem[]): { meta: NotebookMeta; next: number } {
  const empty: NotebookMeta = { title: '', description: '', extra: {} };
  if (lines[0] !== '---') return { meta: empty, next: 0 };
  const end = lines.indexOf('---', 1);
  if (end < 0) {
    problems.push({ line: 1, message: 'Inledningen som börjar med --- på rad 1 avslutas aldrig med ---.' });
    return { meta: empty, next: 0 };
  }
  let title = '';
  let description = '';
  const extra: Record<string, string> = {};
  for (let k = 1; k < end; k++) {
    const raw = lines[k]!;
    if (raw.trim() === '') continue;
    const m = /^([A-Za-z_][A-Za-z0-9_-]*):(.*)$/.exec(raw);
    if (!m) {
      problems.push({ line: k + 1, message: `Raden i inledningen ska ha formen "nyckel: värde" (rad ${k + 1}).` });
      continue;
    }
    const value = m[2]!.trim();
    if (m[1] === 'title') title = value;
    else if (m[1] === 'description') description = value;
    else extra[m[1]!] = value;
  }
  return { meta: { title, description, extra }, next: end + 1 };
}
