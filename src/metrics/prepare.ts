import { toIdentifier, type Connector } from '../engine/connector.ts';
import { checkpoint } from '../engine/checkpoint.ts';
import { lazyTablesOf } from '../engine/lazy-tables.ts';
import { raw, sql, type RawSql } from '../engine/sql.ts';
import { createAggregates } from './aggregates.ts';
import type { MetricsModel, MetricsTables, OptionalColumns, PrepareOptions } from './types.ts';
import { MetricsInputError, validateSource, type SourceInfo } from './validate.ts';

/** Default gap G and follow-up window W (docs/metrics.md). */
export const DEFAULT_GAP = 3;
export const DEFAULT_WINDOW = 12;

/**
 * Plain names under which `publishModel` shows one model's `hm` and `perioder` to notebook SQL cells.
 * Metric queries never read these: they read the model's own tables (`model.tables`).
 */
export const HM_TABLE = 'hm';
export const PERIOD_TABLE = 'perioder';
/**
 * Plain name of a view listing the text filter columns' value combinations from the model's month
 * aggregate, so a notebook's filter choices and the budget check read a few thousand loaded rows
 * instead of making the page load the raw rows (docs/data.md, "Förberedda tabeller").
 */
export const FILTER_VALUES_TABLE = 'filtervarden';
/** The columns of `FILTER_VALUES_TABLE`: the filters whose choices are the data's own text values. */
export const FILTER_VALUE_COLUMNS = ['enhet', 'hushallstyp', 'forsorjningshinder'] as const;

/**
 * The table names for `source` and G: `hm_g3`, `perioder_g3` … for the default source, with the
 * source in the name otherwise (`perioder_test_data_g3`).
 */
export function tableNames(source: string, gap: number): MetricsTables {
  const tag = source === 'utbetalningar' ? '' : `_${source.toLowerCase().replace(/[^a-z0-9]+/g, '_')}`;
  const name = (base: string) => `${base}${tag}_g${gap}`;
  return {
    hm: name('hm'),
    periods: name('perioder'),
    ids: name('hushall_ids'),
    months: name('hm_manader'),
    monthAgg: name('agg_manad'),
    householdYear: name('agg_hushall_ar'),
    longTerm: name('agg_langvarigt'),
  };
}

/** Per-month values carried into `hm`. */
const VALUE_COLUMNS = ['hushallstyp', 'enhet', 'forsorjningshinder', 'antal_barn', 'antal_vuxna', 'kanal', 'handlingsplan'];

/** Attribute columns carried from `hm` onto periods and household-years. */
export const ATTRIBUTES = ['hushallstyp', 'enhet', 'forsorjningshinder', 'antal_barn'] as const;

function checkParameter(value: number, name: string, min: number): number {
  if (!Number.isInteger(value) || value < min || value > 120) {
    throw new RangeError(`Ogiltigt värde för ${name}: ${value} (ange ett heltal ${min}–120)`);
  }
  return value;
}

function monthIndexExpr(info: SourceInfo): RawSql {
  if (info.manadKind === 'date') return raw('year(manad) * 12 + month(manad) - 1');
  const text = 'CAST(manad AS VARCHAR)';
  return raw(`CAST(substr(${text}, 1, 4) AS INTEGER) * 12 + CAST(substr(${text}, 6, 2) AS INTEGER) - 1`);
}

function optional(columns: OptionalColumns, name: keyof OptionalColumns, cast: string): string {
  return columns[name] ? `CAST(s.${name} AS ${cast})` : `CAST(NULL AS ${cast})`;
}

/** The paid source rows (utbetalt_kr > 0) with integer household id and month index, as a SELECT. */
function paidRowsSql(table: string, t: MetricsTables, c: OptionalColumns): string {
  const handlingsplan = c.handlingsplan ? 'CAST(s.handlingsplan AS BOOLEAN)' : 'CAST(NULL AS BOOLEAN)';
  // The month index comes from the small month table: parsing the text month once per distinct
  // value instead of once per row.
  return `SELECT i.hid, m.mi, CAST(s.utbetalt_kr AS DOUBLE) AS kr, ${optional(c, 'forsorjningsstod_kr', 'DOUBLE')} AS fs,
      ${optional(c, 'hushallstyp', 'VARCHAR')} AS hushallstyp, ${optional(c, 'enhet', 'VARCHAR')} AS enhet,
      ${optional(c, 'forsorjningshinder', 'VARCHAR')} AS forsorjningshinder,
      ${optional(c, 'antal_barn', 'INTEGER')} AS antal_barn, ${optional(c, 'antal_vuxna', 'INTEGER')} AS antal_vuxna,
      ${optional(c, 'kanal', 'VARCHAR')} AS kanal,
      ${handlingsplan} AS handlingsplan
    FROM ${table} s JOIN ${t.ids} i ON i.hushall_id = CAST(s.hushall_id AS VARCHAR) JOIN ${t.months} m ON m.manad = s.manad
    WHERE CAST(s.utbetalt_kr AS DOUBLE) > 0`;
}

