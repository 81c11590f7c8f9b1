import { toIdentifier, type Connector } from '../engine/connector.ts';
import { raw, sql, type RawSql } from '../engine/sql.ts';
import type { MetricsModel, OptionalColumns, PrepareOptions } from './types.ts';
import { MetricsInputError, validateSource, type SourceInfo } from './validate.ts';

/** Default gap G and follow-up window W (DOMAIN.md "Metric definitions"). */
export const DEFAULT_GAP = 3;
export const DEFAULT_WINDOW = 12;

/** Name of the derived household-month table (payment months only, one row per household and month). */
export const HM_TABLE = 'hm';
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
 * read: `hm` (payment months with month index, period number `nr` and period start `ps`) and
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
  // Several rows for one household and month are summed; attributes come from the largest payment.
  const attr = (name: string) => `arg_max({'v': ${name}}, kr).v AS ${name}`;
  const handlingsplan = c.handlingsplan ? 'CAST(handlingsplan AS BOOLEAN)' : 'CAST(NULL AS BOOLEAN)';
  const hm = sql`CREATE OR REPLACE TABLE ${raw(HM_TABLE)} AS
    WITH src AS (
      SELECT CAST(hushall_id AS VARCHAR) AS hushall_id, CAST(${mi} AS INTEGER) AS mi,
        CAST(utbetalt_kr AS DOUBLE) AS kr, ${raw(optional(c, 'forsorjningsstod_kr', 'DOUBLE'))} AS fs,
        ${raw(optional(c, 'hushallstyp', 'VARCHAR'))} AS hushallstyp, ${raw(optional(c, 'enhet', 'VARCHAR'))} AS enhet,
        ${raw(optional(c, 'forsorjningshinder', 'VARCHAR'))} AS forsorjningshinder,
        ${raw(optional(c, 'antal_barn', 'INTEGER'))} AS antal_barn, ${raw(optional(c, 'kanal', 'VARCHAR'))} AS kanal,
        ${raw(handlingsplan)} AS handlingsplan
      FROM ${table}),
    agg AS (
      SELECT hushall_id, mi, sum(kr) AS utbetalt, sum(fs) AS fs,
        ${raw(['hushallstyp', 'enhet', 'forsorjningshinder', 'antal_barn', 'kanal', 'handlingsplan'].map(attr).join(', '))}
      FROM src GROUP BY hushall_id, mi HAVING sum(kr) > 0),
    flagged AS (
      -- A new period starts unless the previous payment month is at most G months back
      -- (i.e. fewer than G empty months in between).
      SELECT *, CASE WHEN mi - lag(mi) OVER (PARTITION BY hushall_id ORDER BY mi) <= ${gap} THEN 0 ELSE 1 END AS ny
      FROM agg),
    numbered AS (
      SELECT *, CAST(sum(ny) OVER (PARTITION BY hushall_id ORDER BY mi ROWS UNBOUNDED PRECEDING) AS INTEGER) AS nr
      FROM flagged)
    SELECT hushall_id, mi, utbetalt, fs, hushallstyp, enhet, forsorjningshinder, antal_barn, kanal, handlingsplan, nr,
      CAST(min(mi) OVER (PARTITION BY hushall_id, nr) AS INTEGER) AS ps
    FROM numbered ORDER BY mi, hushall_id`;
  await db.query(hm.text, hm.params);

  const pick = (alias: string, prefix: string) => ATTRIBUTES.map((a) => `${alias}.${a} AS ${prefix}${a}`).join(', ');
  const periods = sql`CREATE OR REPLACE TABLE ${raw(PERIOD_TABLE)} AS
    WITH p AS (
      SELECT hushall_id, nr, min(mi) AS s, max(mi) AS e, count(*) AS paid_months FROM ${raw(HM_TABLE)} GROUP BY hushall_id, nr)
    SELECT p.hushall_id, p.nr, CAST(p.s AS INTEGER) AS s, CAST(p.e AS INTEGER) AS e,
      CAST(p.e - p.s + 1 AS INTEGER) AS langd, CAST(p.paid_months AS INTEGER) AS paid_months,
      CAST(lead(p.s) OVER (PARTITION BY p.hushall_id ORDER BY p.nr) AS INTEGER) AS next_s,
      -- Left-censored: the data does not cover the G months before the start; right-censored: after the end.
      p.s - ${gap} < ${firstMonth} AS left_censored, p.e + ${gap} > ${lastMonth} AS right_censored,
      ${raw(pick('a', 's_'))}, ${raw(pick('b', 'e_'))}
    FROM p
    JOIN ${raw(HM_TABLE)} a ON a.hushall_id = p.hushall_id AND a.mi = p.s
    JOIN ${raw(HM_TABLE)} b ON b.hushall_id = p.hushall_id AND b.mi = p.e
    ORDER BY p.e, p.hushall_id`;
  await db.query(periods.text, periods.params);

  return { source, gap, window, firstMonth, lastMonth, columns: c };
}
