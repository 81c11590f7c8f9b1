import { mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DuckDBInstance, type DuckDBAppender } from '@duckdb/node-api';

/**
 * Parquet in and out for the Node import path (`npm run ingest`, `npm run metrics`), on native DuckDB.
 * Values reach DuckDB through its appender, typed by our own validation; DuckDB never sniffs a type.
 */

/** One typed column to write. */
export interface TypedColumn {
  name: string;
  type: 'VARCHAR' | 'DOUBLE' | 'INTEGER' | 'BOOLEAN';
  values: ArrayLike<string | number | boolean | null>;
}

/**
 * Writes `columns` (all `rowCount` long) as a zstd Parquet file at `path`. The file appears only when
 * complete: it is written beside `path` under a temporary name and renamed.
 */
export async function writeParquetFile(columns: readonly TypedColumn[], rowCount: number, path: string): Promise<void> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    await connection.run('SET threads = 1');
    const ddl = columns.map((c, i) => `c${i} ${c.type}`).join(', ');
    await connection.run(`CREATE TABLE t (${ddl})`);
    const appender = await connection.createAppender('t');
    try {
      appendRows(appender, columns, rowCount);
      appender.flushSync();
    } finally {
      appender.closeSync();
    }
    const select = columns.map((c, i) => `c${i} AS ${quoteIdentifier(c.name)}`).join(', ');
    const prepared = await connection.prepare(`COPY (SELECT ${select} FROM t) TO $1 (FORMAT parquet, COMPRESSION zstd)`);
    prepared.bindVarchar(1, path);
    await prepared.run();
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

function appendRows(appender: DuckDBAppender, columns: readonly TypedColumn[], rowCount: number): void {
  for (let r = 0; r < rowCount; r++) {
    for (const c of columns) {
      const v = c.values[r];
      if (v === null || v === undefined) appender.appendNull();
      else if (c.type === 'VARCHAR') appender.appendVarchar(v as string);
      else if (c.type === 'DOUBLE') appender.appendDouble(v as number);
      else if (c.type === 'INTEGER') appender.appendInteger(v as number);
      else appender.appendBoolean(v as boolean);
    }
    appender.endRow();
  }
}

/** Column names come from the contract, but are quoted anyway so no name can end the identifier. */
function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * Reads a Parquet file with every column cast to text (null → ''), for the import's own casting rules.
 * DuckDB treats `*`, `?` and `[…]` in a path as a glob, so the file is opened through a symlink with a
 * plain name in a private temporary folder: exactly that one file is read.
 */
export async function readParquetAsText(path: string): Promise<{ header: string[]; columns: string[][]; rowCount: number }> {
  return withPlainPath(path, 'in.parquet', async (plain) => {
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    try {
      const header = (await connection.runAndReadAll('SELECT * FROM read_parquet($1) LIMIT 0', [plain])).columnNames();
      const select = header.map((h) => `coalesce(CAST(${quoteIdentifier(h)} AS VARCHAR), '')`).join(', ');
      const reader = await connection.runAndReadAll(`SELECT ${select} FROM read_parquet($1)`, [plain]);
      const columns = reader.getColumnsJS().map((col) => col.map((v) => String(v)));
      return { header, columns, rowCount: reader.currentRowCount };
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  });
}

/**
 * Runs `use` with a path that has no glob characters and names exactly `path` (a symlink in a fresh
 * temporary folder whose name is ours), then removes the folder.
 */
export async function withPlainPath<T>(path: string, name: string, use: (plain: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'bistandslaget-'));
  try {
    const plain = join(dir, name);
    await symlink(resolve(path), plain);
    if (/[*?[\]{}]/.test(plain)) throw new Error(`Tillfällig sökväg med specialtecken: ${dir}`);
    return await use(plain);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
