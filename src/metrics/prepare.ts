import { toIdentifier, type Connector } from '../engine/connector.ts';
import { raw, sql, type RawSql } from '../engine/sql.ts';
import type { MetricsModel, OptionalColumns, PrepareOptions } from './types.ts';
import { MetricsInputError, validateSource, type SourceInfo } from './validate.ts';

/** Default gap G and follow-up window W (DOMAIN.md "Metric definitions"). */
export const DEFAULT_GAP = 3;
export const DEFAULT_WINDOW = 12;

/** Name of the derived household-month table (payment months only, one row per household and month). */
export const HM_TABLE = 'hm';
/** Household text id ↔ dense integer id `hid`. */
export const IDS_TABLE = 'hushall_ids';
/** Scratch table of paid source rows, dropped once `hm` exists. */
const SRC_TABLE = 'hm_src';
/** Per-month values carried into `hm`. */
const VALUE_COLUMNS = ['hushallstyp', 'enhet', 'forsorjningshinder', 'antal_barn', 'kanal', 'handlingsplan'];

/** Name of the derived period (spell) table. */
export const PERIOD_TABLE = 'perioder';

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
  return columns[name] ? `CAST(${name} AS ${cast})` : `CAST(NULL AS ${cast})`;
}

/** Attribute columns carried from `hm` onto periods and household-years. */
export const ATTRIBUTES = ['hushallstyp', 'enhet', 'forsorjningshinder', 'antal_barn'] as const;

/**
 * Validates `source` (default `utbetalningar`) and materialises the derived tables the metric queries
 * read: `hm` (payment months: integer household id `hid`, month index, period number `nr` and
 * period start `ps`), `hushall_ids` and
 * `perioder` (one row per period with start/end, censoring flags, next start and the attributes at
 * its first and last month). Re-run when G or W change; it replaces the previous tables.
 */
