/**
 * The files the bench needs, made when missing or stale: the built page (bench.html), the
 * generated Parquet datasets and their Arrow files for the browser.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { link, mkdir, readdir, readFile, stat, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { isStale, type BenchDataset } from './datasets.ts';
import { preparedDirFor, toPreparedManifest, type PreparedManifest } from '../../metrics/prepared.ts';

const TSX = 'node_modules/.bin/tsx';
const VITE = 'node_modules/.bin/vite';
/**
 * The bench serves its own build, not dist/: colleagues' `npm run build` empties dist/ at any time,
 * which took the Arrow files away in the middle of a run. data/large/ is git-ignored.
 */
export const SITE_DIR = 'data/large/bench-site';

async function mtime(path: string): Promise<number | null> {
  return (await stat(path).catch(() => null))?.mtimeMs ?? null;
}

function run(command: string, args: string[], what: string, env: NodeJS.ProcessEnv = process.env): void {
  console.log(`» ${what}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env });
  if (result.status !== 0) throw new Error(`${what} misslyckades (kod ${result.status ?? result.signal})`);
}

/**
 * Builds the dashboard and the bench page into `siteDir` (about 5 s), so the page matches the sources.
 * BENCH_PAGE=1 adds bench.html as a vite input; the production build leaves it out (vite.config.ts).
 */
export function buildSite(siteDir = SITE_DIR): void {
  run(VITE, ['build', '--outDir', siteDir, '--emptyOutDir', '--logLevel', 'warn'], 'Bygger mätsidan', { ...process.env, BENCH_PAGE: '1' });
}

/** Generates the dataset's Parquet file when it is missing (the 12 M set takes several minutes). */
export async function ensureParquet(ds: BenchDataset): Promise<void> {
  if (existsSync(ds.parquet)) return;
  if (!ds.generate) throw new Error(`Datafilen saknas: ${ds.parquet}. Skapa den med "npm run generate-data".`);
  run(TSX, ['src/cli/generate-data.ts', ...ds.generate], `Genererar ${ds.label} (${ds.parquet})`);
}

/**
 * Prepares the Arrow file, its prepared tables and first screens in the cache (data/large/, which a
 * `vite build` does not empty) when missing, older than the Parquet file or of another prepared-table
 * version, and hard-links them into the bench's site where the page fetches them
 * (`data/bench-1m.arrow`, `data/bench-1m.prepared/` …).
 */
export async function ensureArrow(ds: BenchDataset, siteDir = SITE_DIR): Promise<void> {
  const source = await mtime(ds.parquet);
  if (source === null) throw new Error(`Datafilen saknas: ${ds.parquet}`);
  const manifest = join(preparedDirFor(ds.arrowCache), 'manifest.json');
  // A manifest of another version (tables built by older code, e.g. without the household-year flags)
  // is rebuilt like a stale one: the bench would otherwise fall back to raw rows without saying why.
  const refused = await readManifest(ds).then(() => false, () => true);
  if (refused || isStale(source, await mtime(ds.arrowCache)) || isStale(source, await mtime(manifest))) {
    await mkdir(dirname(ds.arrowCache), { recursive: true });
    run(TSX, ['src/cli/prepare-data.ts', '--data', ds.parquet, '--out', ds.arrowCache], `Förbereder Arrow för ${ds.label}`);
  }
  const pairs: [string, string][] = [[ds.arrowCache, join(siteDir, ds.arrowUrl)]];
  const cacheDir = preparedDirFor(ds.arrowCache);
  for (const file of await readdir(cacheDir)) pairs.push([join(cacheDir, file), join(siteDir, preparedDirFor(ds.arrowUrl), file)]);
  const snapshot = ds.arrowCache.replace(/\.arrow$/, '.forberaknat.json');
  if (existsSync(snapshot)) pairs.push([snapshot, join(siteDir, ds.arrowUrl.replace(/\.arrow$/, '.forberaknat.json'))]);
  for (const [from, to] of pairs) {
    await mkdir(dirname(to), { recursive: true });
    await unlink(to).catch(() => undefined);
    await link(from, to);
  }
}

/** The manifest of a dataset's prepared tables (written by prepare-data beside its Arrow file). */
export async function readManifest(ds: BenchDataset): Promise<PreparedManifest> {
  return toPreparedManifest(JSON.parse(await readFile(join(preparedDirFor(ds.arrowCache), 'manifest.json'), 'utf8')));
}

/** Size of a file in MB, for the report. */
export async function sizeMb(path: string): Promise<number> {
  return (await stat(path)).size / 1e6;
}
