/**
 * Node only: writes a native DuckDB table as an Arrow IPC stream whose types load back into
 * DuckDB-WASM as the same column types (INTEGER → Int32, BIGINT → Int64, DOUBLE → Float64,
 * BOOLEAN → Bool, DATE → DateDay, VARCHAR → a dictionary when it has few distinct values, else Utf8).
 * Rows go out in batches, so a 12 M-row table never sits in memory as JavaScript values at once.
 */
import { createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Dictionary, Int32, Int64, RecordBatchStreamWriter, Table, Utf8, makeData, makeVector, vectorFromArray, type Vector } from 'apache-arrow';
import { toIdentifier } from './connector.ts';
import type { NodeConnector } from './node-connector.ts';

const BATCH_ROWS = 500_000;
/** Text columns with more distinct values than this (household ids) stay plain text. */
const MAX_DICTIONARY = 4096;
const SUPPORTED = /^(INTEGER|BIGINT|DOUBLE|BOOLEAN|DATE|VARCHAR)$/;

/** A column of a written table, as DuckDB names its type. */
export interface ExportedColumn {
  name: string;
  type: string;
}

/** What was written: rows, file size and the table's schema. */
export interface ExportedTable {
  rows: number;
  bytes: number;
  schema: ExportedColumn[];
}

/** The table's columns and DuckDB types, in order. */
export async function describeTable(db: NodeConnector, table: string): Promise<ExportedColumn[]> {
  const t = await db.query(`DESCRIBE ${toIdentifier(table)}`);
  const names = t.getChild('column_name')!.toArray() as string[];
  const types = t.getChild('column_type')!.toArray() as string[];
  return names.map((name, i) => ({ name, type: types[i]! }));
}

/**
 * Writes `table` to `path` as an Arrow IPC stream, in rowid order. Text columns with at most 4 096
 * distinct values become dictionaries (one fixed dictionary per column, shared by every batch).
 */
export async function exportTableArrow(db: NodeConnector, table: string, path: string): Promise<ExportedTable> {
  const name = toIdentifier(table);
  const schema = await describeTable(db, table);
  const unsupported = schema.find((c) => !SUPPORTED.test(c.type));
  if (unsupported) throw new Error(`Kolumnen ${table}.${unsupported.name} har typen ${unsupported.type}, som inte kan skrivas som Arrow här.`);
  // Each low-cardinality text column gets a small table of its values and their dictionary index; the
  // batches then read the index, so no text passes through JavaScript (12 M rows: minutes saved).
  const dictionaries = new Map<string, { type: Dictionary<Utf8, Int32>; values: Vector<Utf8>; table: string }>();
  for (const c of schema.filter((c) => c.type === 'VARCHAR')) {
    const col = toIdentifier(c.name);
    const count = await db.query(`SELECT count(DISTINCT ${col})::DOUBLE AS n FROM ${name}`);
    if (Number(count.getChild('n')!.get(0)) > MAX_DICTIONARY) continue;
    const dict = `${table}_ordlista_${dictionaries.size}`;
    await db.query(`CREATE OR REPLACE TEMP TABLE ${dict} AS
      SELECT v, CAST(row_number() OVER (ORDER BY v) - 1 AS INTEGER) AS i FROM (SELECT DISTINCT ${col} AS v FROM ${name} WHERE ${col} IS NOT NULL)`);
    const values = (await db.query(`SELECT v FROM ${dict} ORDER BY i`)).getChild('v')!.toArray() as string[];
    dictionaries.set(c.name, { type: new Dictionary(new Utf8(), new Int32(), dictionaries.size, false), values: vectorFromArray(values, new Utf8()), table: dict });
  }
  const select = schema.map((c, k) => (dictionaries.has(c.name) ? `d${k}.i AS ${toIdentifier(c.name)}` : `t.${toIdentifier(c.name)}`)).join(', ');
  const joins = schema
    .map((c, k) => (dictionaries.has(c.name) ? ` LEFT JOIN ${dictionaries.get(c.name)!.table} d${k} ON d${k}.v = t.${toIdentifier(c.name)}` : ''))
    .join('');
  const bigints = schema.filter((c) => c.type === 'BIGINT').map((c) => c.name);
  const rows = Number((await db.query(`SELECT count(*)::DOUBLE AS n FROM ${name}`)).getChild('n')!.get(0));

  const file = createWriteStream(path);
  const writer = new RecordBatchStreamWriter();
  writer.pipe(file);
  // An empty table still gets one (empty) batch, so the stream carries its schema.
  for (let offset = 0; offset < rows || offset === 0; offset += BATCH_ROWS) {
    const chunk = await db.query(`SELECT ${select} FROM ${name} t${joins} WHERE t.rowid >= ? AND t.rowid < ? ORDER BY t.rowid`, [
      offset,
      offset + BATCH_ROWS,
    ]);
    for (const batch of asDictionaries(withInt64(chunk, bigints), dictionaries).batches) writer.write(batch);
    if (rows === 0) break;
  }
  writer.finish();
  await new Promise<void>((ok, fail) => file.on('finish', ok).on('error', fail));
  for (const d of dictionaries.values()) await db.query(`DROP TABLE IF EXISTS ${d.table}`);
  return { rows, bytes: (await stat(path)).size, schema };
}

/** Turns the index columns read for dictionary columns into Arrow dictionary vectors over their values. */
function asDictionaries(table: Table, dictionaries: Map<string, { type: Dictionary<Utf8, Int32>; values: Vector<Utf8> }>): Table {
  if (dictionaries.size === 0) return table;
  const vectors: Record<string, Vector> = {};
  for (const field of table.schema.fields) {
    const column = table.getChild(field.name)!;
    const dict = dictionaries.get(field.name);
    if (!dict) {
      vectors[field.name] = column;
      continue;
    }
    if (column.data.length !== 1) throw new Error(`Kolumnen ${field.name} kom i flera delar; väntade en per sats.`);
    const data = column.data[0]!;
    vectors[field.name] = makeVector(
      makeData({
        type: dict.type, length: column.length, nullCount: column.nullCount, nullBitmap: column.nullCount ? data.nullBitmap : null,
        data: data.values as Int32Array, dictionary: dict.values,
      }),
    );
  }
  return new Table(vectors);
}

/** The Node adapter reads BIGINT as doubles (like the browser's results); the file must carry Int64 again. */
function withInt64(table: Table, columns: readonly string[]): Table {
  if (columns.length === 0) return table;
  const vectors: Record<string, Vector> = {};
  for (const field of table.schema.fields) {
    const column = table.getChild(field.name)!;
    vectors[field.name] = columns.includes(field.name) ? toInt64(column) : column;
  }
  return new Table(vectors);
}

function toInt64(column: Vector): Vector {
  const n = column.length;
  const values = new BigInt64Array(n);
  const valid = new Uint8Array(Math.ceil(n / 8));
  let nullCount = 0;
  for (let i = 0; i < n; i++) {
    const v = column.get(i) as number | null;
    if (v === null) {
      nullCount++;
      continue;
    }
    values[i] = BigInt(v);
    valid[i >> 3]! |= 1 << (i & 7);
  }
  return makeVector(makeData({ type: new Int64(), length: n, nullCount, nullBitmap: nullCount ? valid : null, data: values }));
}
