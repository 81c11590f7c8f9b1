// Writes `<file>.br` and `<file>.gz` beside every compressible file of a built site, so a web server
// (ours, IIS, nginx, Apache) can send brotli or gzip without compressing on each request.
// Usage: node scripts/precompress.mjs [dist]
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { extname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { promisify } from 'node:util';
import { COMPRESSIBLE } from './content-types.mjs';

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

/** Below this a compressed copy saves less than a request header costs. */
const MIN_BYTES = 1024;
/**
 * Brotli's best quality (11) takes minutes for the 34 MB DuckDB wasm on this 2-core machine; quality 9
 * takes seconds and is within 15 % of it. Files up to 1,5 MB (the app's scripts, the sample data) get 11.
 */
const BEST_QUALITY_MAX_BYTES = 1536 * 1024;

async function* files(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else if (entry.isFile()) yield path;
  }
}

/** Brotli settings for a file of `size` bytes (also used by the server for files built without this step). */
export function brotliOptions(size, quality) {
  return { params: { [constants.BROTLI_PARAM_QUALITY]: quality ?? (size <= BEST_QUALITY_MAX_BYTES ? 11 : 9), [constants.BROTLI_PARAM_SIZE_HINT]: size } };
}

/** Compresses every compressible file under `dir`; returns byte totals. */
export async function precompress(dir) {
  const totals = { files: 0, raw: 0, br: 0, gz: 0 };
  const queue = [];
  for await (const path of files(dir)) if (COMPRESSIBLE.has(extname(path))) queue.push(path);
  const one = async (path) => {
    const info = await stat(path);
    if (info.size < MIN_BYTES) return;
    const body = await readFile(path);
    const [br, gzBody] = await Promise.all([brotli(body, brotliOptions(body.length)), gz(body, { level: 9 })]);
    // A copy is written only when it is smaller; the server then sends the file as it is.
    if (br.length < body.length) await writeFile(`${path}.br`, br);
    if (gzBody.length < body.length) await writeFile(`${path}.gz`, gzBody);
    totals.files += 1;
    totals.raw += body.length;
    totals.br += Math.min(br.length, body.length);
    totals.gz += Math.min(gzBody.length, body.length);
  };
  // zlib's async calls run on libuv's thread pool: one file per core keeps every core busy.
  const workers = Array.from({ length: Math.max(1, availableParallelism()) }, async () => {
    for (let path = queue.shift(); path; path = queue.shift()) await one(path);
  });
  await Promise.all(workers);
  return totals;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const dir = process.argv[2] ?? 'dist';
  const started = Date.now();
  const t = await precompress(dir);
  const mb = (n) => (n / 1e6).toFixed(1).replace('.', ',');
  console.log(
    `Förkomprimerade ${t.files} filer i ${dir}: ${mb(t.raw)} MB → brotli ${mb(t.br)} MB, gzip ${mb(t.gz)} MB (${((Date.now() - started) / 1000).toFixed(0)} s)`,
  );
}
