import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, mkdtemp, rename, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { NodeConnector } from '../engine/node-connector.ts';
import { generateMonths, type UtbetalningRow } from './model.ts';
import type { GeneratorParams } from './params.ts';

/** Output file formats: Parquet at rest, CSV for other tools. */
export type OutputFormat = 'parquet' | 'csv';

/** What was written. */
export interface WriteResult {
  readonly path: string;
  readonly rows: number;
  readonly households: number;
  readonly months: number;
  readonly firstMonth: string;
  readonly lastMonth: string;
  readonly bytes: number;
}

/** Column names and DuckDB types of the data contract, in file order. */
export const CONTRACT_COLUMNS: ReadonlyArray<readonly [keyof UtbetalningRow, string]> = [
  ['hushall_id', 'VARCHAR'],
  ['manad', 'VARCHAR'],
  ['utbetalt_kr', 'DOUBLE'],
  ['forsorjningsstod_kr', 'DOUBLE'],
  ['hushallstyp', 'VARCHAR'],
  ['antal_vuxna', 'INTEGER'],
  ['antal_barn', 'INTEGER'],
  ['forsorjningshinder', 'VARCHAR'],
  ['enhet', 'VARCHAR'],
  ['kanal', 'VARCHAR'],
  ['handlingsplan', 'BOOLEAN'],
];

function csvField(value: string | number | boolean): string {
  const text = String(value);
  return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function toCsvLine(row: UtbetalningRow): string {
  return CONTRACT_COLUMNS.map(([name]) => csvField(row[name])).join(',') + '\n';
}

async function writeChunk(stream: WriteStream, text: string): Promise<void> {
  // Respect back-pressure so that memory stays bounded however many rows there are.
  if (!stream.write(text)) await new Promise<void>((resolve) => stream.once('drain', resolve));
}

async function closeStream(stream: WriteStream): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    stream.once('error', reject);
    stream.end(resolve);
  });
}

/**
 * Generates the dataset for `params` and writes it to `path`: rows are streamed month by month into a
 * temporary CSV, which native DuckDB then sorts (ORDER BY manad, hushall_id) and writes as zstd Parquet
 * or CSV. One thread and an explicit order make the same seed give a byte-identical file.
 */
export async function writeDataset(params: GeneratorParams, path: string, format: OutputFormat): Promise<WriteResult> {
  const work = await mkdtemp(join(tmpdir(), 'bistand-gen-'));
  try {
    const csvPath = join(work, 'rows.csv');
    const stream = createWriteStream(csvPath, { encoding: 'utf8' });
    const streamError = new Promise<never>((_, reject) => stream.once('error', reject));
    streamError.catch(() => undefined);
    await writeChunk(stream, CONTRACT_COLUMNS.map(([name]) => name).join(',') + '\n');
    let rows = 0;
    let households = 0;
    let months = 0;
    let firstMonth = '';
    let lastMonth = '';
    for (const month of generateMonths(params)) {
      months++;
      firstMonth ||= month.manad;
      lastMonth = month.manad;
      rows += month.rows.length;
      let text = '';
      for (const row of month.rows) {
        // Pseudonyms are handed out in order of first appearance, so the highest one counts the households.
        households = Math.max(households, Number(row.hushall_id.slice(1)));
        text += toCsvLine(row);
      }
      await Promise.race([writeChunk(stream, text), streamError]);
    }
    await closeStream(stream);

    await mkdir(dirname(path), { recursive: true });
    const partial = `${path}.partial`;
    const db = await NodeConnector.open();
    try {
      await db.query('SET threads = 1');
      await db.query('SET preserve_insertion_order = true');
      await db.query('SET temp_directory = ?', [work]); // a large sort spills here, not into memory
      await db.query("SET memory_limit = '2GB'");
      const columns = CONTRACT_COLUMNS.map(([name, type]) => `'${name}': '${type}'`).join(', ');
      const options = format === 'parquet' ? 'FORMAT parquet, COMPRESSION zstd' : 'FORMAT csv, HEADER true';
      await db.query(
        `COPY (SELECT * FROM read_csv($1, header = true, delim = ',', quote = '"', columns = {${columns}})
               ORDER BY manad, hushall_id) TO $2 (${options})`,
        [csvPath, partial],
      );
    } finally {
      await db.close();
    }
    await rename(partial, path);
    const { size } = await stat(path);
    return { path, rows, households, months, firstMonth, lastMonth, bytes: size };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
