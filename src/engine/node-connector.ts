import { DuckDBInstance, type DuckDBConnection, type DuckDBType } from '@duckdb/node-api';
import { Bool, DateDay, Float64, Int32, Table, Utf8, vectorFromArray, type DataType, type Vector } from 'apache-arrow';
import { typePlaceholders } from './placeholders.ts';
import { QueryError, toIdentifier, type Connector, type SqlValue } from './connector.ts';

/**
 * Native DuckDB in Node behind the same `Connector` as the browser, for tests and the CLI tools.
 * Results are converted to Arrow with the same number semantics as the WASM adapter
 * (64-bit integers and decimals become doubles), so a metric reads the same in both.
 */
export class NodeConnector implements Connector {
  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
  ) {}

  /** Opens an in-memory database. */
  static async open(): Promise<NodeConnector> {
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    return new NodeConnector(instance, connection);
  }

  async query(sql: string, params: readonly SqlValue[] = []): Promise<Table> {
    let reader;
    try {
      const text = typePlaceholders(sql, params);
      reader = await this.connection.runAndReadAll(text, params.length ? (params as SqlValue[]) : undefined);
    } catch (error) {
      throw new QueryError(error instanceof Error ? error.message : String(error), sql);
    }
    const names = reader.columnNames();
    const types = reader.columnTypes();
    const columns = reader.getColumnsJS();
    const vectors: Record<string, Vector> = {};
    names.forEach((name, i) => {
      vectors[name] = toVector(columns[i] ?? [], types[i]!);
    });
    return new Table(vectors);
  }

  /** Creates `table` from a local Parquet or CSV file (CSV with a header row, contract column names). */
  async loadFile(table: string, path: string): Promise<void> {
    const reader = /\.parquet$/i.test(path) ? 'read_parquet(?)' : 'read_csv(?, header = true, auto_detect = true)';
    await this.query(`CREATE OR REPLACE TABLE ${toIdentifier(table)} AS SELECT * FROM ${reader}`, [path]);
  }

  async close(): Promise<void> {
    this.connection.closeSync();
    this.instance.closeSync();
  }
}

function arrowTypeOf(type: DuckDBType): DataType {
  const name = type.toString();
  if (name === 'BOOLEAN') return new Bool();
  if (/^(TINYINT|SMALLINT|INTEGER|UTINYINT|USMALLINT)$/.test(name)) return new Int32();
  if (/^(BIGINT|HUGEINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE)$/.test(name) || name.startsWith('DECIMAL')) {
    return new Float64();
  }
  if (name === 'DATE') return new DateDay();
  return new Utf8();
}

function toVector(values: readonly unknown[], type: DuckDBType): Vector {
  const arrowType = arrowTypeOf(type);
  const converted = values.map((v) => {
    if (v === null || v === undefined) return null;
    if (arrowType instanceof Float64 || arrowType instanceof Int32) return Number(v);
    if (arrowType instanceof Bool) return Boolean(v);
    if (arrowType instanceof DateDay) return v instanceof Date ? v : new Date(String(v));
    return typeof v === 'string' ? v : String(v);
  });
  return vectorFromArray(converted, arrowType);
}
