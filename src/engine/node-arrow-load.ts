/**
 * Node only: loads an Arrow IPC stream into native DuckDB as a table with given column types, the
 * way DuckDB-WASM's `insertArrowFromIPCStream` does in the browser. Node's DuckDB has no Arrow
 * reader, so the decoded values pass through its appender into a Parquet file, which the connector
 * then loads. Used by tests and the bench to run the browser's prepared tables natively.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBDateValue, DuckDBInstance, type DuckDBAppender } from '@duckdb/node-api';
import { DataType, tableFromIPC, type Vector } from 'apache-arrow';
import { toIdentifier } from './connector.ts';
import type { NodeConnector } from './node-connector.ts';

/** A target column: name and DuckDB type (INTEGER, BIGINT, DOUBLE, BOOLEAN, DATE, VARCHAR). */
export interface TargetColumn {
  name: string;
  type: string;
}

const DAY_MS = 86_400_000;

/**
 * Creates (or replaces) `table` in `db` from `ipc`, with the column types of `schema`, or by default
 * the types DuckDB-WASM gives the stream's Arrow types (Int32 → INTEGER, Int64 → BIGINT, …).
 */
export async function loadArrowNative(db: NodeConnector, table: string, ipc: Uint8Array, schema?: readonly TargetColumn[]): Promise<void> {
  const decoded = tableFromIPC(ipc);
  schema ??= decoded.schema.fields.map((f) => ({ name: f.name, type: duckdbTypeOf(f.type) }));
  const dir = await mkdtemp(join(tmpdir(), 'bistandslaget-arrow-'));
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    await connection.run(`CREATE TABLE t (${schema.map((c) => `${toIdentifier(c.name)} ${c.type}`).join(', ')})`);
    const appender = await connection.createAppender('t');
    try {
      const columns = schema.map((c) => decoded.getChild(c.name));
      for (let r = 0; r < decoded.numRows; r++) {
        schema.forEach((c, i) => append(appender, c.type, columns[i] ?? null, r));
        appender.endRow();
      }
      appender.flushSync();
    } finally {
      appender.closeSync();
    }
    const file = join(dir, 't.parquet');
    const prepared = await connection.prepare('COPY t TO $1 (FORMAT parquet)');
    prepared.bindVarchar(1, file);
    await prepared.run();
    await db.loadFile(table, file);
  } finally {
    connection.closeSync();
    instance.closeSync();
    await rm(dir, { recursive: true, force: true });
  }
}

function append(appender: DuckDBAppender, type: string, column: Vector | null, row: number): void {
  const v: unknown = column?.get(row) ?? null;
  if (v === null) return appender.appendNull();
  switch (type) {
    case 'INTEGER':
      return appender.appendInteger(Number(v));
    case 'BIGINT':
      return appender.appendBigInt(BigInt(v as bigint | number));
    case 'DOUBLE':
      return appender.appendDouble(Number(v));
    case 'BOOLEAN':
      return appender.appendBoolean(Boolean(v));
    case 'DATE':
      return appender.appendDate(new DuckDBDateValue(Math.round(Number(v instanceof Date ? v.getTime() : v) / DAY_MS)));
    case 'VARCHAR':
      return appender.appendVarchar(String(v));
    default:
      throw new Error(`Typen ${type} kan inte läsas in här.`);
  }
}

/** The DuckDB type DuckDB-WASM's Arrow scan gives an Arrow type (the ones our files use). */
function duckdbTypeOf(type: DataType): string {
  if (DataType.isDictionary(type)) return duckdbTypeOf(type.dictionary);
  if (DataType.isInt(type)) return type.bitWidth === 64 ? 'BIGINT' : 'INTEGER';
  if (DataType.isFloat(type)) return 'DOUBLE';
  if (DataType.isBool(type)) return 'BOOLEAN';
  if (DataType.isDate(type)) return 'DATE';
  if (DataType.isUtf8(type)) return 'VARCHAR';
  throw new Error(`Arrow-typen ${String(type)} kan inte läsas in här.`);
}
