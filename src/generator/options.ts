import { stockLevel } from './inflow.ts';
import { parseYearMonth } from './model.ts';
import { DEFAULT_GENERATOR_PARAMS, type GeneratorParams } from './params.ts';
import type { OutputFormat } from './write.ts';

/** Where the committed default dataset lives; only a run with every default option writes it. */
export const DEFAULT_OUT = 'data/utbetalningar.parquet';
/** Git-ignored folder for every other dataset (other seeds, sizes or periods). */
export const LARGE_DIR = 'data/large';

/** A bad command-line option; the message is one Swedish line naming the option. */
export class OptionError extends Error {
  override name = 'OptionError';
}

/** What `generate-data` should do. */
export interface GenerateOptions {
  readonly params: GeneratorParams;
  readonly out: string;
  readonly format: OutputFormat;
}

const FLAGS = ['seed', 'households', 'years', 'start', 'out', 'format', 'rows'] as const;
type Flag = (typeof FLAGS)[number];

function isFlag(name: string): name is Flag {
  return (FLAGS as readonly string[]).includes(name);
}

function integer(flag: string, text: string, min: number, max: number): number {
  const value = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new OptionError(`--${flag} ska vara ett heltal ${min}–${max}, fick "${text}"`);
  }
  return value;
}

/** Typical active households per month that give about `rows` rows over the period of `params`. */
export function householdsForRows(rows: number, params: GeneratorParams): number {
  let householdMonths = 0;
  for (let t = 0; t < params.months; t++) householdMonths += stockLevel(params, t);
  // Each active month is one row; zero-amount decisions add a few more.
  return Math.max(1, Math.round(rows / (householdMonths * (1 + params.zeroRowRate))));
}

/**
 * Parses the options of `npm run generate-data -- [--seed N] [--households N | --rows N] [--years Y]
 * [--start YYYY-MM] [--out path] [--format parquet|csv]` (also `--flag=value`). Throws OptionError.
 */
export function parseGenerateArgs(argv: readonly string[], base: GeneratorParams = DEFAULT_GENERATOR_PARAMS): GenerateOptions {
  const given = new Map<Flag, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const match = /^--([a-z]+)(?:=(.*))?$/.exec(arg);
    if (!match) throw new OptionError(`Okänt argument "${arg}"; flaggor skrivs --namn värde`);
    const name = match[1]!;
    if (!isFlag(name)) throw new OptionError(`Okänd flagga --${name}; giltiga är ${FLAGS.map((f) => `--${f}`).join(', ')}`);
    if (given.has(name)) throw new OptionError(`--${name} är angiven två gånger`);
    const value = match[2] ?? argv[++i];
    if (value === undefined || value === '') throw new OptionError(`--${name} saknar värde`);
    given.set(name, value);
  }
  if (given.has('households') && given.has('rows')) {
    throw new OptionError('--households och --rows kan inte anges samtidigt');
  }
  const format = given.get('format') ?? 'parquet';
  if (format !== 'parquet' && format !== 'csv') throw new OptionError(`--format ska vara parquet eller csv, fick "${format}"`);
  const start = given.get('start') ?? base.start;
  try {
    parseYearMonth(start);
  } catch {
    throw new OptionError(`--start ska vara en månad ÅÅÅÅ-MM, fick "${start}"`);
  }
  const seedText = given.get('seed');
  const yearsText = given.get('years');
  const householdsText = given.get('households');
  let params: GeneratorParams = {
    ...base,
    start,
    seed: seedText === undefined ? base.seed : integer('seed', seedText, 0, 4294967295),
    months: yearsText === undefined ? base.months : 12 * integer('years', yearsText, 1, 50),
    households: householdsText === undefined ? base.households : integer('households', householdsText, 1, 5_000_000),
  };
  const rowsText = given.get('rows');
  if (rowsText !== undefined) {
    params = { ...params, households: householdsForRows(integer('rows', rowsText, 100, 500_000_000), params) };
  }
  const isDefault =
    params.seed === base.seed && params.months === base.months && params.households === base.households && start === base.start;
  const name = `utbetalningar-s${params.seed}-h${params.households}-${start}-${params.months / 12}ar.${format}`;
  const out = given.get('out') ?? (isDefault && format === 'parquet' ? DEFAULT_OUT : `${LARGE_DIR}/${name}`);
  return { params, out, format };
}
