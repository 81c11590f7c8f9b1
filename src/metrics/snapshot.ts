import type { Connector } from '../engine/connector.ts';
import type { RecordedStatements } from '../engine/recorded.ts';
import { loadFilterOptions, type FilterOptions } from './filter-options.ts';
import { householdMonthsSql } from './household-queries.ts';
import { loadMetricsPage, type MetricsPageData } from './page-data.ts';
import { DEFAULT_GAP, DEFAULT_WINDOW, prepareMetrics } from './prepare.ts';
import { runMetric } from './run.ts';
import type { MetricFilters, MetricsModel } from './types.ts';

/**
 * The first screens' figures computed when data is prepared (`npm run prepare-data`), so the page can
 * draw them before DuckDB-WASM has started (docs/architecture.md, "Förberäknat"). They are built by the
 * very functions the pages run, and carry a fingerprint of the data file and the parameters they were
 * computed for: the page drops them the moment the data it loads, or the view it shows, differs.
 */
export const SNAPSHOT_FORMAT = 'bistandslaget-forberaknat';
export const SNAPSHOT_VERSION = 1;

/** Which data the figures came from: the file as served (bytes, SHA-256) and its row count. */
export interface DataFingerprint {
  bytes: number;
  sha256: string;
  rows: number;
}

/** The parameters the figures were computed for: G, W and the Nyckeltal filters (none by default). */
export interface SnapshotParams {
  gap: number;
  window: number;
  filters: MetricFilters;
}

/** Översikt: aktiva hushåll and utbetalt per month, as the page's own query returns them. */
export interface OverviewFigures {
  months: string[];
  households: number[];
  paid: number[];
}

/** The Nyckeltal page's data as JSON: typed arrays as plain arrays, a protected month (NaN) as null. */
export type PlainMetricsPage = Omit<MetricsPageData, 'households' | 'paid'> & { households: (number | null)[]; paid: (number | null)[] };

/** The file `npm run prepare-data` writes next to the data (`<name>.forberaknat.json`). */
export interface FirstScreens {
  format: typeof SNAPSHOT_FORMAT;
  version: typeof SNAPSHOT_VERSION;
  data: DataFingerprint;
  params: SnapshotParams;
  overview: OverviewFigures;
  nyckeltal: { options: FilterOptions; page: PlainMetricsPage };
  /**
   * Built-in notebooks' default views by id (the månadsrapport): each statement the page runs to open
   * it and its result, keyed by the bound SQL, and the hash of the notebook text they were run from.
   */
  notebooks?: Record<string, { textSha256: string; statements: RecordedStatements }>;
}

// Its own tiny module so the page's first script can ask for the snapshot without the metrics code.
export { snapshotPathFor } from './snapshot-path.ts';

/**
 * Computes the first screens over `utbetalningar` (already loaded into `db`) for the default view:
 * G and W at their defaults, no filters. `model` may be passed when it is already prepared.
 */
export async function buildFirstScreens(db: Connector, data: DataFingerprint, model?: MetricsModel): Promise<FirstScreens> {
  const m = model ?? (await prepareMetrics(db, { gap: DEFAULT_GAP, window: DEFAULT_WINDOW }));
  const filters: MetricFilters = {};
  // Översikt's query (src/ui/OverviewPage.svelte): household months over all data, by month.
  const monthly = await runMetric<{ grupp: string; households: number; paid_kr: number }>(db, householdMonthsSql(m, {}, 'month'));
  const page = await loadMetricsPage(db, m, filters);
  const options = await loadFilterOptions(db, m);
  return {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    data,
    params: { gap: m.gap, window: m.window, filters },
    overview: { months: monthly.map((r) => r.grupp), households: monthly.map((r) => r.households), paid: monthly.map((r) => r.paid_kr) },
    nyckeltal: { options, page: { ...page, households: toJsonNumbers(page.households), paid: toJsonNumbers(page.paid) } },
  };
}

/** Reads a parsed JSON value as first screens, or null when it is anything else (an old format, a broken file). */
export function toFirstScreens(value: unknown): FirstScreens | null {
  const v = value as Partial<FirstScreens> | null;
  if (!v || v.format !== SNAPSHOT_FORMAT || v.version !== SNAPSHOT_VERSION) return null;
  const d = v.data;
  if (!d || typeof d.bytes !== 'number' || typeof d.sha256 !== 'string' || typeof d.rows !== 'number') return null;
  if (!v.params || !v.overview || !Array.isArray(v.overview.months) || !v.nyckeltal?.page || !v.nyckeltal.options) return null;
  return v as FirstScreens;
}

/** True when the figures were computed from exactly this data (same bytes, same hash, same row count). */
export function matchesData(snapshot: FirstScreens, data: DataFingerprint): boolean {
  const s = snapshot.data;
  return s.bytes === data.bytes && s.sha256 === data.sha256 && s.rows === data.rows;
}

/** True when the figures answer this view: the same G and W, and the same filters (order of lists aside). */
export function matchesParams(snapshot: FirstScreens, params: SnapshotParams): boolean {
  const p = snapshot.params;
  return p.gap === params.gap && p.window === params.window && canonicalFilters(p.filters) === canonicalFilters(params.filters);
}

function canonicalFilters(f: MetricFilters): string {
  const entries = Object.entries(f)
    .filter(([, v]) => v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0))
    .map(([k, v]) => [k, Array.isArray(v) ? [...(v as string[])].sort() : v] as const)
    .sort(([a], [b]) => a.localeCompare(b));
  return JSON.stringify(entries);
}

/** The Nyckeltal page data as the page draws it (typed arrays back, protected months NaN again). */
export function metricsPageOf(snapshot: FirstScreens): MetricsPageData {
  const p = snapshot.nyckeltal.page;
  return { ...p, households: Float64Array.from(p.households, (v) => v ?? NaN), paid: Float64Array.from(p.paid, (v) => v ?? NaN) };
}

// JSON has no NaN (it would come back as 0 through Float64Array.from); null says "not shown".
const toJsonNumbers = (values: Float64Array): (number | null)[] => Array.from(values, (v) => (Number.isNaN(v) ? null : v));

/**
 * True when the model the page prepared (or loaded prepared) is the one the figures were computed
 * with: same parameters, coverage, optional columns and table names, whatever the key order.
 */
export function matchesModel(snapshot: FirstScreens, model: MetricsModel): boolean {
  return canonical(snapshot.nyckeltal.page.model) === canonical(model);
}

function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
}

/** Hex SHA-256 of bytes, the same in the browser and in Node (Web Crypto in both). */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}
