/**
 * `npm run report` arguments, checked before any browser starts: the notebook, the format, the output
 * file and the `--set` values (in the URL's encoding, docs/notebooks.md "Länkar"). Every refusal is one
 * Swedish line that says what is allowed.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { decodeState, indexNotebook, parseNotebook, type InputCell, type Notebook } from '../notebooks/index.ts';
import { MAX_THRESHOLD, MIN_THRESHOLD, parseThreshold, setThresholdParam } from '../format/threshold-param.ts';

export const FORMATS = ['pptx', 'pdf', 'xlsx', 'csv'] as const;
export type ReportFormat = (typeof FORMATS)[number];

export const USAGE = 'Användning: npm run report -- <anteckningsbok> --format pptx|pdf|xlsx|csv --out <fil> [--data <fil>] [--troskel <N>] [--set <inmatning>=<värde> …]';

/** A refusal: one line for the user, exit code 2. */
export class ReportArgsError extends Error {}

export interface ReportArgs {
  readonly notebook: string;
  readonly text: string;
  readonly format: ReportFormat;
  readonly out: string;
  readonly data?: string;
  /** The --set values (and `skydd=N` for a --troskel other than 5) as the notebook route's query string. */
  readonly query: string;
  /** Small-count threshold T (--troskel, 5 by default): counts 1 to T − 1 are protected. */
  readonly threshold: number;
  /** Values the browser must check against options read from the data ("enhet" → ["Söder"]). */
  readonly fromData: ReadonlyMap<string, readonly string[]>;
}

const BUILTIN_DIR = join(import.meta.dirname, '..', 'notebooks', 'builtin');

/** The built-in notebooks by id (file name without .md). */
export function builtinNotebooks(dir = BUILTIN_DIR): Map<string, string> {
  return new Map(readdirSync(dir).filter((f) => f.endsWith('.md')).sort().map((f) => [f.slice(0, -3), readFileSync(join(dir, f), 'utf8')]));
}

/** What an input accepts, in words, for the one-line refusal. */
export function allowedText(cell: InputCell): string {
  const spec = cell.spec;
  switch (spec.type) {
    case 'period':
      return `ÅÅÅÅ-MM..ÅÅÅÅ-MM, t.ex. ${spec.from}..${spec.to}`;
    case 'select':
    case 'multiselect':
      if (cell.name === 'barn') return 'med, utan eller tomt';
      return spec.options?.length ? spec.options.join(', ') : `ett värde i kolumnen ${spec.column ?? 'från data'}`;
    case 'slider':
      return `ett tal ${spec.min}–${spec.max}`;
    case 'toggle':
      return '1 eller 0';
  }
}

/** Parses and checks argv (without node and script); throws ReportArgsError with one line. */
export function parseReportArgs(argv: readonly string[], notebooks = builtinNotebooks()): ReportArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: { format: { type: 'string' }, out: { type: 'string' }, data: { type: 'string' }, troskel: { type: 'string' }, set: { type: 'string', multiple: true } },
    });
  } catch (error) {
    throw new ReportArgsError(`${error instanceof Error ? error.message : String(error)}. ${USAGE}`);
  }
  const { values, positionals } = parsed;
  const ids = [...notebooks.keys()];
  if (positionals.length !== 1) throw new ReportArgsError(`Ange en anteckningsbok: ${ids.join(', ')}. ${USAGE}`);
  const id = positionals[0]!;
  const text = notebooks.get(id);
  if (text === undefined) throw new ReportArgsError(`Okänd anteckningsbok "${id}": välj ${ids.join(', ')}.`);
  const format = values.format as ReportFormat | undefined;
  if (!format || !FORMATS.includes(format)) throw new ReportArgsError(`Okänt format "${format ?? ''}": välj ${FORMATS.join(', ')}.`);
  if (!values.out) throw new ReportArgsError(`Ange --out <fil>. ${USAGE}`);
  const threshold = checkThreshold(values.troskel);
  const notebook = parseNotebook(text);
  const { query, fromData } = checkSets(notebook, id, values.set ?? []);
  // The page reads T from the same link parameter as a user's link (skydd=N), so the file protects as the page does.
  const withThreshold = setThresholdParam(new URLSearchParams(query), threshold).toString();
  return { notebook: id, text, format, out: values.out, ...(values.data ? { data: values.data } : {}), query: withThreshold, threshold, fromData };
}

/** --troskel N: the same rule as the link's skydd=N (an integer 2–100); absent means 5. */
function checkThreshold(raw: string | undefined): number {
  if (raw === undefined) return parseThreshold(null).threshold;
  const { threshold, problem } = parseThreshold(raw);
  if (problem || raw.trim() === '') throw new ReportArgsError(`Otillåtet värde för --troskel: "${raw}" (tillåtet: ett heltal ${MIN_THRESHOLD}–${MAX_THRESHOLD}; 5 om det utelämnas).`);
  return threshold;
}

function checkSets(notebook: Notebook, id: string, sets: readonly string[]): { query: string; fromData: Map<string, string[]> } {
  const inputs = indexNotebook(notebook).inputs;
  const params = new URLSearchParams();
  for (const set of sets) {
    const eq = set.indexOf('=');
    const name = eq < 0 ? set : set.slice(0, eq);
    if (eq < 0 || !inputs.has(name)) throw new ReportArgsError(`Okänd inmatning i --set ${set}: ${id} har ${[...inputs.keys()].join(', ')} (skriv namn=värde).`);
    params.append(name, set.slice(eq + 1));
  }
  const { problems } = decodeState(params.toString(), notebook);
  for (const name of new Set(params.keys())) {
    const problem = problems.find((p) => p.includes(`för ${name} `));
    if (problem) throw new ReportArgsError(`Otillåtet värde för ${name}: "${params.getAll(name).join(', ')}" (tillåtet: ${allowedText(inputs.get(name)!)}).`);
  }
  // Choices read from the data (`column:`) are only known once the data is loaded: the browser checks them.
  const fromData = new Map<string, string[]>();
  for (const name of new Set(params.keys())) {
    const spec = inputs.get(name)!.spec;
    if ((spec.type === 'select' || spec.type === 'multiselect') && !spec.options?.length && name !== 'barn') fromData.set(name, params.getAll(name).filter((v) => v !== ''));
  }
  return { query: params.toString(), fromData };
}
