import type { Connector } from '../engine/connector.ts';
import { DEFAULT_GAP, DEFAULT_WINDOW, tableNames } from './prepare.ts';
import type { MetricsModel, MetricsTables, OptionalColumns } from './types.ts';

/**
 * Prepared tables: the derived tables of `prepareMetrics`, built natively by `npm run prepare-data`
 * and shipped as Arrow files beside the data, so the browser loads them instead of rebuilding them
 * from raw rows (docs/data.md, "Förberedda tabeller"). A manifest says what they were built from;
 * `adoptPreparedModel` turns loaded tables back into the `MetricsModel` that `prepareMetrics` returns.
 */
export const PREPARED_FORMAT = 'bistandslaget-forberedda-tabeller';
/** Raised whenever the tables' layout or the SQL that builds them changes, so old files are refused. */
export const PREPARED_VERSION = 3;

/** The data file the tables were built from, as served: size, SHA-256 and row count. */
export interface SourceFingerprint {
  bytes: number;
  sha256: string;
  rows: number;
}

/** One column as DuckDB names its type (`INTEGER`, `BIGINT`, `DOUBLE`, `VARCHAR`, `BOOLEAN`, `DATE`). */
export interface PreparedColumn {
  name: string;
  type: string;
}

/** One prepared table: its role in the model, its name, its file beside the manifest, rows and schema. */
export interface PreparedTable {
  role: keyof MetricsTables;
  name: string;
  file: string;
  rows: number;
  bytes: number;
  schema: PreparedColumn[];
}

/** `manifest.json` in `<data>.prepared/`, written by `npm run prepare-data`. */
export interface PreparedManifest {
  format: typeof PREPARED_FORMAT;
  version: number;
  source: SourceFingerprint;
  gap: number;
  window: number;
  firstMonth: number;
  lastMonth: number;
  columns: OptionalColumns;
  tables: PreparedTable[];
}

/** What the page expects of prepared tables: the data it would otherwise load, and G and W. */
export interface PreparedExpectation {
  gap?: number;
  window?: number;
  /** The raw data file's fingerprint, when known (the CLI and tests know it; the page checks on loading raw rows). */
  source?: SourceFingerprint;
  /** Tables not loaded yet (loaded when a query needs them); their schema is checked on loading. */
  deferred?: readonly string[];
}

/** Prepared tables that do not fit what the page asks for; the message says why, in Swedish. */
export class PreparedMismatchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PreparedMismatchError';
  }
}

/** The prepared folder for a data file's address: `data/x.arrow` → `data/x.prepared/`. */
export function preparedDirFor(dataPath: string): string {
  return `${dataPath.replace(/\.arrow$/, '')}.prepared/`;
}

/** The model's tables as (role, name) pairs, in the order they are written and loaded (`hm` last: it is the big one). */
export function preparedRoles(tables: MetricsTables): [keyof MetricsTables, string][] {
  const order: (keyof MetricsTables)[] = ['months', 'ids', 'periods', 'monthAgg', 'householdYear', 'longTerm', 'hm'];
  return order.map((role) => [role, tables[role]]);
}

/** Reads a parsed JSON value as a manifest, or explains in Swedish why it is not one. */
export function toPreparedManifest(value: unknown): PreparedManifest {
  const v = value as Partial<PreparedManifest> | null;
  if (!v || v.format !== PREPARED_FORMAT) throw new PreparedMismatchError('Filen är inte en förteckning över förberedda tabeller.');
  if (v.version !== PREPARED_VERSION) {
    throw new PreparedMismatchError(
      `De förberedda tabellerna har version ${String(v.version)}, men sidan läser version ${PREPARED_VERSION}. Kör "npm run prepare-data" igen.`,
    );
  }
  if (!v.source || !Array.isArray(v.tables) || typeof v.gap !== 'number' || typeof v.window !== 'number' || !v.columns) {
    throw new PreparedMismatchError('Förteckningen över förberedda tabeller är ofullständig. Kör "npm run prepare-data" igen.');
  }
  return v as PreparedManifest;
}

