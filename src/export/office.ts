/**
 * Opening our files with real consumers in tests and the CLI checks: LibreOffice headless converts
 * them, poppler counts and renders the pages. Node only.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Converts `file` to PDF with LibreOffice in its own profile (parallel runs would share one and fail); returns the PDF's path. */
export async function officeToPdf(file: string, outDir: string): Promise<string> {
  const profile = await mkdtemp(join(tmpdir(), 'lo-profile-'));
  await run('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', outDir, file], { timeout: 120_000 });
  return join(outDir, basename(file).replace(/\.[^.]+$/, '.pdf'));
}

/** Pages of a PDF, from pdfinfo. */
export async function pdfPages(pdf: string): Promise<number> {
  const { stdout } = await run('pdfinfo', [pdf]);
  const m = /^Pages:\s+(\d+)/m.exec(stdout);
  if (!m) throw new Error(`pdfinfo gav inget sidantal för ${pdf}`);
  return Number(m[1]);
}

/** Renders every page to PNG (`prefix-N.png`) and returns the files, in page order. */
export async function renderPages(pdf: string, outDir: string, prefix: string, dpi = 60): Promise<string[]> {
  await run('pdftoppm', ['-png', '-r', String(dpi), pdf, join(outDir, prefix)], { timeout: 120_000 });
  const files = (await readdir(outDir)).filter((f) => f.startsWith(`${prefix}-`) && f.endsWith('.png'));
  return files.sort((a, b) => Number(/-(\d+)\.png$/.exec(a)![1]) - Number(/-(\d+)\.png$/.exec(b)![1])).map((f) => join(outDir, f));
}
