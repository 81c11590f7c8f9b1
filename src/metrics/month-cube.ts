/**
 * The crossfilter's fast path: the month × attribute table (`monthAgg`, aggregates.ts) held in typed
 * arrays, so a brush or a bar click recomputes the household-month figures in JavaScript in well
 * under a millisecond instead of a round trip through the engine per cell. It answers exactly what
 * `householdMonthsSql` and `veryLongTermSql` answer for a month or attribute grouping (checked against
 * plain SQL over the raw rows in month-cube.test.ts), except the distinct household count of an
 * attribute grouping, which a month × attribute table cannot give: those columns come back NULL and
 * the result is marked incomplete, so the caller fetches them with the SQL afterwards.
 */
import { Field, Float64, Int32, makeData, Schema, Table, Utf8, RecordBatch, Struct, type DataType } from 'apache-arrow';
import type { Connector } from '../engine/connector.ts';
import { seedDecodedColumn } from '../engine/decoded-columns.ts';
import { VERY_LONG_TERM_MONTHS } from './aggregates.ts';
import { activeAttributeFilters, FILTER_COLUMN } from './filters.ts';
import { fromMonthIndex } from './month.ts';
import { MISSING_LABEL, monthRange } from './scope.ts';
import type { Grouping, MetricFilters, MetricsModel, OptionalColumns } from './types.ts';

const TEXT_ATTRIBUTES = ['enhet', 'hushallstyp', 'forsorjningshinder'] as const;
type TextAttribute = (typeof TEXT_ATTRIBUTES)[number];
const SUMS = ['n', 'paid', 'fs', 'barn', 'e', 'e_n', 'hp', 'hp_n', 'vl', 'vuxna'] as const;
type SumName = (typeof SUMS)[number];

/** `monthAgg` of one model as columns: month index, attribute codes (−1 = missing) and the sums. */
export interface MonthCube {
  readonly model: MetricsModel;
  readonly length: number;
  readonly mi: Int32Array;
  readonly codes: Readonly<Record<TextAttribute, Int32Array>>;
  readonly labels: Readonly<Record<TextAttribute, readonly string[]>>;
  /** Sign of antal_barn: 1, 0, or −1 for missing. */
  readonly barn: Int32Array;
  readonly sums: Readonly<Record<SumName, Float64Array>>;
}

/** A fast answer: the table, and whether every column is final (false: distinct counts to follow). */
export interface CubeAnswer {
  readonly table: Table;
  readonly complete: boolean;
}

/** Reads the model's `monthAgg` into a cube (one query, a few thousand rows). */
export async function loadMonthCube(db: Connector, model: MetricsModel): Promise<MonthCube> {
  const t = await db.query(`SELECT mi, enhet, hushallstyp, forsorjningshinder, antal_barn, ${SUMS.join(', ')} FROM ${model.tables.monthAgg}`);
  const length = t.numRows;
  const mi = Int32Array.from(t.getChild('mi')!.toArray() as ArrayLike<number>);
  const codes = {} as Record<TextAttribute, Int32Array>;
  const labels = {} as Record<TextAttribute, string[]>;
  for (const a of TEXT_ATTRIBUTES) {
    const values = t.getChild(a)!.toArray() as ArrayLike<string | null>;
    const index = new Map<string, number>();
    const out = new Int32Array(length);
    for (let i = 0; i < length; i++) {
      const v = values[i];
      if (v === null || v === undefined) out[i] = -1;
      else {
        let code = index.get(v);
        if (code === undefined) index.set(v, (code = index.size));
        out[i] = code;
      }
    }
    codes[a] = out;
    labels[a] = [...index.keys()];
  }
  const barnColumn = t.getChild('antal_barn')!;
  const barn = new Int32Array(length);
  for (let i = 0; i < length; i++) {
    const v = barnColumn.get(i) as number | null;
    barn[i] = v === null ? -1 : v > 0 ? 1 : 0;
  }
  const sums = {} as Record<SumName, Float64Array>;
  for (const s of SUMS) sums[s] = Float64Array.from(t.getChild(s)!.toArray() as ArrayLike<number | null>, (v) => Number(v ?? 0));
  return { model, length, mi, codes, labels, barn, sums };
}

/**
 * Sums the unfiltered slices of every grouping the cube answers, so the first brush or bar click
 * finds them ready (and the scan's code already compiled) instead of paying for them; returns how
 * many it made. Meant for an idle moment after `loadMonthCube`.
 */
