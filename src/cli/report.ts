/**
 * `npm run report -- <anteckningsbok> --format pptx|pdf|xlsx|csv --out <fil> [--data <fil>] [--set namn=värde …]`
 *
 * The same code as the browser, run in the browser: serves the built app (dist/, built if missing),
 * opens the notebook in Debian's Chromium with the --set values in its link, waits for every cell, and
 * presses the notebook's own PowerPoint/Excel/CSV button or prints it (PDF, A4, the print stylesheet).
 * See README "Rapporter".
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { startServer } from '../../scripts/static-server.mjs';
import { launchChromium } from './chromium.ts';
import { parseReportArgs, ReportArgsError, type ReportArgs } from './report-args.ts';

const BUTTON: Record<'pptx' | 'xlsx' | 'csv', string> = { pptx: 'PowerPoint', xlsx: 'Excel', csv: 'CSV' };
const ROOT = resolve(import.meta.dirname, '..', '..');

/** A refusal found in the page (a --set value not among the data's values): one line, exit 2. */
class PageRefusal extends Error {}

/** The built app, building it first when it is missing. */
function distDir(): string {
  const dist = resolve(ROOT, process.env.REPORT_DIST ?? 'dist');
  if (!existsSync(join(dist, 'index.html'))) {
    console.error(`Bygger appen i ${dist} (första gången) …`);
    const built = spawnSync('npm', ['run', 'build', '--', '--outDir', dist], { cwd: ROOT, stdio: ['ignore', 2, 2] });
    if (built.status !== 0) throw new Error('Bygget misslyckades (npm run build).');
  }
  return dist;
}

/**
 * With --data: a served folder that is dist plus the prepared file in data/ (the page opens only files
 * in its own data/ folder). Returns the folder and the page's `?data=` value.
 */
async function withData(dist: string, data: string): Promise<{ root: string; param: string }> {
  if (!existsSync(data)) throw new ReportArgsError(`Datafilen ${data} finns inte.`);
  const root = await mkdtemp(join(tmpdir(), 'rapport-'));
  for (const entry of await readdir(dist)) if (entry !== 'data') await symlink(join(dist, entry), join(root, entry));
  await mkdir(join(root, 'data'));
  if (existsSync(join(dist, 'data'))) for (const entry of await readdir(join(dist, 'data'))) await symlink(join(dist, 'data', entry), join(root, 'data', entry));
  // The page shows this name as the data file: keep the user's own unless it would hide a bundled file.
  const own = `${basename(data).replace(/\.[^.]+$/, '').replace(/[^A-Za-z0-9_-]/g, '_')}.arrow`;
  const name = existsSync(join(dist, 'data', own)) ? `rapport-${own}` : own;
  const prepared = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/prepare-data.ts'), '--data', resolve(data), '--out', join(root, 'data', name)], { cwd: ROOT, stdio: ['ignore', 'ignore', 2] });
  if (prepared.status !== 0) throw new Error(`Datafilen ${data} kunde inte förberedas (se felet ovan).`);
  return { root, param: `data/${name}` };
}

/** REPORT_TIMING=1 prints each phase's seconds to stderr (for docs/bench.md). */
const t0 = performance.now();
const phase = (name: string) => process.env.REPORT_TIMING && console.error(`${name}: ${((performance.now() - t0) / 1000).toFixed(1)} s`);

async function report(args: ReportArgs): Promise<string> {
  phase('argument');
  const dist = distDir();
  const served = args.data ? await withData(dist, args.data) : { root: dist, param: '' };
  const server = await startServer(served.root, 0);
  const browser = await launchChromium();
  phase('webbläsare');
  try {
    const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 }, locale: 'sv-SE' });
    const page = await context.newPage();
    const search = served.param ? `?data=${encodeURIComponent(served.param)}` : '';
    await page.goto(`${server.url}${search}#/anteckningar/${args.notebook}${args.query ? `?${args.query}` : ''}`);
    // Generous: a cold DuckDB-WASM start and every cell of a notebook on a busy machine can take minutes.
    const timeout = Number(process.env.REPORT_TIMEOUT_MS ?? 300_000);
    try {
      await page.waitForSelector('article.notebook[data-running="false"] .report-tools button:not([disabled])', { timeout });
      await page.waitForFunction(() => !document.querySelector('.cell[data-status="running"], .cell[data-status="pending"], article.notebook[data-running="true"]'), undefined, { timeout });
    } catch (error) {
      // Name the cells that never settled, so a hang can be traced to its cell instead of a bare timeout.
      throw new Error(`${error instanceof Error ? error.message.split('\n')[0] : String(error)} ${await unsettled(page)}`, { cause: error });
    }
    phase('anteckningsbok klar');
    await checkDataChoices(page, args);
    if (args.format === 'pdf') {
      // Charts measure their width on screen: draw them at the A4 column's width (186 mm ≈ 703 px) first.
      await page.setViewportSize({ width: 703, height: 1000 });
      await page.waitForTimeout(300);
      await page.emulateMedia({ media: 'print' });
      await page.pdf({ path: args.out, format: 'A4', printBackground: true, preferCSSPageSize: true });
    } else {
      const download = page.waitForEvent('download', { timeout: 60_000 });
      await page.getByRole('group', { name: 'Rapport' }).getByRole('button', { name: BUTTON[args.format], exact: true }).click();
      await (await download).saveAs(args.out);
    }
    phase('export');
    const failed = await page.locator('.report-tools [role="alert"]').allTextContents();
    if (failed.length) throw new Error(failed.join(' '));
    return args.out;
  } finally {
    await browser.close();
    await server.close();
  }
}

/** What the page shows as not settled: the notebook's running flag and each waiting or running cell. */
async function unsettled(page: import('playwright-core').Page): Promise<string> {
  const state = await page
    .evaluate(() => ({
      running: document.querySelector('article.notebook')?.getAttribute('data-running') ?? 'ingen anteckningsbok',
      cells: [...document.querySelectorAll('.cell[data-status="running"], .cell[data-status="pending"]')].map((c) => `${c.getAttribute('data-cell') ?? '?'}=${c.getAttribute('data-status')}`),
    }))
    .catch(() => null);
  return state ? `(data-running=${state.running}; ej klara celler: ${state.cells.join(', ') || 'inga'})` : '';
}

/** --set values for inputs whose choices come from the data: refused unless the data has them. */
async function checkDataChoices(page: import('playwright-core').Page, args: ReportArgs): Promise<void> {
  if (args.fromData.size === 0) return;
  const raw = await page.locator('.report-tools').getAttribute('data-input-options');
  const options = JSON.parse(raw ?? '{}') as Record<string, string[]>;
  for (const [name, wanted] of args.fromData) {
    const allowed = options[name] ?? [];
    const bad = wanted.find((v) => !allowed.includes(v));
    if (bad !== undefined) throw new PageRefusal(`Otillåtet värde för ${name}: "${bad}" (tillåtet: ${allowed.join(', ')} eller tomt för alla).`);
  }
}

async function main(): Promise<void> {
  const started = performance.now();
  let args: ReportArgs;
  try {
    args = parseReportArgs(process.argv.slice(2));
  } catch (error) {
    if (error instanceof ReportArgsError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  try {
    const out = await report(args);
    console.log(`Skrev ${out} (${args.format}) på ${((performance.now() - started) / 1000).toFixed(1).replace('.', ',')} s.`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(error instanceof PageRefusal || error instanceof ReportArgsError ? 2 : 1);
  }
}

await main();
