import type { Connector } from '../engine/connector.ts';
import type { BoundSql } from '../engine/sql.ts';
import { formatMonth } from '../format/sv.ts';
import type { MetricId } from './definitions.ts';
import { comparableDurationFrom, COMPARABLE_DURATION_MONTHS, isDurationBiased, longestObservablePeriod } from './duration-bias.ts';
import { householdMonthsSql, longTermSql, VERY_LONG_TERM_MONTHS, veryLongTermSql } from './household-queries.ts';
import { fromMonthIndex, toMonthIndex } from './month.ts';
import { durationSql, flowSql, reactivationSql } from './period-queries.ts';
import { runMetric } from './run.ts';
import type { MetricFilters, MetricsModel } from './types.ts';

/** A KPI figure: the value for the range, the same range one year earlier, and the change. */
export interface KpiValue {
  id: MetricId;
  /** The months the value covers (`YYYY-MM`), after clipping to what the data can observe; null if none. */
  from: string | null;
  to: string | null;
  value: number | null;
  /** Same months one year earlier; null when the data does not cover them. */
  previous: number | null;
  /** value − previous (for shares: percentage points as a fraction). */
  change: number | null;
  /** change ÷ previous. */
  relativeChange: number | null;
  /** A Swedish sentence when the value is not comparable (bidragstid shortened by the start of the data), else null. */
  caveat: string | null;
  /**
   * Households in the filtered report (hushåll under perioden) now and a year earlier: a report filtered
   * down to fewer than 5 protects every figure (docs/metrics.md, "Små antal").
   */
  group: number | null;
  previousGroup: number | null;
  /** What the figure is computed over (households, ended or followed-up periods); null for plain counts. */
  base: number | null;
  previousBase: number | null;
}

type Row = Record<string, number | string | null>;

/** One family of KPIs: which months it can observe and how to read its values from one query. */
interface Family {
  ids: readonly MetricId[];
  /** Earliest and latest month index the family's figures are exact for. */
  bounds: (m: MetricsModel) => [number, number];
  /** Reads the family's values for a range, or nulls when the range is empty. */
  read: (db: Connector, m: MetricsModel, f: MetricFilters) => Promise<Figures>;
}

type Figures = Partial<Record<MetricId, number | null>> & { base?: Partial<Record<MetricId, number | null>> };
/** One family's figures for one range, as its query gives them (for a faster path that answers the same, page-kpis.ts). */
export type KpiFigures = Figures;
/** Answers a family (named by its ids) over filters whose months kpis has clipped, or null to run the family's SQL. */
export type KpiFastPath = (ids: readonly MetricId[], filters: MetricFilters) => KpiFigures | null;

/** The same base for several ids. */
const baseOf = (ids: readonly MetricId[], n: number | null) => Object.fromEntries(ids.map((id) => [id, n])) as Partial<Record<MetricId, number | null>>;

async function one(db: Connector, query: BoundSql): Promise<Row | undefined> {
  return (await runMetric<Row>(db, query))[0];
}
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

const FAMILIES: readonly Family[] = [
  {
    ids: ['aktiva_hushall', 'utbetalt', 'utbetalt_per_hushall', 'forsorjningsstod', 'hushall_under_perioden', 'barn', 'e_andel', 'handlingsplan',
      'personer', 'hushall_med_barn'],
    bounds: (m) => [m.firstMonth, m.lastMonth],
    read: async (db, m, f) => {
      const r = await one(db, householdMonthsSql(m, f, 'total'));
      return {
        aktiva_hushall: num(r?.avg_households), utbetalt: num(r?.paid_kr), utbetalt_per_hushall: num(r?.paid_per_household_month),
        forsorjningsstod: num(r?.fs_kr), hushall_under_perioden: num(r?.households), barn: num(r?.children),
        e_andel: num(r?.e_share), handlingsplan: num(r?.handlingsplan_share),
        personer: num(r?.persons), hushall_med_barn: num(r?.households_with_children),
        base: baseOf(['utbetalt', 'utbetalt_per_hushall', 'forsorjningsstod', 'e_andel', 'handlingsplan'], num(r?.households)),
      };
    },
  },
  {
    ids: ['nya_hushall', 'aterkommande'],
    bounds: (m) => [m.firstMonth + m.gap, m.lastMonth],
    read: async (db, m, f) => {
      const r = await one(db, flowSql(m, f, 'total'));
      return { nya_hushall: num(r?.new_periods), aterkommande: num(r?.returning_periods) };
    },
  },
  {
    // Socialstyrelsen's measure is per calendar year: the family keeps to whole years of data.
    ids: ['bistandsmanader_per_hushall'],
    bounds: (m) => [Math.ceil(m.firstMonth / 12) * 12, Math.floor((m.lastMonth + 1) / 12) * 12 - 1],
    read: async (db, m, f) => {
      const r = await one(db, householdMonthsSql(m, f, 'total'));
      return { bistandsmanader_per_hushall: num(r?.benefit_months_per_household), base: { bistandsmanader_per_hushall: num(r?.households) } };
    },
  },
  {
    ids: ['avslut', 'bidragstid_medel', 'bidragstid_median'],
    bounds: (m) => [m.firstMonth, m.lastMonth - m.gap],
    read: async (db, m, f) => {
      const d = await one(db, durationSql(m, f, 'total'));
      return {
        avslut: num((await one(db, flowSql(m, f, 'total')))?.exits), bidragstid_medel: num(d?.mean_months), bidragstid_median: num(d?.median_months),
        base: baseOf(['bidragstid_medel', 'bidragstid_median'], num(d?.ended_periods)),
      };
    },
  },
  {
    ids: ['ej_ateraktualiserade', 'ateraktualisering'],
    bounds: (m) => [m.firstMonth, m.lastMonth - Math.max(m.window, m.gap)],
    read: async (db, m, f) => {
      const r = await one(db, reactivationSql(m, f, 'total'));
      return {
        ateraktualisering: num(r?.reactivation_rate), ej_ateraktualiserade: num(r?.not_reactivated_rate),
        base: baseOf(['ateraktualisering', 'ej_ateraktualiserade'], num(r?.followed_up)),
      };
    },
  },
  {
    ids: ['langvarigt', 'langvarigt_vuxna'],
    bounds: (m) => [m.firstMonth, m.lastMonth],
    read: async (db, m, f) => {
      const r = await one(db, longTermSql(m, f, 'total'));
      return { langvarigt: num(r?.long_term_share), langvarigt_vuxna: num(r?.long_term_adult_share), base: baseOf(['langvarigt', 'langvarigt_vuxna'], num(r?.households)) };
    },
  },
  {
    ids: ['mycket_langvarigt'],
    bounds: (m) => [m.firstMonth + m.gap + VERY_LONG_TERM_MONTHS - 2, m.lastMonth],
    read: async (db, m, f) => ({ mycket_langvarigt: num((await one(db, veryLongTermSql(m, f, 'total')))?.very_long_term) }),
  },
];