export function warmMonthCube(cube: MonthCube): number {
  let made = 0;
  for (const grouping of ['month', ...ATTRIBUTE_GROUPINGS] as const) {
    if (supported(cube, grouping) && sliceOf(cube, grouping, {})) made++;
  }
  return made;
}

/**
 * The slices one bar click away from `filters`: each value of each attribute on its own (what a click on
 * a bar selects), the other filters kept, for every grouping the cube answers. A click then adds up a
 * ready slice instead of scanning the cube in the frame that shows it (issue 11). Returns a step that
 * sums slices until `timeLeft()` (ms) runs low and says whether all are done, for idle callbacks.
 */
export function selectionWarmer(cube: MonthCube, filters: MetricFilters): (timeLeft: () => number) => boolean {
  const groupings = (['month', ...ATTRIBUTE_GROUPINGS] as const).filter((g) => supported(cube, g));
  const variants: MetricFilters[] = [];
  for (const a of TEXT_ATTRIBUTES) for (const label of cube.labels[a]) variants.push({ ...filters, [a]: [label] });
  for (const barn of ['med', 'utan'] as const) variants.push({ ...filters, barn });
  let next = 0;
  return (timeLeft) => {
    for (; next < variants.length * groupings.length; next++) {
      if (timeLeft() < 2) return false;
      sliceOf(cube, groupings[next % groupings.length]!, variants[Math.floor(next / groupings.length)]!);
    }
    return true;
  };
}

/** Which rows the attribute filters keep, or null when a filter names a column the data lacks. */
function rowFilter(cube: MonthCube, filters: MetricFilters): ((i: number) => boolean) | null {
  for (const f of activeAttributeFilters(filters)) if (!cube.model.columns[FILTER_COLUMN[f] as keyof OptionalColumns]) return null;
  const allowed: { codes: Int32Array; ok: Uint8Array }[] = [];
  for (const a of TEXT_ATTRIBUTES) {
    const values = filters[a];
    if (!values || values.length === 0) continue;
    const ok = new Uint8Array(cube.labels[a].length);
    cube.labels[a].forEach((label, code) => (ok[code] = values.includes(label) ? 1 : 0));
    allowed.push({ codes: cube.codes[a], ok });
  }
  const barn = filters.barn === 'med' ? 1 : filters.barn === 'utan' ? 0 : null;
  return (i) => {
    if (barn !== null && cube.barn[i] !== barn) return false;
    for (const { codes, ok } of allowed) {
      const c = codes[i]!;
      if (c < 0 || ok[c] === 0) return false;
    }
    return true;
  };
}

/** Accumulator slots per bucket: the sums, then household-months with children. */
const WIDTH = SUMS.length + 1;

/**
 * The filtered rows summed per month × bucket, over every month of the data: what one scan of the
 * cube gives. A brush only moves the month range, so its answers add up at most 120 months × a few
 * buckets from here instead of scanning the cube again; a bar click scans once per grouping.
 */
interface Slice {
  readonly first: number;
  readonly months: number;
  readonly buckets: number;
  /** (month − first) × buckets + bucket → WIDTH sums. */
  readonly acc: Float64Array;
  /** Whether any cube row fell in the month × bucket (the SQL has a row for it). */
  readonly seen: Uint8Array;
}

/**
 * Slices per cube, keyed by grouping and attribute filters; the last used are kept: enough for the
 * unfiltered ones and two rounds of `selectionWarmer` (about 20 values × 5 groupings each). A slice is
 * months × buckets × 11 sums, about 100 kB for 120 months and 10 buckets.
 */
const slices = new WeakMap<MonthCube, Map<string, Slice>>();
const KEPT_SLICES = 224;
/** Scans made per cube, for the tests of what is summed ahead. */
const scans = new WeakMap<MonthCube, number>();
export const cubeScans = (cube: MonthCube): number => scans.get(cube) ?? 0;

function sliceKey(grouping: Grouping, filters: MetricFilters): string {
  return JSON.stringify([grouping, filters.enhet ?? [], filters.hushallstyp ?? [], filters.forsorjningshinder ?? [], filters.barn ?? null]);
}

