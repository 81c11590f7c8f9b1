/**
 * The KPI families of kpis.ts answered in JavaScript from the month cube and the page tables
 * (page-tables.ts), for a filter change on Nyckeltal without a statement through the engine. Each
 * function gives exactly the figures of the family's SQL in kpis.ts (household-queries.ts,
 * period-queries.ts) for a `total` grouping; page-kpis.test.ts compares the two, and plain SQL, for
 * several filter combinations. Where the tables cannot answer (months that are not whole calendar
 * years need `hm` for the distinct household count; a filter on a column the data lacks), the
 * answer is null and kpis.ts runs the SQL.
 */
import { VERY_LONG_TERM_MONTHS } from './aggregates.ts';
import type { MetricId } from './definitions.ts';
import { activeAttributeFilters, FILTER_COLUMN } from './filters.ts';
import type { KpiFigures } from './kpis.ts';
import type { MonthCube } from './month-cube.ts';
import { keepRows, type PageTables } from './page-tables.ts';
import { monthRange } from './scope.ts';
import type { MetricFilters, MetricsModel, OptionalColumns } from './types.ts';

/** The cube and tables of one model. */
export interface KpiSources {
  readonly cube: MonthCube;
  readonly tables: PageTables;
}

const baseOf = (ids: readonly MetricId[], n: number | null) => Object.fromEntries(ids.map((id) => [id, n])) as Partial<Record<MetricId, number | null>>;
const orNull = (v: number): number | null => (Number.isFinite(v) ? v : null);

type HouseholdSums = ReturnType<typeof householdMonthsOnce>;
// The first family and biståndsmånader per hushåll read the same sums over the same months (the
// default view): the last answer per source is kept for the second.
const lastSums = new WeakMap<KpiSources, { key: string; sums: HouseholdSums }>();

/** The household-month sums of `householdMonthsSql(…, 'total')` and the distinct households, or null (needs `hm`). */
function householdMonths(src: KpiSources, model: MetricsModel, filters: MetricFilters): HouseholdSums {
  const key = JSON.stringify([model.gap, model.window, filters]);
  const last = lastSums.get(src);
  if (last?.key === key) return last.sums;
  const sums = householdMonthsOnce(src, model, filters);
  lastSums.set(src, { key, sums });
  return sums;
}

function householdMonthsOnce(src: KpiSources, model: MetricsModel, filters: MetricFilters) {
  const { lo, hi } = monthRange(model, filters);
  // Distinct households come from the household-year table only for whole calendar years (household-queries.ts).
  if (lo % 12 !== 0 || (hi + 1) % 12 !== 0 || hi < lo) return null;
  const { cube } = src;
  const keep = keepRows(cube, { text: cube.codes, barn: cube.barn }, filters);
  const s = cube.sums;
  let any = false;
  let n = 0, paid = 0, fs = 0, barn = 0, e = 0, hp = 0, vuxna = 0, hb = 0;
  for (let i = 0; i < cube.length; i++) {
    const m = cube.mi[i]!;
    if (m < lo || m > hi || !keep(i)) continue;
    any = true;
    n += s.n[i]!; paid += s.paid[i]!; fs += s.fs[i]!; barn += s.barn[i]!; e += s.e[i]!; hp += s.hp[i]!; vuxna += s.vuxna[i]!;
    if (cube.barn[i] === 1) hb += s.n[i]!;
  }
  // The SQL joins the sums to the households: without any matching row both are absent (coalesced to 0, ratios NULL).
  return { months: hi - lo + 1, wholeYear: hi === lo + 11, any, households: any ? distinctHouseholds(src, filters, lo, hi) : 0, n, paid, fs, barn, e, hp, vuxna, hb };
}

/** Distinct households with a matching household-year inside [lo, hi] (whole years). */
function distinctHouseholds(src: KpiSources, filters: MetricFilters, lo: number, hi: number): number {
  const hy = src.tables.householdYears;
  const keep = keepRows(src.cube, hy.attrs, filters);
  // hid is a dense integer: a byte per household marks it seen, far cheaper than a Set of 100 000 numbers.
  const seen = new Uint8Array(hy.maxHid + 1);
  let count = 0;
  for (let i = 0; i < hy.length; i++) {
    const y = hy.y[i]!;
    if (y * 12 < lo || y * 12 + 11 > hi || !keep(i)) continue;
    const h = hy.hid[i]!;
    if (seen[h] === 0) {
      seen[h] = 1;
      count++;
    }
  }
  return count;
}

