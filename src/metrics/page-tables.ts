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

/** Household × year rows (`householdYear`): one per attribute combination a household had that year. */
export interface HouseholdYears { readonly length: number; readonly hid: Int32Array; readonly maxHid: number; readonly y: Int32Array; readonly attrs: AttributeCodes }

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
  readonly start: AttributeCodes;
  readonly end: AttributeCodes;
}

/** Långvarigt per year (`longTerm`): household counts and adults by year, attributes and `long`. */
export interface LongTermRows {
  readonly length: number;
  readonly y: Int32Array;
  readonly long: Uint8Array;
  readonly n: Float64Array;
  readonly vuxna: Float64Array;
  readonly vuxnaKnown: Uint8Array;
  readonly attrs: AttributeCodes;
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

function codesOf(t: Table, prefix: string): AttributeCodes {
  return {
    text: { enhet: ints(t, `c_${prefix}enhet`), hushallstyp: ints(t, `c_${prefix}hushallstyp`), forsorjningshinder: ints(t, `c_${prefix}forsorjningshinder`) },
    barn: ints(t, `c_${prefix}antal_barn`),
  };
}

function householdYears(t: Table): HouseholdYears {
  const hid = ints(t, 'hid');
  let maxHid = 0;
  for (const h of hid) if (h > maxHid) maxHid = h;
  return { length: t.numRows, hid, maxHid, y: ints(t, 'y'), attrs: codesOf(t, '') };
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
    householdYears: householdYears(hy),
    periods: {
      length: p.numRows, s: ints(p, 's'), e: ints(p, 'e'), returning: flags(p, 'returning'), leftCensored: flags(p, 'lc'),
      rightCensored: flags(p, 'rc'), langd: ints(p, 'langd'), nextS: ints(p, 'next_s'), start: codesOf(p, 's_'), end: codesOf(p, 'e_'),
    },
    longTerm: {
      length: l.numRows, y: ints(l, 'y'), long: flags(l, 'long'), n: Float64Array.from(l.getChild('n')!.toArray() as ArrayLike<number>),
      vuxna: Float64Array.from(l.getChild('vuxna')!.toArray() as ArrayLike<number>), vuxnaKnown: flags(l, 'vuxna_known'), attrs: codesOf(l, 'y_'),
    },
  };
}

/**
 * Which rows of `codes` the attribute filters keep (a missing attribute matches no value filter, as
 * in filters.ts). A filter value the cube has never seen matches nothing.
 */
export function keepRows(cube: MonthCube, codes: AttributeCodes, filters: MetricFilters): (i: number) => boolean {
  const allowed: { codes: Int32Array; ok: Uint8Array }[] = [];
  for (const a of TEXT) {
    const values = filters[a];
    if (!values || values.length === 0) continue;
    const ok = Uint8Array.from(cube.labels[a], (label) => (values.includes(label) ? 1 : 0));
    allowed.push({ codes: codes.text[a], ok });
  }
  const barn = filters.barn === 'med' ? 1 : filters.barn === 'utan' ? 0 : null;
  return (i) => {
    if (barn !== null && codes.barn[i] !== barn) return false;
    for (const { codes: c, ok } of allowed) {
      const code = c[i]!;
      if (code < 0 || ok[code] === 0) return false;
    }
    return true;
  };
}
