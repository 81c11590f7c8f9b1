/**
 * The prepared tables the Nyckeltal cards read, held in typed arrays so that a filter change computes
 * its figures in JavaScript (page-kpis.ts) instead of a dozen statements through the engine
 * (docs/bench.md, "Nyckeltal filterbyte"). Read once per model, a few hundred thousand small rows:
 * the household-years (distinct households per whole calendar year), the periods (flows, bidragstid,
 * återaktualisering) and långvarigt per year. Attributes arrive as integer codes into the month
 * cube's label lists, so one filter test serves every table.
 */
import type { Table } from 'apache-arrow';
import type { Connector, SqlValue } from '../engine/connector.ts';
import type { MonthCube } from './month-cube.ts';
import type { MetricFilters, MetricsModel } from './types.ts';

const TEXT = ['enhet', 'hushallstyp', 'forsorjningshinder'] as const;
type Text = (typeof TEXT)[number];

/** Attribute codes of one row set: index into the cube's labels (−1 = missing); barn is the sign of antal_barn (−1 = missing). */
export interface AttributeCodes {
  readonly text: Readonly<Record<Text, Int32Array>>;
  readonly barn: Int32Array;
}

/**
 * The four codes of each row folded into one number (see `comboOf`): a filter then becomes a table of
 * a few hundred yes/no entries, one lookup per row instead of four tests.
 */
export interface CodedRows extends AttributeCodes {
  readonly combo: Int32Array;
}

/** Sizes of the combination space: each attribute's labels plus one for "missing". */
function comboSizes(cube: MonthCube): number[] {
  return [...TEXT.map((a) => cube.labels[a].length + 1), 3];
}

function withCombos(cube: MonthCube, codes: AttributeCodes, length: number): CodedRows {
  const [, s1, s2, s3] = comboSizes(cube) as [number, number, number, number];
  const combo = new Int32Array(length);
  const { enhet, hushallstyp, forsorjningshinder } = codes.text;
  for (let i = 0; i < length; i++) {
    combo[i] = (((enhet[i]! + 1) * s1 + hushallstyp[i]! + 1) * s2 + forsorjningshinder[i]! + 1) * s3 + codes.barn[i]! + 1;
  }
  return { ...codes, combo };
}

/** Household × year rows (`householdYear`): one per attribute combination a household had that year. */
export interface HouseholdYears { readonly length: number; readonly hid: Int32Array; readonly maxHid: number; readonly y: Int32Array; readonly attrs: CodedRows }

/** One row per period, with the attributes of its first (`start`) and last (`end`) payment month. */
export interface PeriodRows {
  readonly length: number;
  readonly s: Int32Array;
  readonly e: Int32Array;
  /** 1 when the household had an earlier period (`nr > 1`). */
  readonly returning: Uint8Array;
  readonly leftCensored: Uint8Array;
  readonly rightCensored: Uint8Array;
  readonly langd: Int32Array;
  /** First month of the household's next period, −1 when none. */
  readonly nextS: Int32Array;
  readonly start: CodedRows;
  readonly end: CodedRows;
}

/** Långvarigt per year (`longTerm`): household counts and adults by year, attributes and `long`. */
export interface LongTermRows {
  readonly length: number;
  readonly y: Int32Array;
  readonly long: Uint8Array;
  readonly n: Float64Array;
  readonly vuxna: Float64Array;
  readonly vuxnaKnown: Uint8Array;
  readonly attrs: CodedRows;
}

/** Everything page-kpis.ts reads besides the month cube. */
export interface PageTables {
  readonly householdYears: HouseholdYears;
  readonly periods: PeriodRows;
  readonly longTerm: LongTermRows;
}

/** `CASE col WHEN ? THEN 0 … ELSE −1 END`: the label's code, labels bound as values, never written into the SQL. */
function codeSql(column: string, labels: readonly string[], params: SqlValue[]): string {
  if (labels.length === 0) return `CAST(-1 AS INTEGER) AS c_${column}`;
  params.push(...labels);
  return `CAST(CASE ${column} ${labels.map((_, i) => `WHEN ? THEN ${i}`).join(' ')} ELSE -1 END AS INTEGER) AS c_${column}`;
}

function attributeSql(cube: MonthCube, prefix: string, params: SqlValue[]): string {
  const text = TEXT.map((a) => codeSql(prefix + a, cube.labels[a], params));
  return [...text, `CAST(coalesce(sign(${prefix}antal_barn), -1) AS INTEGER) AS c_${prefix}antal_barn`].join(', ');
}

const ints = (t: Table, name: string) => Int32Array.from(t.getChild(name)!.toArray() as ArrayLike<number>);
const flags = (t: Table, name: string) => Uint8Array.from(t.getChild(name)!.toArray() as ArrayLike<number>);

function codesOf(cube: MonthCube, t: Table, prefix: string): CodedRows {
  return withCombos(cube, {
    text: { enhet: ints(t, `c_${prefix}enhet`), hushallstyp: ints(t, `c_${prefix}hushallstyp`), forsorjningshinder: ints(t, `c_${prefix}forsorjningshinder`) },
    barn: ints(t, `c_${prefix}antal_barn`),
  }, t.numRows);
}