function family0(src: KpiSources, model: MetricsModel, f: MetricFilters): KpiFigures | null {
  const h = householdMonths(src, model, f);
  if (!h) return null;
  const c = model.columns;
  const perMonth = (v: number) => v / h.months;
  const share = (present: boolean, v: number) => (present && h.n > 0 ? v / h.n : null);
  return {
    aktiva_hushall: perMonth(h.n), utbetalt: h.paid, utbetalt_per_hushall: h.n > 0 ? h.paid / h.n : null,
    forsorjningsstod: c.forsorjningsstod_kr ? h.fs : null, hushall_under_perioden: h.households, barn: c.antal_barn ? perMonth(h.barn) : null,
    e_andel: share(c.kanal, h.e), handlingsplan: share(c.handlingsplan, h.hp),
    personer: c.antal_vuxna && c.antal_barn ? perMonth(h.vuxna + h.barn) : null, hushall_med_barn: c.antal_barn ? perMonth(h.hb) : null,
    base: baseOf(['utbetalt', 'utbetalt_per_hushall', 'forsorjningsstod', 'e_andel', 'handlingsplan'], h.households),
  };
}

function benefitMonths(src: KpiSources, model: MetricsModel, f: MetricFilters): KpiFigures | null {
  const h = householdMonths(src, model, f);
  if (!h) return null;
  const value = h.wholeYear && h.any && h.households > 0 ? h.n / h.households : null;
  return { bistandsmanader_per_hushall: value, base: { bistandsmanader_per_hushall: h.households } };
}

/** Months of [lo, hi] from `from` on and up to `to` (the observability counts of bucketsSql). */
const monthsBetween = (lo: number, hi: number, from: number, to: number) => Math.max(0, Math.min(hi, to) - Math.max(lo, from) + 1);

function flows(src: KpiSources, model: MetricsModel, f: MetricFilters): KpiFigures {
  const { lo, hi } = monthRange(model, f);
  const p = src.tables.periods;
  const keep = keepRows(src.cube, p.start, f);
  let started = 0, back = 0;
  for (let i = 0; i < p.length; i++) {
    const s = p.s[i]!;
    if (s < lo || s > hi || p.leftCensored[i] || !keep(i)) continue;
    started++;
    back += p.returning[i]!;
  }
  const observed = monthsBetween(lo, hi, model.firstMonth + model.gap, hi) > 0;
  return { nya_hushall: observed ? started : null, aterkommande: observed ? back : null };
}

/** DuckDB's `median` of integers: the middle value, or halfway between the two middle values. */
function median(values: number[]): number | null {
  if (values.length === 0) return null;
  values.sort((a, b) => a - b);
  const rank = (values.length - 1) / 2;
  const lo = values[Math.floor(rank)]!;
  const hi = values[Math.ceil(rank)]!;
  return lo + (hi - lo) * (rank - Math.floor(rank));
}

function endings(src: KpiSources, model: MetricsModel, f: MetricFilters): KpiFigures {
  const { lo, hi } = monthRange(model, f);
  const p = src.tables.periods;
  const keep = keepRows(src.cube, p.end, f);
  let exits = 0, total = 0;
  const lengths: number[] = [];
  for (let i = 0; i < p.length; i++) {
    const e = p.e[i]!;
    if (e < lo || e > hi || p.rightCensored[i] || !keep(i)) continue;
    exits++;
    if (p.leftCensored[i]) continue;
    lengths.push(p.langd[i]!);
    total += p.langd[i]!;
  }
  const ended = lengths.length;
  const observed = monthsBetween(lo, hi, lo, model.lastMonth - model.gap) > 0;
  return {
    avslut: observed ? exits : null, bidragstid_medel: ended > 0 ? total / ended : null, bidragstid_median: median(lengths),
    base: baseOf(['bidragstid_medel', 'bidragstid_median'], ended),
  };
}