const DURATION_IDS: readonly MetricId[] = ['bidragstid_medel', 'bidragstid_median'];

/** Why a bidragstid over ends from `from` on is not comparable (duration-bias.ts), or null when it is. */
function durationCaveat(model: MetricsModel, id: MetricId, from: number): string | null {
  if (!DURATION_IDS.includes(id) || !isDurationBiased(model, from)) return null;
  return `Påverkas av datastart: en period som slutar ${formatMonth(fromMonthIndex(from))} kan bara ha varat ${longestObservablePeriod(model, from)} månader inom data, `
    + `och perioder som pågick vid datastart räknas inte. Jämförbar bidragstid kräver att perioder på ${COMPARABLE_DURATION_MONTHS} månader kan ses, `
    + `dvs. avslut från ${formatMonth(fromMonthIndex(comparableDurationFrom(model)))}.`;
}

/** Months a KPI covers when no range is chosen: the latest twelve. */
export const KPI_DEFAULT_MONTHS = 12;

/** The KPI months when no range is chosen: the last 12 months of data (clipped to its start). */
export function defaultKpiPeriod(model: MetricsModel): { from: string; to: string } {
  const to = model.lastMonth;
  return { from: fromMonthIndex(Math.max(model.firstMonth, to - KPI_DEFAULT_MONTHS + 1)), to: fromMonthIndex(to) };
}

/**
 * KPI figures for the dashboard: each metric over filters.from–to (default: the last 12 months each
 * metric can observe) and over the same months one year earlier. Each family is clipped to the months it can
 * observe (e.g. ends need G months after), and the earlier range is clipped the same way, so the
 * comparison is like for like; `previous` is null when the data does not reach back that far.
 * `fast` may answer a family without its SQL (the Nyckeltal page's filter change, page-kpis.ts).
 */
export async function kpis(db: Connector, model: MetricsModel, filters: MetricFilters = {}, fast?: KpiFastPath): Promise<KpiValue[]> {
  const hi = filters.to === undefined ? model.lastMonth : toMonthIndex(filters.to, 'till-månad');
  const lo = filters.from === undefined ? hi - KPI_DEFAULT_MONTHS + 1 : toMonthIndex(filters.from, 'från-månad');
  const out: KpiValue[] = [];
  let group: number | null = null;
  let previousGroup: number | null = null;
  for (const family of FAMILIES) {
    const [min, max] = family.bounds(model);
    let from = Math.max(lo, min);
    let to = Math.min(hi, max);
    // Without a chosen range each family shows its own latest 12 observable months (e.g. återaktualisering
    // ends W months before the data does), rather than a blank or a shorter period; `from`/`to` say which.
    if (filters.from === undefined && filters.to === undefined && hi > max) {
      to = max;
      from = Math.max(min, max - KPI_DEFAULT_MONTHS + 1);
    }
    const empty = from > to;
    const at = (a: number, b: number) => ({ ...filters, from: fromMonthIndex(a), to: fromMonthIndex(b) });
    const read = (f: MetricFilters) => fast?.(family.ids, f) ?? family.read(db, model, f);
    const now: Figures = empty ? {} : await read(at(from, to));
    const prevOk = !empty && from - 12 >= min;
    const before: Figures = prevOk ? await read(at(from - 12, to - 12)) : {};
    // The first family holds hushåll under perioden: the size of the report's group for every family.
    if (family === FAMILIES[0]) {
      group = now.hushall_under_perioden ?? null;
      previousGroup = before.hushall_under_perioden ?? null;
    }
    for (const id of family.ids) {
      const value = now[id] ?? null;
      const previous = before[id] ?? null;
      const change = value !== null && previous !== null ? value - previous : null;
      out.push({
        id, from: empty ? null : fromMonthIndex(from), to: empty ? null : fromMonthIndex(to), value, previous, change,
        relativeChange: change !== null && previous !== null && previous !== 0 ? change / previous : null,
        caveat: empty ? null : durationCaveat(model, id, from),
        group, previousGroup, base: now.base?.[id] ?? null, previousBase: before.base?.[id] ?? null,
      });
    }
  }
  return out;
}
