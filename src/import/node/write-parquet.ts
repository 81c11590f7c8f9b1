/** Node only: writes an import's valid rows as contract Parquet (what `npm run metrics` and `simulate` read). */
import { rename, rm } from 'node:fs/promises';
import { writeParquetFile } from '../../engine/node-parquet.ts';
import { typedColumns } from '../columns.ts';
import type { ContractColumns } from '../validate.ts';

/** Writes `columns` to `path` atomically: a temporary file beside it, renamed when complete. */
export async function writeContractParquet(columns: ContractColumns, rowCount: number, path: string): Promise<void> {
  const partial = `${path}.${process.pid}.partial`;
  try {
    await writeParquetFile(typedColumns(columns), rowCount, partial);
    await rename(partial, path);
  } finally {
    await rm(partial, { force: true });
  }
}