/**
 * One window pass over the narrow (hid, mi) pairs, ordered by month within each household: the
 * previous and next payment month and the position. Period starts and ends follow from these
 * without a second window over the 1 M rows (a nested running sum would need its own sort).
 */
async function createSteps(db: Connector, rows: string, steps: string): Promise<number> {
  await db.query(`CREATE OR REPLACE TABLE ${steps} AS
    SELECT hid, mi, lag(mi) OVER w AS pm, lead(mi) OVER w AS nm, row_number() OVER w AS pos
    FROM (SELECT hid, mi FROM (${rows})) WINDOW w AS (PARTITION BY hid ORDER BY mi)`);
  const dup = await db.query(`SELECT CAST(count(*) FILTER (WHERE pm = mi) AS INTEGER) AS d FROM ${steps}`);
  return Number(dup.getChild('d')?.get(0));
}

/** Each database's chain of preparations: one runs at a time (see prepareMetrics). */
const queues = new WeakMap<Connector, Promise<unknown>>();

function serialised<T>(db: Connector, task: () => Promise<T>): Promise<T> {
  const previous = queues.get(db) ?? Promise.resolve();
  const next = previous.then(task, task);
  // The chain continues whether this task fails or not; its own caller sees the failure.
  queues.set(db, next.catch(() => undefined));
  return next;
}

/**
 * Validates `source` (default `utbetalningar`) and materialises the derived tables the metric queries
 * read, named by source and G (`tableNames`; the model carries them in `model.tables`): `hm` (payment
 * months: integer household id `hid`, month index, period number `nr` and period start `ps`), the
 * household ids, the month list, the periods (one row per period with start/end, censoring flags,
 * next start and the attributes at its first and last month) and the small pre-aggregated tables of
 * `aggregates.ts`. Preparations on one database run one at a time, so overlapping calls (e.g. G
 * changed twice quickly) never share half-built tables; a call for other parameters writes other
 * tables and leaves existing models valid. A call with the same source and G rebuilds that model's
 * tables with the same content (each replace is atomic).
 */
export async function prepareMetrics(db: Connector, options: PrepareOptions = {}): Promise<MetricsModel> {
  const gap = checkParameter(options.gap ?? DEFAULT_GAP, 'gap (G)', 1);
  const window = checkParameter(options.window ?? DEFAULT_WINDOW, 'window (W)', 1);
  const source = options.source ?? 'utbetalningar';
  return serialised(db, () => build(db, source, gap, window));
}

