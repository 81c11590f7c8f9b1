/** Node only: loads a user's data file as table `utbetalningar` for `npm run metrics` and `npm run simulate`. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NodeConnector } from '../../engine/node-connector.ts';
import { withPlainPath } from '../../engine/node-parquet.ts';
import { CONTRACT, normaliseName } from '../contract.ts';
import { ImportError } from '../errors.ts';
import type { MappingFile } from '../mapping.ts';
import type { RawTable } from '../table.ts';
import { importTable } from '../import.ts';
import { readImportFile, sniffFileKind } from './read-file.ts';
import { writeContractParquet } from './write-parquet.ts';

/**
 * Loads exactly the file at `path` (never a glob; FIFOs and directories refused before opening).
 * Contract Parquet (what `npm run ingest` writes) is loaded as it is and checked by the metrics'
 * own validation. CSV and XLSX go through the import path: every cell read as text and cast by our
 * rules, the personnummer guard, and any refused row fails the whole run (a report over silently
 * fewer rows would be wrong), named by row and column. Columns must carry the contract's names here:
 * a report never rests on a guessed mapping (`npm run ingest` maps an export first).
 */
export async function loadDataFile(db: NodeConnector, path: string, table = 'utbetalningar'): Promise<void> {
  if ((await sniffFileKind(path)) === 'parquet') {
    await withPlainPath(path, 'data.parquet', (plain) => db.loadFile(table, plain));
    return;
  }
  const raw = await readImportFile(path);
  const result = await importTable(raw, { mapping: contractNamesOnly(raw) });
  const first = result.rejected[0];
  if (first) {
    const more = result.rejected.length > 1 ? ` (och ${(result.rejected.length - 1).toLocaleString('sv-SE')} rader till)` : '';
    const p = first.problems[0]!;
    throw new ImportError(`Kolumnen ${p.column}: ${p.reason} på rad ${first.row.toLocaleString('sv-SE')}${more}`, 'broken');
  }
  const dir = await mkdtemp(join(tmpdir(), 'bistandslaget-'));
  try {
    const parquet = join(dir, 'data.parquet');
    await writeContractParquet(result.columns, result.rowCount, parquet);
    await db.loadFile(table, parquet);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** A mapping that takes only columns named exactly as the contract (case and diacritics aside). */
function contractNamesOnly(raw: RawTable): MappingFile {
  const columns: MappingFile['columns'] = {};
  for (const c of CONTRACT) {
    const header = raw.header.find((h) => normaliseName(h) === c.name);
    if (header !== undefined) columns[c.name] = header;
    else if (c.required) throw new ImportError(`Kolumnen ${c.name} saknas i data (obligatorisk kolumn)`, 'missing-column');
  }
  return { format: 'bistandslaget-mapping', version: 1, name: 'datakontraktet', columns };
}
