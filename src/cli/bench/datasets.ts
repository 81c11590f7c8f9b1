/**
 * Which datasets `npm run bench` measures, where their files live, and the command-line options.
 * Pure: no file system here, so the choices are unit-tested; bench.ts does the I/O.
 */

/** A dataset the bench knows: its flag id, its label in the table and how to make its Parquet file. */
export interface BenchDataset {
  id: 'standard' | '1m' | '12m';
  label: string;
  parquet: string;
  /** Arguments to `generate-data` that write `parquet`; null for the committed sample. */
  generate: string[] | null;
  /** The prepared Arrow file, kept outside the built site (a `vite build` empties that). */
  arrowCache: string;
  /** Where the page fetches it, relative to the built site. */
  arrowUrl: string;
}

function dataset(id: BenchDataset['id'], label: string, parquet: string, generate: string[] | null): BenchDataset {
  return { id, label, parquet, generate, arrowCache: `data/large/bench-${id}.arrow`, arrowUrl: `data/bench-${id}.arrow` };
}

/** The three sizes of the issue: the committed sample, ≈ 1.2 M and ≈ 12 M household-months. */
export const DATASETS: readonly BenchDataset[] = [
  dataset('standard', 'standard', 'data/utbetalningar.parquet', null),
  dataset('1m', '1,2 M', 'data/large/bench-1m.parquet', ['--households', '10000', '--years', '10', '--out', 'data/large/bench-1m.parquet']),
  dataset('12m', '12 M', 'data/large/bench-12m.parquet', ['--rows', '12000000', '--out', 'data/large/bench-12m.parquet']),
];

/** Parsed options of `npm run bench`. */
export interface BenchOptions {
  datasets: BenchDataset[];
  runs: number;
  /** Skip the simulation rows. */
  skipSimulation: boolean;
  /** Skip the import section (issue 10: the 1,14 M-row CSV by `ingest` and in the browser). */
  skipImport: boolean;
  /** Skip the page-load scenarios (cold and repeat visit, load-bench.ts). */
  skipLoad: boolean;
  /** Run only this section (`--only import`, `--only load`); null runs everything chosen above. */
  only: 'import' | 'load' | null;
}

/** A bad command-line option; the message is one Swedish line naming it. */
export class BenchOptionError extends Error {
  override name = 'BenchOptionError';
}

/** Parses `[--sizes standard,1m,12m] [--runs N] [--no-sim] [--no-import] [--only import]` (also `--flag=value`). Throws BenchOptionError. */
export function parseBenchArgs(argv: readonly string[]): BenchOptions {
  let sizes = DATASETS.map((d) => d.id as string);
  let runs = 7;
  let skipSimulation = false;
  let skipImport = false;
  let skipLoad = false;
  let only: BenchOptions['only'] = null;
  const seen = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(argv[i]!);
    if (!match) throw new BenchOptionError(`Okänt argument "${argv[i]}"; giltiga flaggor är --sizes, --runs, --no-sim, --no-import, --no-load och --only`);
    const name = match[1]!;
    if (seen.has(name)) throw new BenchOptionError(`--${name} är angiven två gånger`);
    seen.add(name);
    if (name === 'no-sim' || name === 'no-import' || name === 'no-load') {
      if (name === 'no-sim') skipSimulation = true;
      else if (name === 'no-import') skipImport = true;
      else skipLoad = true;
      continue;
    }
    if (name !== 'sizes' && name !== 'runs' && name !== 'only') {
      throw new BenchOptionError(`Okänd flagga --${name}; giltiga är --sizes, --runs, --no-sim, --no-import, --no-load och --only`);
    }
    const value = match[2] ?? argv[++i];
    if (value === undefined || value === '' || value.startsWith('--')) throw new BenchOptionError(`--${name} saknar värde`);
    if (name === 'only') {
      if (value !== 'import' && value !== 'load') throw new BenchOptionError(`--only: okänd del "${value}"; giltiga är import och load`);
      only = value;
    } else if (name === 'runs') {
      runs = /^\d+$/.test(value) ? Number(value) : NaN;
      if (!Number.isSafeInteger(runs) || runs < 1 || runs > 1000) throw new BenchOptionError(`--runs ska vara ett heltal 1–1000, fick "${value}"`);
    } else {
      sizes = value.split(',').map((s) => s.trim().toLowerCase());
      const unknown = sizes.find((s) => !DATASETS.some((d) => d.id === s));
      if (unknown !== undefined) {
        throw new BenchOptionError(`--sizes: okänd storlek "${unknown}"; giltiga är ${DATASETS.map((d) => d.id).join(', ')}`);
      }
    }
  }
  // Always in the table's order (small to large), each once, whatever order the flag gave.
  if (only === 'import' && skipImport) throw new BenchOptionError('--only import och --no-import går inte ihop');
  if (only === 'load' && skipLoad) throw new BenchOptionError('--only load och --no-load går inte ihop');
  return { datasets: DATASETS.filter((d) => sizes.includes(d.id)), runs, skipSimulation, skipImport: skipImport || only === 'load', skipLoad: skipLoad || only === 'import', only };
}

/** True when a derived file must be (re)built: it is missing or older than its source. */
export function isStale(sourceMtimeMs: number, derivedMtimeMs: number | null): boolean {
  return derivedMtimeMs === null || derivedMtimeMs < sourceMtimeMs;
}

/** The last `count` months ending at `lastMonth` (month indexes, see metrics/month.ts), clipped to `firstMonth`. */
export function lastMonths(firstMonth: number, lastMonth: number, count: number): { lo: number; hi: number } {
  return { lo: Math.max(firstMonth, lastMonth - count + 1), hi: lastMonth };
}