function sliceOf(cube: MonthCube, grouping: Grouping, filters: MetricFilters): Slice | null {
  let cache = slices.get(cube);
  if (!cache) slices.set(cube, (cache = new Map()));
  const key = sliceKey(grouping, filters);
  const hit = cache.get(key);
  if (hit) {
    // Most recently used last, so the oldest is the first one dropped.
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const keep = rowFilter(cube, filters);
  if (!keep) return null;
  const slice = scan(cube, grouping, keep);
  scans.set(cube, cubeScans(cube) + 1);
  cache.set(key, slice);
  if (cache.size > KEPT_SLICES) cache.delete(cache.keys().next().value!);
  return slice;
}

/** One pass over the cube: sums per month × bucket of the rows `keep` lets through. */
function scan(cube: MonthCube, grouping: Grouping, keep: (i: number) => boolean): Slice {
  const month = grouping === 'month';
  // Attribute buckets: code + 1 (0 = missing); barn: sign + 1 (0 = missing).
  const codes = month ? null : grouping === 'barn' ? cube.barn : cube.codes[grouping as TextAttribute];
  const buckets = month ? 1 : grouping === 'barn' ? 3 : cube.labels[grouping as TextAttribute].length + 1;
  // The months the rows have (not the model's range), so no row is left out of any range asked for.
  let first = Infinity;
  let last = -Infinity;
  for (let i = 0; i < cube.length; i++) {
    first = Math.min(first, cube.mi[i]!);
    last = Math.max(last, cube.mi[i]!);
  }
  if (cube.length === 0) first = last = 0;
  const months = last - first + 1;
  const acc = new Float64Array(months * buckets * WIDTH);
  const seen = new Uint8Array(months * buckets);
  const columns = SUMS.map((name) => cube.sums[name]);
  const n = cube.sums.n;
  for (let i = 0; i < cube.length; i++) {
    const m = cube.mi[i]! - first;
    if (m < 0 || m >= months || !keep(i)) continue;
    const cell = m * buckets + (month ? 0 : codes![i]! + 1);
    const base = cell * WIDTH;
    seen[cell] = 1;
    for (let s = 0; s < columns.length; s++) acc[base + s]! += columns[s]![i]!;
    // The last slot: household-months with children (the SQL's `sum(n) FILTER (WHERE antal_barn > 0)`).
    if (cube.barn[i] === 1) acc[base + SUMS.length]! += n[i]!;
  }
  return { first, months, buckets, acc, seen };
}

/**
 * Sums per bucket over the filtered rows with `mi` in [lo, hi], keyed by the bucket's label, from the
 * filters' slice (null when a filter names a column the data lacks). Months are added in order, so a
 * month grouping gives each month's sums exactly as one scan would.
 */
function aggregate(cube: MonthCube, grouping: Grouping, filters: MetricFilters, lo: number, hi: number): Map<string, Float64Array> | null {
  const slice = sliceOf(cube, grouping, filters);
  if (!slice) return null;
  const month = grouping === 'month';
  const buckets = month ? Math.max(0, hi - lo + 1) : slice.buckets;
  const acc = new Float64Array(buckets * WIDTH);
  const seen = new Uint8Array(buckets);
  const from = Math.max(lo, slice.first);
  const to = Math.min(hi, slice.first + slice.months - 1);
  for (let m = from; m <= to; m++) {
    for (let b = 0; b < slice.buckets; b++) {
      const cell = (m - slice.first) * slice.buckets + b;
      if (!slice.seen[cell]) continue;
      const target = month ? m - lo : b;
      seen[target] = 1;
      for (let s = 0; s < WIDTH; s++) acc[target * WIDTH + s]! += slice.acc[cell * WIDTH + s]!;
    }
  }
  const out = new Map<string, Float64Array>();
  for (let b = 0; b < buckets; b++) {
    if (!seen[b]) continue;
    const label = month ? fromMonthIndex(lo + b) : bucketLabel(cube, grouping, b - 1);
    out.set(label, acc.subarray(b * WIDTH, (b + 1) * WIDTH));
  }
  return out;
}

/** The label of attribute bucket `code` (the SQL's `coalesce(attr, 'Uppgift saknas')`; barn: its sign). */
function bucketLabel(cube: MonthCube, grouping: Grouping, code: number): string {
  if (grouping === 'barn') return code === 1 ? 'med barn' : code === 0 ? 'utan barn' : MISSING_LABEL;
  return code < 0 ? MISSING_LABEL : cube.labels[grouping as TextAttribute][code]!;
}

/** Each sum's slot in an accumulator. */
const SLOT = Object.fromEntries(SUMS.map((name, i) => [name, i])) as Record<SumName, number>;
const at = (acc: Float64Array | undefined, name: SumName): number => acc?.[SLOT[name]] ?? 0;
const ATTRIBUTE_GROUPINGS: readonly Grouping[] = ['enhet', 'hushallstyp', 'forsorjningshinder', 'barn'];

/** Whether the cube can answer this grouping for this data (else the caller uses the SQL). */
function supported(cube: MonthCube, grouping: Grouping): boolean {
  if (grouping === 'month') return true;
  if (!ATTRIBUTE_GROUPINGS.includes(grouping)) return false;
  return cube.model.columns[(grouping === 'barn' ? 'antal_barn' : grouping) as keyof OptionalColumns];
}

/** The groups in the SQL's order: every month of the range, or the attribute groups found, sorted. */
function groupsOf(grouping: Grouping, sums: Map<string, Float64Array>, lo: number, hi: number): string[] {
  if (grouping !== 'month') return [...sums.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const months: string[] = [];
  for (let m = lo; m <= hi; m++) months.push(fromMonthIndex(m));
  return months;
}

/** `householdMonthsSql(model, filters, grouping)` from the cube; null when it cannot answer. */
export function cubeHouseholdMonths(cube: MonthCube, filters: MetricFilters, grouping: Grouping): CubeAnswer | null {
  if (!supported(cube, grouping)) return null;
  const { lo, hi } = monthRange(cube.model, filters);
  const sums = aggregate(cube, grouping, filters, lo, hi);
  if (!sums) return null;
  const month = grouping === 'month';
  const groups = groupsOf(grouping, sums, lo, hi);
  const c = cube.model.columns;
  const months = month ? 1 : Math.max(0, hi - lo + 1);
  const total = month ? 0 : [...sums.values()].reduce((t, acc) => t + at(acc, 'n'), 0);
  const rows = months === 0 ? [] : groups;
  const accs = rows.map((g) => sums.get(g));
  const col = (f: (acc: Float64Array | undefined) => number | null) => accs.map(f);
  const hmOf = (acc: Float64Array | undefined) => at(acc, 'n');
  // Per month a household has one row, so households = household-months; longer buckets need a distinct count.
  const households = (acc: Float64Array | undefined) => (month ? hmOf(acc) : null);
  const share = (name: 'e' | 'hp') => (acc: Float64Array | undefined) => {
    if (!acc || hmOf(acc) === 0) return null;
    if (month && at(acc, `${name}_n`) === 0) return null;
    return at(acc, name) / hmOf(acc);
  };
  const table = arrowTable([
    ['grupp', new Utf8(), rows],
    ['months', new Int32(), rows.map(() => months)],
    ['households', new Int32(), col(households)],
    ['household_months', new Int32(), col(hmOf)],
    ['avg_households', new Float64(), col((a) => hmOf(a) / months)],
    ['paid_kr', new Float64(), col((a) => at(a, 'paid'))],
    ['fs_kr', new Float64(), col((a) => (c.forsorjningsstod_kr ? at(a, 'fs') : null))],
    ['paid_per_household', new Float64(), col((a) => (month && hmOf(a) > 0 ? at(a, 'paid') / hmOf(a) : null))],
    ['paid_per_household_month', new Float64(), col((a) => (hmOf(a) > 0 ? at(a, 'paid') / hmOf(a) : null))],
    ['children', new Float64(), col((a) => (c.antal_barn ? at(a, 'barn') / months : null))],
    ['e_share', new Float64(), col((a) => (c.kanal ? share('e')(a) : null))],
    ['handlingsplan_share', new Float64(), col((a) => (c.handlingsplan ? share('hp')(a) : null))],
    ['adults', new Float64(), col((a) => (c.antal_vuxna ? at(a, 'vuxna') / months : null))],
    ['persons', new Float64(), col((a) => (c.antal_vuxna && c.antal_barn ? (at(a, 'vuxna') + at(a, 'barn')) / months : null))],
    ['households_with_children', new Float64(), col((a) => (c.antal_barn ? hbOf(a) / months : null))],
    // Whole calendar years only (household-columns.ts); an attribute grouping over one whole year needs the distinct count.
    ['benefit_months_per_household', new Float64(), col(() => null)],
    ['household_share', new Float64(), col((a) => (month || total === 0 ? null : hmOf(a) / total))],
  ]);
  return { table, complete: month || rows.length === 0 };
}

/** Household-months with children, kept in the accumulator's last slot by `aggregate`. */
function hbOf(acc: Float64Array | undefined): number {
  return acc?.[SUMS.length] ?? 0;
}

/** `veryLongTermSql(model, filters, grouping)` from the cube; null when it cannot answer. */
export function cubeVeryLongTerm(cube: MonthCube, filters: MetricFilters, grouping: Grouping): CubeAnswer | null {
  if (!supported(cube, grouping)) return null;
  const { lo, hi } = monthRange(cube.model, filters);
  const exactFrom = cube.model.firstMonth + cube.model.gap + VERY_LONG_TERM_MONTHS - 2;
  const sums = aggregate(cube, grouping, filters, Math.max(lo, exactFrom), hi);
  if (!sums) return null;
  const month = grouping === 'month';
  const groups = groupsOf(grouping, sums, lo, hi);
  const months = month ? 1 : Math.max(0, hi - lo + 1);
  const observedAll = Math.max(0, hi - Math.max(lo, exactFrom) + 1);
  const rows = months === 0 ? [] : groups;
  const observed = (g: string) => (month ? (monthIndexOf(g) >= exactFrom ? 1 : 0) : observedAll);
  const table = arrowTable([
    ['grupp', new Utf8(), rows],
    ['months', new Int32(), rows.map(() => months)],
    ['observed_months', new Int32(), rows.map(observed)],
    ['very_long_term', new Float64(), rows.map((g) => (observed(g) > 0 ? at(sums.get(g), 'vl') / observed(g) : null))],
    ['very_long_term_share', new Float64(), rows.map((g) => (at(sums.get(g), 'n') > 0 ? at(sums.get(g), 'vl') / at(sums.get(g), 'n') : null))],
  ]);
  return { table, complete: true };
}

function monthIndexOf(label: string): number {
  return Number(label.slice(0, 4)) * 12 + Number(label.slice(5, 7)) - 1;
}

type ColumnSpec = [string, DataType, readonly (string | number | null)[]];

/**
 * An Arrow table from plain columns, built from buffers: Arrow's builders compile code with
 * `new Function`, which the page's Content Security Policy forbids.
 */
function arrowTable(columns: readonly ColumnSpec[]): Table {
  const length = columns[0]![2].length;
  const fields = columns.map(([name, type]) => new Field(name, type, true));
  const built = columns.map(([, type, values]) => columnData(type, values));
  const data = makeData({ type: new Struct(fields), length, nullCount: 0, children: built.map((b) => b.data) });
  const table = new Table([new RecordBatch(new Schema(fields), data)]);
  // Its readers (KPI cards, charts) get the plain values without decoding them back from the buffers.
  columns.forEach(([name], j) => seedDecodedColumn(table, name, built[j]!.plain));
  return table;
}

/** One encoder for every label: making one per value was a tenth of a bar click's main-thread time. */
const UTF8 = new TextEncoder();
/** Labels (months, categories) recur on every brush and click: each is encoded once. */
const encoded = new Map<string, Uint8Array>();
function utf8(text: string): Uint8Array {
  let bytes = encoded.get(text);
  if (!bytes) {
    bytes = UTF8.encode(text);
    if (encoded.size < 4096) encoded.set(text, bytes);
  }
  return bytes;
}

// Plain loops into typed arrays: Array.prototype.forEach and TypedArray.from with a mapping function
// were most of the time a bar click spent building its tables (issue 11).
function columnData(type: DataType, values: readonly (string | number | null)[]) {
  const length = values.length;
  const nullBitmap = new Uint8Array((length + 7) >> 3);
  let nullCount = 0;
  for (let i = 0; i < length; i++) {
    if (values[i] === null) nullCount++;
    else nullBitmap[i >> 3]! |= 1 << (i & 7);
  }
  if (type instanceof Utf8) {
    const bytes: Uint8Array[] = new Array(length);
    const valueOffsets = new Int32Array(length + 1);
    for (let i = 0; i < length; i++) {
      bytes[i] = utf8(String(values[i] ?? ''));
      valueOffsets[i + 1] = valueOffsets[i]! + bytes[i]!.length;
    }
    const data = new Uint8Array(valueOffsets[length]!);
    for (let i = 0; i < length; i++) data.set(bytes[i]!, valueOffsets[i]!);
    const plain = values.map((v) => (v === null ? null : String(v)));
    return { data: makeData({ type, length, nullCount, nullBitmap, valueOffsets, data }), plain };
  }
  const data = type instanceof Int32 ? new Int32Array(length) : new Float64Array(length);
  for (let i = 0; i < length; i++) data[i] = Number(values[i] ?? 0);
  // What reading the column back gives: the stored (for Int32, truncated) number, or null.
  const plain: (number | null)[] = new Array(length);
  for (let i = 0; i < length; i++) plain[i] = values[i] === null ? null : data[i]!;
  return { data: makeData({ type, length, nullCount, nullBitmap, data } as never), plain };
}