async function build(db: Connector, source: string, gap: number, window: number): Promise<MetricsModel> {
  const table = toIdentifier(source);
  const t = tableNames(source, gap);
  // The raw rows may be deferred (load-prepared.ts); validation names the table only as a bound value.
  await lazyTablesOf(db)?.ensureFor(source);
  const info = await validateSource(db, source);

  // Coverage is over the whole table, zero-amount rows included: they show the data covers that month.
  await db.query(`CREATE OR REPLACE TABLE ${t.months} AS
    SELECT manad, CAST(${monthIndexExpr(info).text} AS INTEGER) AS mi FROM (SELECT DISTINCT manad FROM ${table})`);
  const coverage = await db.query(`SELECT CAST(min(mi) AS INTEGER) AS lo, CAST(max(mi) AS INTEGER) AS hi FROM ${t.months}`);
  const firstMonth = Number(coverage.getChild('lo')?.get(0));
  const lastMonth = Number(coverage.getChild('hi')?.get(0));
  if (!Number.isFinite(firstMonth)) throw new MetricsInputError(`Tabellen ${source} innehåller inga månader`);

  const c = info.columns;
  // Households get a dense integer id: grouping and DISTINCT on integers is several times faster
  // than on text, which matters in the browser engine. The text id stays in `hushall_ids`/`perioder`.
  await db.query(`CREATE OR REPLACE TABLE ${t.ids} AS
    SELECT hushall_id, CAST(row_number() OVER (ORDER BY hushall_id) AS INTEGER) AS hid
    FROM (SELECT DISTINCT CAST(hushall_id AS VARCHAR) AS hushall_id FROM ${table})`);
  // Zero-amount rows never make a household active nor extend a period, so they stop here.
  const scratch = { src: `${t.hm}_src`, steps: `${t.hm}_steg`, spells: `${t.hm}_perioder` };
  let rows = paidRowsSql(table, t, c);
  if ((await createSteps(db, rows, scratch.steps)) > 0) {
    // The contract has one row per household and month; if a file has several, they are summed and
    // the attributes come from the largest payment (only then, since the aggregation is costly).
    const attr = (name: string) => `arg_max({'v': ${name}}, kr).v AS ${name}`;
    await db.query(`CREATE OR REPLACE TABLE ${scratch.src} AS
      SELECT hid, mi, sum(kr) AS kr, sum(fs) AS fs, ${VALUE_COLUMNS.map(attr).join(', ')} FROM (${rows}) GROUP BY hid, mi`);
    rows = `SELECT * FROM ${scratch.src}`;
    await createSteps(db, rows, scratch.steps);
  }
  // A new period starts unless the previous payment month is at most G months back (fewer than G
  // empty months in between); it ends unless the next one is. The k-th start pairs with the k-th end.
  const spells = sql`CREATE OR REPLACE TABLE ${raw(scratch.spells)} AS
    WITH st AS (SELECT hid, mi AS s, pos, row_number() OVER (PARTITION BY hid ORDER BY mi) AS nr
        FROM ${raw(scratch.steps)} WHERE pm IS NULL OR mi - pm > ${gap}),
      en AS (SELECT hid, mi AS e, pos, row_number() OVER (PARTITION BY hid ORDER BY mi) AS nr
        FROM ${raw(scratch.steps)} WHERE nm IS NULL OR nm - mi > ${gap})
    SELECT st.hid, CAST(st.nr AS INTEGER) AS nr, st.s, en.e, en.pos - st.pos + 1 AS paid_months, nx.s AS next_s
    FROM st JOIN en ON en.hid = st.hid AND en.nr = st.nr
      LEFT JOIN st nx ON nx.hid = st.hid AND nx.nr = st.nr + 1`;
  await db.query(spells.text, spells.params);
  // Each paid month finds its period by household and month range (a hash join on hid: a household
  // has a handful of periods), so the wide rows are never sorted.
  await db.query(`CREATE OR REPLACE TABLE ${t.hm} AS
    SELECT r.hid, r.mi, r.kr AS utbetalt, r.fs, ${VALUE_COLUMNS.map((v) => `r.${v}`).join(', ')},
      p.nr, CAST(p.s AS INTEGER) AS ps
    FROM (${rows}) r JOIN ${scratch.spells} p ON p.hid = r.hid AND r.mi BETWEEN p.s AND p.e`);

  const attrs = (alias: string, prefix: string) => ATTRIBUTES.map((a) => `${alias}.${a} AS ${prefix}${a}`).join(', ');
  const periods = sql`CREATE OR REPLACE TABLE ${raw(t.periods)} AS
    SELECT i.hushall_id, p.hid, p.nr, CAST(p.s AS INTEGER) AS s, CAST(p.e AS INTEGER) AS e,
      CAST(p.e - p.s + 1 AS INTEGER) AS langd, CAST(p.paid_months AS INTEGER) AS paid_months,
      CAST(p.next_s AS INTEGER) AS next_s,
      -- Left-censored: the data does not cover the G months before the start; right-censored: after the end.
      p.s - ${gap} < ${firstMonth} AS left_censored, p.e + ${gap} > ${lastMonth} AS right_censored,
      ${raw(attrs('a', 's_'))}, ${raw(attrs('b', 'e_'))}
    FROM ${raw(scratch.spells)} p JOIN ${raw(t.ids)} i ON i.hid = p.hid
      JOIN ${raw(t.hm)} a ON a.hid = p.hid AND a.mi = p.s
      JOIN ${raw(t.hm)} b ON b.hid = p.hid AND b.mi = p.e`;
  await db.query(periods.text, periods.params);
  for (const name of Object.values(scratch)) await db.query(`DROP TABLE IF EXISTS ${name}`);

  const model: MetricsModel = { source, gap, window, tables: t, firstMonth, lastMonth, columns: c };
  await createAggregates(db, t);
  // In-memory tables stay uncompressed until a checkpoint; in the browser that is the difference
  // between 404 MB and 27 MB of wasm heap at 1,14 M rows (docs/bench.md).
  await checkpoint(db);
  return model;
}

/**
 * Shows `model`'s household-months and periods under the plain names `hm` and `perioder` (views),
 * for notebook SQL cells that read them by name, and its filter values as `filtervarden`. Called by whoever decides which model is current
 * (the app, after a G change); metric queries never read these views.
 */
export async function publishModel(db: Connector, model: MetricsModel): Promise<void> {
  const lazy = lazyTablesOf(db);
  await serialised(db, async () => {
    const hmView = `CREATE OR REPLACE VIEW ${HM_TABLE} AS SELECT * FROM ${model.tables.hm}`;
    lazy?.forget([HM_TABLE]);
    if (lazy?.isPending(model.tables.hm)) {
      // The model's hm is loaded only when first needed (load-prepared.ts); so is the view over it,
      // or publishing would load it at once. The view's own statement bypasses the watch (raw).
      lazy.register(HM_TABLE, async (raw) => {
        await lazy.ensureFor(model.tables.hm);
        await raw.query(hmView);
      });
    } else await db.query(hmView);
    await db.query(`CREATE OR REPLACE VIEW ${PERIOD_TABLE} AS SELECT * FROM ${model.tables.periods}`);
    await db.query(`CREATE OR REPLACE VIEW ${FILTER_VALUES_TABLE} AS SELECT DISTINCT ${FILTER_VALUE_COLUMNS.join(', ')} FROM ${model.tables.monthAgg}`);
  });
}
