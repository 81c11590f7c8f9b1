/**
 * Public API of the engine for the browser app: the DuckDB-WASM connector (`WasmConnector.open`
 * is the factory), loading the data file into it, and the errors and types the UI sees. Node code
 * (CLI, tests) imports node-connector.ts directly, since this module pulls in the WASM bundles.
 */
export { WasmConnector } from './wasm-connector.ts';
export { withLazyTables, lazyTablesOf } from './lazy-tables.ts';
export { loadSampleData, DataLoadError, REQUIRED_COLUMNS } from './load-data.ts';
export { dataSourceFrom, DEFAULT_DATA, type DataSource } from './data-source.ts';
export { QueryError, QueryCancelled, isCancelled, CANCELLED_MESSAGE, type Connector, type UserSqlConnector, type SqlValue, type QueryOptions } from './connector.ts';
export { QueryClient, QueryChannel } from './query-client.ts';
export type { BoundSql } from './sql.ts';
export { replayConnector, type RecordedStatements } from './recorded.ts';