function reactivation(src: KpiSources, model: MetricsModel, f: MetricFilters): KpiFigures {
  const { lo, hi } = monthRange(model, f);
  const p = src.tables.periods;
  const w = model.window;
  const keep = keepRows(src.cube, p.end, f);
  let n = 0, back = 0;
  for (let i = 0; i < p.length; i++) {
    const e = p.e[i]!;
    if (e < lo || e > hi || p.rightCensored[i] || e + w > model.lastMonth || !keep(i)) continue;
    n++;
    const next = p.nextS[i]!;
    if (next >= 0 && next <= e + w) back++;
  }
  return {
    ateraktualisering: n > 0 ? back / n : null, ej_ateraktualiserade: n > 0 ? 1 - back / n : null,
    base: baseOf(['ateraktualisering', 'ej_ateraktualiserade'], n),
  };
}

function longTerm(src: KpiSources, model: MetricsModel, f: MetricFilters): KpiFigures {
  const { lo, hi } = monthRange(model, f);
  const firstYear = Math.ceil(lo / 12);
  const lastYear = Math.floor((hi + 1) / 12) - 1;
  const l = src.tables.longTerm;
  const keep = keepRows(src.cube, l.attrs, f);
  let rows = 0, n = 0, long = 0, adults = 0, longAdults = 0, adultsKnown = false;
  for (let i = 0; i < l.length; i++) {
    const y = l.y[i]!;
    if (y < firstYear || y > lastYear || !keep(i)) continue;
    rows++;
    n += l.n[i]!;
    if (l.vuxnaKnown[i]) adultsKnown = true;
    adults += l.vuxna[i]!;
    if (l.long[i]) {
      long += l.n[i]!;
      longAdults += l.vuxna[i]!;
    }
  }
  // The SQL groups the matching rows into one: none, no row (every figure null).
  if (rows === 0) return { langvarigt: null, langvarigt_vuxna: null, base: baseOf(['langvarigt', 'langvarigt_vuxna'], null) };
  const adultShare = model.columns.antal_vuxna && adultsKnown && adults !== 0 ? longAdults / adults : null;
  return { langvarigt: orNull(long / n), langvarigt_vuxna: adultShare, base: baseOf(['langvarigt', 'langvarigt_vuxna'], n) };
}

function veryLongTerm(src: KpiSources, model: MetricsModel, f: MetricFilters): KpiFigures {
  const { lo, hi } = monthRange(model, f);
  const exactFrom = model.firstMonth + model.gap + VERY_LONG_TERM_MONTHS - 2;
  const { cube } = src;
  const keep = keepRows(cube, { text: cube.codes, barn: cube.barn }, f);
  let vl = 0;
  for (let i = 0; i < cube.length; i++) {
    const m = cube.mi[i]!;
    if (m < lo || m > hi || m < exactFrom || !keep(i)) continue;
    vl += cube.sums.vl[i]!;
  }
  const observed = monthsBetween(lo, hi, exactFrom, hi);
  return { mycket_langvarigt: observed > 0 ? vl / observed : null };
}

const FAMILIES: Partial<Record<MetricId, (src: KpiSources, model: MetricsModel, f: MetricFilters) => KpiFigures | null>> = {
  aktiva_hushall: family0, nya_hushall: flows, bistandsmanader_per_hushall: benefitMonths, avslut: endings,
  ej_ateraktualiserade: reactivation, langvarigt: longTerm, mycket_langvarigt: veryLongTerm,
};

/**
 * The figures of the KPI family whose first id is `ids[0]` over `filters` (months already clipped by
 * kpis.ts), or null when the SQL must answer: a family not listed here, or a filter on a column the
 * data lacks (the SQL then says so in Swedish).
 */
export function kpiFiguresFromTables(src: KpiSources, model: MetricsModel, ids: readonly MetricId[], filters: MetricFilters): KpiFigures | null {
  const read = FAMILIES[ids[0]!];
  if (!read) return null;
  for (const a of activeAttributeFilters(filters)) if (!model.columns[FILTER_COLUMN[a] as keyof OptionalColumns]) return null;
  return read(src, model, filters);
}