/** Refuses a manifest built from other data or other G/W than `expected`, naming what differs. */
export function checkManifest(manifest: PreparedManifest, expected: PreparedExpectation): void {
  const gap = expected.gap ?? DEFAULT_GAP;
  const window = expected.window ?? DEFAULT_WINDOW;
  if (manifest.gap !== gap || manifest.window !== window) {
    throw new PreparedMismatchError(
      `De förberedda tabellerna gäller G = ${manifest.gap} och W = ${manifest.window}, men sidan frågar efter G = ${gap} och W = ${window}.`,
    );
  }
  const s = expected.source;
  if (s && (s.sha256 !== manifest.source.sha256 || s.bytes !== manifest.source.bytes || s.rows !== manifest.source.rows)) {
    throw new PreparedMismatchError(
      `De förberedda tabellerna byggdes från andra data (${manifest.source.rows.toLocaleString('sv-SE')} rader) än datafilen ` +
        `(${s.rows.toLocaleString('sv-SE')} rader, annat innehåll). Kör "npm run prepare-data" igen.`,
    );
  }
  const names = tableNames('utbetalningar', gap);
  for (const [role, name] of preparedRoles(names)) {
    const table = manifest.tables.find((t) => t.role === role);
    if (!table || table.name !== name) throw new PreparedMismatchError(`De förberedda tabellerna saknar tabellen ${name}.`);
  }
}

/** Refuses a loaded table whose columns or row count differ from the manifest. */
export async function checkLoadedTable(db: Connector, table: PreparedTable): Promise<void> {
  const described = await db.query(`DESCRIBE ${table.name}`);
  const names = described.getChild('column_name')!.toArray() as string[];
  const types = described.getChild('column_type')!.toArray() as string[];
  const got = names.map((n, i) => `${n} ${types[i]}`).join(', ');
  const want = table.schema.map((c) => `${c.name} ${c.type}`).join(', ');
  if (got !== want) throw new PreparedMismatchError(`Tabellen ${table.name} har andra kolumner än förteckningen: ${got} (väntat ${want}).`);
  const count = Number((await db.query(`SELECT count(*)::DOUBLE AS n FROM ${table.name}`)).getChild('n')!.get(0));
  if (count !== table.rows) {
    throw new PreparedMismatchError(`Tabellen ${table.name} har ${count.toLocaleString('sv-SE')} rader, förteckningen säger ${table.rows.toLocaleString('sv-SE')}.`);
  }
}

/**
 * The model of tables already loaded into `db` under their manifest names: the same `MetricsModel`
 * `prepareMetrics` returns for that data and G/W. Refuses (PreparedMismatchError, Swedish) a manifest
 * for other data or parameters, and a loaded table that differs from it. Deferred tables are checked
 * when they are loaded (load-prepared.ts).
 */
export async function adoptPreparedModel(db: Connector, manifest: PreparedManifest, expected: PreparedExpectation = {}): Promise<MetricsModel> {
  checkManifest(manifest, expected);
  const deferred = new Set(expected.deferred ?? []);
  for (const table of manifest.tables) if (!deferred.has(table.name)) await checkLoadedTable(db, table);
  return {
    source: 'utbetalningar',
    gap: manifest.gap,
    window: manifest.window,
    tables: tableNames('utbetalningar', manifest.gap),
    firstMonth: manifest.firstMonth,
    lastMonth: manifest.lastMonth,
    columns: { ...manifest.columns },
  };
}

/** The manifest for a model just prepared natively (the tables' schema, rows and files filled in by the writer). */
export function manifestFor(model: MetricsModel, source: SourceFingerprint, tables: PreparedTable[]): PreparedManifest {
  return {
    format: PREPARED_FORMAT,
    version: PREPARED_VERSION,
    source,
    gap: model.gap,
    window: model.window,
    firstMonth: model.firstMonth,
    lastMonth: model.lastMonth,
    columns: { ...model.columns },
    tables,
  };
}
