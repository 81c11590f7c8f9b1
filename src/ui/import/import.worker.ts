/**
 * Web Worker for Egna data: reading, the personal-data guard, casting and validation of a file run
 * here so that a million-row export never freezes the page. Cancelling terminates the worker. The
 * read table stays in this worker between "read" and "import"; the page only gets a masked preview.
 */
import { tableToIPC } from 'apache-arrow';
import { detectFileKind } from '../../import/decode.ts';
import { ImportError } from '../../import/errors.ts';
import { scanSensitive } from '../../import/guard.ts';
import { importTable, readCsvBytes, SensitiveDataError } from '../../import/import.ts';
import { suggestMapping } from '../../import/mapping.ts';
import { importKey, parseKeyFile } from '../../import/pseudonymise.ts';
import type { RawTable } from '../../import/table.ts';
import { readXlsxBytes } from '../../import/xlsx.ts';
import { toArrowTableCsp } from './contract-arrow.ts';
import { readArrowBytes } from './arrow-file.ts';
import { MASK, type ImportRequest, type ReadRequest, type WorkerRequest, type WorkerResponse } from './protocol.ts';

let table: RawTable | null = null;
const PREVIEW_ROWS = 8;
const MAX_DISTINCT = 40;

function post(message: WorkerResponse, transfer: Transferable[] = []): void {
  (self as unknown as Worker).postMessage(message, transfer);
}

function progress(stage: string, fraction: number): void {
  post({ type: 'progress', stage, fraction });
}

const DELIMITER_NAMES: Record<string, string> = { ';': 'semikolon', ',': 'komma', '\t': 'tabb' };

async function read({ file }: ReadRequest): Promise<void> {
  const started = performance.now();
  table = null;
  progress('Läser filen …', 0.05);
  const bytes = new Uint8Array(await file.arrayBuffer());
  const kind = detectFileKind(bytes);
  const arrow = /\.(arrow|arrows|feather)$/i.test(file.name);
  progress(kind === 'xlsx' ? 'Läser Excel-arbetsboken …' : 'Tolkar raderna …', 0.15);
  let format: string;
  if (kind === 'parquet') {
    throw new ImportError('Parquet-filer läses inte i webbläsaren (motorn får inte öppna filer). Gör om filen med "npm run prepare-data -- --data <fil>" till .arrow, eller välj CSV/Excel.', 'unsupported');
  } else if (kind === 'xlsx') {
    table = await readXlsxBytes(bytes);
    format = 'Excel';
  } else if (arrow || (kind === 'binary' && bytes[0] === 0xff)) {
    table = readArrowBytes(bytes);
    format = 'Arrow';
  } else {
    table = readCsvBytes(bytes);
    format = 'CSV';
  }
  progress('Letar efter personuppgifter …', 0.6);
  const findings = scanSensitive(table);
  const flagged = new Set(findings.map((f) => table!.header.indexOf(f.column)));
  progress('Föreslår kolumner …', 0.85);
  const suggestion = suggestMapping(table, flagged);
  const suggested: Record<string, string> = {};
  for (const [name, index] of suggestion.columns) suggested[name] = table.header[index]!;
  const preview: string[][] = [];
  for (let r = 0; r < Math.min(PREVIEW_ROWS, table.rowCount); r++) {
    preview.push(table.header.map((_, c) => (flagged.has(c) ? MASK : table!.columns[c]![r]!)));
  }
  const distinct: Record<string, string[]> = {};
  table.header.forEach((name, c) => {
    if (flagged.has(c)) return;
    const values = new Set<string>();
    for (const v of table!.columns[c]!) {
      const t = v.trim();
      if (t === '') continue;
      values.add(t);
      if (values.size > MAX_DISTINCT) return;
    }
    distinct[name] = [...values].sort((a, b) => a.localeCompare(b, 'sv'));
  });
  const s = table.source;
  const how = [s.encoding, s.delimiter ? DELIMITER_NAMES[s.delimiter] ?? s.delimiter : undefined, s.sheet ? `blad ${s.sheet}` : undefined].filter(Boolean).join(', ');
  post({ type: 'read', fileName: file.name, format, how, header: table.header, rowCount: table.rowCount, preview, findings, suggested, distinct, ms: performance.now() - started });
}

async function runImport(request: ImportRequest): Promise<void> {
  if (!table) throw new ImportError('Ingen fil är inläst.', 'empty');
  const started = performance.now();
  const pseudonymise = request.pseudonymise
    ? { column: request.pseudonymise.column, key: await importKey(parseKeyFile(request.pseudonymise.keyFile)) }
    : undefined;
  progress(pseudonymise ? 'Pseudonymiserar och kontrollerar raderna …' : 'Kontrollerar raderna …', 0.1);
  const result = await importTable(table, { mapping: request.mapping, drop: request.drop, pseudonymise });
  progress('Bygger tabellen …', 0.75);
  const ipc = tableToIPC(toArrowTableCsp(result.columns), 'stream');
  let first = '9999-99';
  let last = '0000-00';
  for (const m of result.columns.manad) {
    if (m < first) first = m;
    if (m > last) last = m;
  }
  post({
    type: 'imported',
    rowCount: result.rowCount,
    rejectedCount: result.rejected.length,
    rejected: result.rejected.slice(0, 200),
    fileTotals: result.fileTotals,
    importedTotals: result.importedTotals,
    notices: result.notices,
    firstMonth: first,
    lastMonth: last,
    ipc,
    ms: performance.now() - started,
  }, [ipc.buffer]);
}

self.onmessage = async (event: MessageEvent<WorkerRequest>) => {
  try {
    if (event.data.type === 'read') await read(event.data);
    else await runImport(event.data);
  } catch (error) {
    // Only our own Swedish messages reach the page: they never hold file values (see errors.ts).
    if (error instanceof SensitiveDataError) post({ type: 'error', message: error.message, findings: error.findings });
    else if (error instanceof ImportError) post({ type: 'error', message: error.message });
    else if (error instanceof Error && /nyckel/i.test(error.message)) post({ type: 'error', message: error.message });
    else post({ type: 'error', message: 'Filen kunde inte läsas (oväntat fel i inläsningen).' });
  }
};