export async function prepareMetrics(db: Connector, options: PrepareOptions = {}): Promise<MetricsModel> {
  const gap = checkParameter(options.gap ?? DEFAULT_GAP, 'gap (G)', 1);
  const window = checkParameter(options.window ?? DEFAULT_WINDOW, 'window (W)', 1);
  const source = options.source ?? 'utbetalningar';
  const table = raw(toIdentifier(source));
  const info = await validateSource(db, source);
  const mi = monthIndexExpr(info);

  // Coverage is over the whole table, zero-amount rows included: they show the data covers that month.
  const coverage = await db.query(
    sql`SELECT CAST(min(${mi}) AS INTEGER) AS lo, CAST(max(${mi}) AS INTEGER) AS hi FROM ${table}`.text,
  );
  const firstMonth = Number(coverage.getChild('lo')?.get(0));
  const lastMonth = Number(coverage.getChild('hi')?.get(0));
  if (!Number.isFinite(firstMonth)) throw new MetricsInputError(`Tabellen ${source} innehåller inga månader`);

  const c = info.columns;
  // Households get a dense integer id: grouping and DISTINCT on integers is several times faster
  // than on text, which matters in the browser engine. The text id stays in `hushall_ids`/`perioder`.
  await db.query(`CREATE OR REPLACE TABLE ${IDS_TABLE} AS
    SELECT hushall_id, CAST(row_number() OVER (ORDER BY hushall_id) AS INTEGER) AS hid
    FROM (SELECT DISTINCT CAST(hushall_id AS VARCHAR) AS hushall_id FROM ${table.text})`);
  const handlingsplan = c.handlingsplan ? 'CAST(handlingsplan AS BOOLEAN)' : 'CAST(NULL AS BOOLEAN)';
  // Zero-amount rows never make a household active nor extend a period, so they stop here.
  const paidRows = sql`CREATE OR REPLACE TABLE ${raw(SRC_TABLE)} AS
    SELECT i.hid, CAST(${mi} AS INTEGER) AS mi, CAST(utbetalt_kr AS DOUBLE) AS kr,
      ${raw(optional(c, 'forsorjningsstod_kr', 'DOUBLE'))} AS fs,
      ${raw(optional(c, 'hushallstyp', 'VARCHAR'))} AS hushallstyp, ${raw(optional(c, 'enhet', 'VARCHAR'))} AS enhet,
      ${raw(optional(c, 'forsorjningshinder', 'VARCHAR'))} AS forsorjningshinder,
      ${raw(optional(c, 'antal_barn', 'INTEGER'))} AS antal_barn, ${raw(optional(c, 'kanal', 'VARCHAR'))} AS kanal,
      ${raw(handlingsplan)} AS handlingsplan
    FROM ${table} s JOIN ${raw(IDS_TABLE)} i ON i.hushall_id = CAST(s.hushall_id AS VARCHAR)
    WHERE CAST(utbetalt_kr AS DOUBLE) > 0`;
  await db.query(paidRows.text, paidRows.params);
  const dup = await db.query(`SELECT CAST(count(*) - count(DISTINCT CAST(hid AS BIGINT) * 65536 + mi) AS INTEGER) AS d FROM ${SRC_TABLE}`);
  // The contract has one row per household and month; if a file has several, they are summed and
  // the attributes come from the largest payment (checked first, since the aggregation is costly).
  const attr = (name: string) => `arg_max({'v': ${name}}, kr).v AS ${name}`;
  const rows = Number(dup.getChild('d')?.get(0)) === 0
    ? `SELECT hid, mi, kr AS utbetalt, fs, ${VALUE_COLUMNS.join(', ')} FROM ${SRC_TABLE}`
    : `SELECT hid, mi, sum(kr) AS utbetalt, sum(fs) AS fs, ${VALUE_COLUMNS.map(attr).join(', ')} FROM ${SRC_TABLE} GROUP BY hid, mi`;
  const hm = sql`CREATE OR REPLACE TABLE ${raw(HM_TABLE)} AS
    WITH flagged AS (
      -- A new period starts unless the previous payment month is at most G months back
      -- (i.e. fewer than G empty months in between).
      SELECT *, CASE WHEN mi - lag(mi) OVER (PARTITION BY hid ORDER BY mi) <= ${gap} THEN 0 ELSE 1 END AS ny
      FROM (${raw(rows)}))
    SELECT hid, mi, utbetalt, fs, ${raw(VALUE_COLUMNS.join(', '))},
      CAST(sum(ny) OVER w AS INTEGER) AS nr, CAST(max(CASE WHEN ny = 1 THEN mi END) OVER w AS INTEGER) AS ps
    FROM flagged
    WINDOW w AS (PARTITION BY hid ORDER BY mi ROWS UNBOUNDED PRECEDING)
    `;
  await db.query(hm.text, hm.params);
  await db.query(`DROP TABLE ${SRC_TABLE}`);

  // Attributes at the first and last month travel as one struct, so NULLs are kept as they are.
  const struct = `{${ATTRIBUTES.map((a) => `'${a}': ${a}`).join(', ')}}`;
  const unpack = (col: string, prefix: string) => ATTRIBUTES.map((a) => `struct_extract(${col}, '${a}') AS ${prefix}${a}`).join(', ');
  const periods = sql`CREATE OR REPLACE TABLE ${raw(PERIOD_TABLE)} AS
    WITH p AS (
      SELECT hid, nr, min(mi) AS s, max(mi) AS e, count(*) AS paid_months,
        arg_min(${raw(struct)}, mi) AS sa, arg_max(${raw(struct)}, mi) AS ea
      FROM ${raw(HM_TABLE)} GROUP BY hid, nr)
    SELECT i.hushall_id, p.hid, p.nr, CAST(p.s AS INTEGER) AS s, CAST(p.e AS INTEGER) AS e,
      CAST(p.e - p.s + 1 AS INTEGER) AS langd, CAST(p.paid_months AS INTEGER) AS paid_months,
      CAST(lead(p.s) OVER (PARTITION BY p.hid ORDER BY p.nr) AS INTEGER) AS next_s,
      -- Left-censored: the data does not cover the G months before the start; right-censored: after the end.
      p.s - ${gap} < ${firstMonth} AS left_censored, p.e + ${gap} > ${lastMonth} AS right_censored,
      ${raw(unpack('sa', 's_'))}, ${raw(unpack('ea', 'e_'))}
    FROM p JOIN ${raw(IDS_TABLE)} i ON i.hid = p.hid
    `;
  await db.query(periods.text, periods.params);

  return { source, gap, window, firstMonth, lastMonth, columns: c };
}
