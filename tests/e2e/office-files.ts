/**
 * Office files as their real consumers read them, for the export tests: LibreOffice (headless) turns
 * an XLSX into CSV per sheet or any document into PDF, and the CSV's lines are split as Excel's
 * Swedish CSV is (';' with "…" quoting). One copy for every test that opens our files.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** LibreOffice, converting `file` into `dir` with its own profile there (parallel runs do not share one). */
function soffice(convertTo: string, file: string, dir: string): void {
  execFileSync('soffice', ['--headless', `-env:UserInstallation=file://${dir}/profile`, '--convert-to', convertTo, '--outdir', dir, file], { stdio: 'pipe', timeout: 180_000 });
}

/** Every sheet of `xlsx` as LibreOffice's CSV (cell values, not as shown), by sheet name; empty lines left out. */
export function xlsxSheets(xlsx: string, dir: string): Map<string, string[][]> {
  // Filter options: separator ';', quote '"', UTF-8, from line 1, …, token 9 false = values not as shown, token 12 -1 = every sheet.
  soffice('csv:Text - txt - csv (StarCalc):59,34,76,1,,0,false,true,false,false,false,-1', xlsx, dir);
  const sheets = new Map<string, string[][]>();
  const base = xlsx.split('/').pop()!.replace(/\.xlsx$/, '');
  for (const file of readdirSync(dir).filter((f) => f.startsWith(`${base}-`) && f.endsWith('.csv'))) {
    const text = readFileSync(join(dir, file), 'utf8');
    sheets.set(file.slice(base.length + 1, -4), text.split(/\r?\n/).filter((l) => l !== '').map(splitFields));
  }
  return sheets;
}

/** `file` (XLSX, PPTX …) printed to PDF by LibreOffice; returns the PDF's path in `dir`. */
export function officePdf(file: string, dir: string): string {
  soffice('pdf', file, dir);
  return join(dir, file.split('/').pop()!.replace(/\.[^.]+$/, '.pdf'));
}

/** One CSV line split on ';' with "…" quoting (LibreOffice quotes only text with separators or quotes; so do we). */
export function splitFields(line: string): string[] {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted && c === '"' && line[i + 1] === '"') {
      field += '"';
      i++;
    } else if (c === '"') quoted = !quoted;
    else if (c === ';' && !quoted) {
      out.push(field);
      field = '';
    } else field += c;
  }
  return [...out, field];
}
