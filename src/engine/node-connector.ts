import { DuckDBInstance, type DuckDBConnection, type DuckDBResultReader, type DuckDBType } from '@duckdb/node-api';
import { Bool, DateDay, Float64, Int32, Table, Utf8, vectorFromArray, type DataType, type Vector } from 'apache-arrow';
import { typePlaceholders } from './placeholders.ts';
import { QueryCancelled, QueryError, throwIfAborted, toIdentifier, type QueryOptions, type SqlValue, type UserSqlConnector } from './connector.ts';
import { ReadOnlyRunner } from './read-only.ts';

/**
 * Native DuckDB in Node behind the same `Connector` as the browser, for tests and the CLI tools.
 * Results are converted to Arrow with the same number semantics as the WASM adapter
 * (64-bit integers and decimals become doubles), so a metric reads the same in both.
 */
export class NodeConnector implements UserSqlConnector {
  private userConnection: DuckDBConnection | null = null;
  private readonly readOnly = new ReadOnlyRunner(
    async (sql, params, signal) => {
      const conn = await this.userConn();
      const prepared = await conn.prepare(typePlaceholders(sql, params));
      if (params.length) prepared.bind(params as SqlValue[]);
      throwIfAborted(signal, sql);
      // The statement runs off the JS thread, so an abort can interrupt it while it runs.
      const interrupt = (): void => conn.interrupt();
      signal?.addEventListener('abort', interrupt, { once: true });
      try {
        return toTable(await prepared.runAndReadAll());
      } catch (error) {
        if (signal?.aborted) throw new QueryCancelled(sql);
        throw error;
      } finally {
        signal?.removeEventListener('abort', interrupt);
      }
    },
    async (sql) => (await this.userConn()).run(sql),
  );

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
  ) {}

  /**
   * Opens an in-memory database. File access stays on: the CLI tools read the user's local files
   * (`loadFile`); only the browser, where SQL may come from a shared notebook, locks it (wasm-connector.ts).
   */
  static async open(): Promise<NodeConnector> {
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    return new NodeConnector(instance, connection);
  }

  /** Runs SQL a user wrote read-only, like the browser does (see read-only.ts). */
  queryReadOnly(sql: string, params: readonly SqlValue[] = [], options: QueryOptions = {}): Promise<Table> {
    return this.readOnly.query(sql, params, options.signal);
  }

  /** User SQL's own connection, opened on first use so CLI runs that never need it pay nothing. */
  private async userConn(): Promise<DuckDBConnection> {
    this.userConnection ??= await this.instance.connect();
    return this.userConnection;
  }

  async query(sql: string, params: readonly SqlValue[] = [], options: QueryOptions = {}): Promise<Table> {
    throwIfAborted(options.signal, sql);
    let reader;
    try {
      const text = typePlaceholders(sql, params);
      reader = await this.connection.runAndReadAll(text, params.length ? (params as SqlValue[]) : undefined);
    } catch (error) {
      throw new QueryError(error instanceof Error ? error.message : String(error), sql);
    }
    return toTable(reader);
  }

  /** Creates `table` from a local Parquet or CSV file (CSV with a header row, contract column names). */
  async loadFile(table: string, path: string): Promise<void> {
    const reader = /\.parquet$/i.test(path) ? 'read_parquet(?)' : 'read_csv(?, header = true, auto_detect = true)';
    await this.query(`CREATE OR REPLACE TABLE ${toIdentifier(table)} AS SELECT * FROM ${reader}`, [path]);
  }

  async close(): Promise<void> {
    this.userConnection?.closeSync();
    this.connection.closeSync();
    this.instance.closeSync();
  }
}

function toTable(reader: DuckDBResultReader): Table {
  const names = reader.columnNames();
  const types = reader.columnTypes();
  const columns = reader.getColumnsJS();
  const vectors: Record<string, Vector> = {};
  names.forEach((name, i) => {
    vectors[name] = toVector(columns[i] ?? [], types[i]!);
  });
  return new Table(vectors);
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
