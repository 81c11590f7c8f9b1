/** Node only: opens a user's file for the import (CLI tools). The browser passes bytes from a File instead. */
import { open, readFile, stat } from 'node:fs/promises';
import { readParquetAsText } from '../../engine/node-parquet.ts';
import { detectFileKind } from '../decode.ts';
import { ImportError } from '../errors.ts';
import { readCsvBytes } from '../import.ts';
import { cleanHeader, type RawTable } from '../table.ts';
import { readXlsxBytes } from '../xlsx.ts';

/** Larger files do not fit in one JavaScript string; split the export by year instead. */
export const MAX_FILE_BYTES = 512 * 1024 * 1024;

/**
 * Reads exactly the file at `path` (never a pattern: `data*.csv` is a file name like any other) as a
 * raw table: CSV, XLSX or Parquet by content. A directory, FIFO or device is refused before it is
 * opened, so a named pipe cannot hang the tool.
 */
export async function readImportFile(path: string): Promise<RawTable> {
  await checkRegularFile(path);
  const bytes = new Uint8Array(await readFile(path));
  const kind = detectFileKind(bytes);
  if (kind === 'xlsx') return readXlsxBytes(bytes);
  if (kind === 'parquet') {
    let read;
    try {
      read = await readParquetAsText(path);
    } catch {
      throw new ImportError(`Parquet-filen ${path} är skadad eller kan inte läsas.`, 'broken');
    }
    return { header: cleanHeader(read.header), columns: read.columns, rowCount: read.rowCount, ragged: new Set(), source: { format: 'parquet' } };
  }
  return readCsvBytes(bytes);
}

/** Refuses a missing, empty, too large or non-regular file (checked with stat, before any open). */
export async function checkRegularFile(path: string): Promise<void> {
  let info;
  try {
    info = await stat(path);
  } catch {
    throw new ImportError(`Filen finns inte: ${path}`, 'unsupported');
  }
  if (!info.isFile()) throw new ImportError(`${path} är inte en vanlig fil (utan en mapp, pipe eller enhet).`, 'unsupported');
  if (info.size === 0) throw new ImportError(`Filen är tom: ${path}`, 'empty');
  if (info.size > MAX_FILE_BYTES) throw new ImportError(`Filen är för stor (över ${MAX_FILE_BYTES / 1024 / 1024} MB): ${path}`, 'too-large');
}

/** The kind of a regular file by its first bytes, without reading the rest. */
export async function sniffFileKind(path: string): Promise<ReturnType<typeof detectFileKind>> {
  await checkRegularFile(path);
  const handle = await open(path, 'r');
  try {
    const head = new Uint8Array(4096);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    return detectFileKind(head.subarray(0, bytesRead));
  } finally {
    await handle.close();
  }
}