function householdYears(cube: MonthCube, t: Table): HouseholdYears {
  const hid = ints(t, 'hid');
  let maxHid = 0;
  for (const h of hid) if (h > maxHid) maxHid = h;
  return { length: t.numRows, hid, maxHid, y: ints(t, 'y'), attrs: codesOf(cube, t, '') };
}

/** Reads the three tables of `model` (three statements; every column cast to a 32-bit integer or a double). */
export async function loadPageTables(db: Connector, model: MetricsModel, cube: MonthCube): Promise<PageTables> {
  const t = model.tables;
  const hyParams: SqlValue[] = [];
  const hy = await db.query(`SELECT hid, y, ${attributeSql(cube, '', hyParams)} FROM ${t.householdYear}`, hyParams);
  const pParams: SqlValue[] = [];
  const pAttrs = `${attributeSql(cube, 's_', pParams)}, ${attributeSql(cube, 'e_', pParams)}`;
  const p = await db.query(`SELECT s, e, CAST(nr > 1 AS INTEGER) AS returning, CAST(left_censored AS INTEGER) AS lc,
      CAST(right_censored AS INTEGER) AS rc, langd, CAST(coalesce(next_s, -1) AS INTEGER) AS next_s, ${pAttrs} FROM ${t.periods}`, pParams);
  const lParams: SqlValue[] = [];
  const l = await db.query(`SELECT y, CAST(long AS INTEGER) AS long, CAST(n AS DOUBLE) AS n, CAST(coalesce(vuxna, 0) AS DOUBLE) AS vuxna,
      CAST(vuxna IS NOT NULL AS INTEGER) AS vuxna_known, ${attributeSql(cube, 'y_', lParams)} FROM ${t.longTerm}`, lParams);
  return {
    householdYears: householdYears(cube, hy),
    periods: {
      length: p.numRows, s: ints(p, 's'), e: ints(p, 'e'), returning: flags(p, 'returning'), leftCensored: flags(p, 'lc'),
      rightCensored: flags(p, 'rc'), langd: ints(p, 'langd'), nextS: ints(p, 'next_s'), start: codesOf(cube, p, 's_'), end: codesOf(cube, p, 'e_'),
    },
    longTerm: {
      length: l.numRows, y: ints(l, 'y'), long: flags(l, 'long'), n: Float64Array.from(l.getChild('n')!.toArray() as ArrayLike<number>),
      vuxna: Float64Array.from(l.getChild('vuxna')!.toArray() as ArrayLike<number>), vuxnaKnown: flags(l, 'vuxna_known'), attrs: codesOf(cube, l, 'y_'),
    },
  };
}

/**
 * Which rows of `codes` the attribute filters keep (a missing attribute matches no value filter, as
 * in filters.ts). A filter value the cube has never seen matches nothing.
 */
export function keepRows(cube: MonthCube, codes: AttributeCodes | CodedRows, filters: MetricFilters): (i: number) => boolean {
  const test = keepCodes(cube, filters);
  if (!('combo' in codes)) {
    const { enhet, hushallstyp, forsorjningshinder } = codes.text;
    return (i) => test(enhet[i]!, hushallstyp[i]!, forsorjningshinder[i]!, codes.barn[i]!);
  }
  // Every combination of codes answered once, then one lookup per row.
  const [s0, s1, s2, s3] = comboSizes(cube) as [number, number, number, number];
  const ok = new Uint8Array(s0 * s1 * s2 * s3);
  for (let a = 0; a < s0; a++) for (let b = 0; b < s1; b++) for (let c = 0; c < s2; c++) for (let d = 0; d < s3; d++) {
    ok[((a * s1 + b) * s2 + c) * s3 + d] = test(a - 1, b - 1, c - 1, d - 1) ? 1 : 0;
  }
  const combo = codes.combo;
  return (i) => ok[combo[i]!] === 1;
}

/** The filters as a test of one row's codes (enhet, hushållstyp, försörjningshinder, barn sign). */
function keepCodes(cube: MonthCube, filters: MetricFilters): (e: number, h: number, f: number, b: number) => boolean {
  const okOf = (a: Text): Uint8Array | null => {
    const values = filters[a];
    if (!values || values.length === 0) return null;
    return Uint8Array.from(cube.labels[a], (label) => (values.includes(label) ? 1 : 0));
  };
  const [okE, okH, okF] = TEXT.map(okOf) as [Uint8Array | null, Uint8Array | null, Uint8Array | null];
  const pass = (ok: Uint8Array | null, code: number) => ok === null || (code >= 0 && ok[code] === 1);
  const barn = filters.barn === 'med' ? 1 : filters.barn === 'utan' ? 0 : null;
  return (e, h, f, b) => (barn === null || b === barn) && pass(okE, e) && pass(okH, h) && pass(okF, f);
}
