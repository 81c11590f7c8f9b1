/**
 * Calibration of the simulation's baseline from case data (`utbetalningar`): current households,
 * payment per household, inflow, and the exit hazard by duration. Periods follow docs/metrics.md's
 * G rule; this module reads the periods and household-months of the model `prepareMetrics` returned, so a
 * period here is exactly a period in every other metric.
 *
 * The hazard is a Kaplan–Meier-style estimate over the last `windowMonths` months of data:
 * hazard(d) = periods that end in their d-th month ÷ periods at risk in their d-th month, counting
 * only calendar months up to lastMonth − G (after that an end is not yet known: right-censoring).
 * Left-censored periods (begun before the data) have unknown durations and count only in the
 * open-ended last bucket, where any duration ≥ maxDuration is the same.
 */
import type { Connector } from '../engine/connector.ts';
import { raw, sql } from '../engine/sql.ts';
import { fromMonthIndex, toMonthIndex } from './month.ts';

import { rowsOf } from './run.ts';
import type { MetricsModel } from './types.ts';

/** Options for `calibrateBaseline`. */
export interface CalibrationOptions {
  /** Months at the end of the data used for the hazard and inflow, 12–24 (default 24). */
  windowMonths?: number;
  /** Months at the end of the data averaged for households and payment, 1–24 (default 12). */
  levelMonths?: number;
  /** Number of hazard buckets; the last one holds for all longer spells (default 36). */
  maxDuration?: number;
  /** The prepared metrics model whose periods (G) and household-months are used; its tables are read, never rebuilt. */
  model: MetricsModel;
  /**
   * Last month used (`YYYY-MM`), e.g. a bokslut month: the figures are those the data would give if it
   * ended there (default: the data's last month). Exact, because periods ending by lastMonth − G and
   * starts by lastMonth are decided by months up to lastMonth alone.
   */
  lastMonth?: string;
}

/** Baseline figures for a scenario with `baseline.calibrate: true`. */
export interface Calibration {
  households: number;
  paymentPerHouseholdKr: number;
  inflowPerMonth: number;
  meanDurationMonths: number;
  /** hazard[i] = probability of leaving after the (i + 1)-th month of a period; the last entry holds after that. */
  hazard: number[];
}

/** Extra detail for tests and the method note: counts behind the hazard. */
export interface CalibrationDetail extends Calibration {
  atRisk: number[];
  exits: number[];
  windowFrom: number;
  windowTo: number;
}

function checkOption(value: number, name: string, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`Ogiltigt värde för ${name}: ${value} (ange ett heltal ${min}–${max})`);
  }
  return value;
}

/** Mean spell length Σ S(d) of a hazard whose last entry is an open-ended tail. */
function meanOf(hazard: readonly number[]): number {
  let survival = 1;
  let total = 0;
  for (let d = 0; d < hazard.length - 1; d++) {
    total += survival;
    survival *= 1 - hazard[d]!;
  }
  return total + survival / hazard[hazard.length - 1]!;
}

/** Estimates the baseline from case data, with the hazard counts kept (see `calibrateBaseline`). */
export async function calibrateBaselineDetail(db: Connector, options: CalibrationOptions): Promise<CalibrationDetail> {
  const windowMonths = checkOption(options.windowMonths ?? 24, 'windowMonths', 12, 24);
  const levelMonths = checkOption(options.levelMonths ?? 12, 'levelMonths', 1, 24);
  const maxDuration = checkOption(options.maxDuration ?? 36, 'maxDuration', 1, 600);
  const { model } = options;
  const { gap, firstMonth } = model;
  const lastMonth = options.lastMonth === undefined ? model.lastMonth : toMonthIndex(options.lastMonth, 'sista månad för kalibreringen');
  if (lastMonth > model.lastMonth || lastMonth < firstMonth) {
    throw new RangeError(`Sista månad för kalibreringen ${options.lastMonth} ligger utanför data (${fromMonthIndex(firstMonth)}–${fromMonthIndex(model.lastMonth)})`);
  }
  const windowTo = lastMonth - gap;
  const windowFrom = Math.max(firstMonth, lastMonth - windowMonths + 1);
  if (windowTo < windowFrom) {
    throw new RangeError(`För kort dataperiod för kalibrering: minst ${gap + 1} månader behövs`);
  }

  const hazardQuery = sql`
    WITH w AS (SELECT CAST(range AS INTEGER) AS m FROM range(${windowFrom}, ${windowTo + 1})),
    pm AS (
      SELECT w.m - p.s + 1 AS d, w.m = p.e AND NOT p.right_censored AS ends, p.left_censored
      FROM ${raw(model.tables.periods)} p JOIN w ON w.m BETWEEN p.s AND p.e)
    SELECT CAST(least(d, ${maxDuration}) AS INTEGER) AS bucket, CAST(count(*) AS DOUBLE) AS at_risk,
      CAST(count(*) FILTER (WHERE ends) AS DOUBLE) AS exits
    FROM pm WHERE NOT left_censored OR d >= ${maxDuration}
    GROUP BY bucket ORDER BY bucket`;
  const rows = rowsOf<{ bucket: number; at_risk: number; exits: number }>(await db.query(hazardQuery.text, hazardQuery.params));
  const atRisk = new Array<number>(maxDuration).fill(0);
  const exits = new Array<number>(maxDuration).fill(0);
  for (const row of rows) {
    atRisk[row.bucket - 1] = row.at_risk;
    exits[row.bucket - 1] = row.exits;
  }
  if (atRisk[0] === 0) throw new RangeError('Inga perioder att kalibrera avslutsrisken på i dataperioden');
  // A duration nobody reached in the window borrows the previous estimate; the tail must be > 0.
  const hazard: number[] = [];
  for (let d = 0; d < maxDuration; d++) {
    hazard.push(atRisk[d]! > 0 ? exits[d]! / atRisk[d]! : (hazard[d - 1] ?? 0));
  }
  if (!(hazard[maxDuration - 1]! > 0)) hazard[maxDuration - 1] = Math.max(...hazard.filter((h) => h > 0), 1e-3);

  const levelFrom = lastMonth - levelMonths + 1;
  const levelQuery = sql`
    SELECT CAST(count(*) AS DOUBLE) AS household_months, CAST(sum(utbetalt) AS DOUBLE) AS paid,
      CAST(count(DISTINCT mi) AS DOUBLE) AS months
    FROM ${raw(model.tables.hm)} WHERE mi BETWEEN ${levelFrom} AND ${lastMonth}`;
  const [level] = rowsOf<{ household_months: number; paid: number; months: number }>(await db.query(levelQuery.text, levelQuery.params));
  const inflowFrom = Math.max(firstMonth + gap, lastMonth - windowMonths + 1);
  const inflowQuery = sql`
    SELECT CAST(count(*) AS DOUBLE) AS starts FROM ${raw(model.tables.periods)}
    WHERE NOT left_censored AND s BETWEEN ${inflowFrom} AND ${lastMonth}`;
  const [inflow] = rowsOf<{ starts: number }>(await db.query(inflowQuery.text, inflowQuery.params));
  const householdMonths = level?.household_months ?? 0;
  if (householdMonths === 0) throw new RangeError('Inga utbetalningar de senaste månaderna att kalibrera mot');

  return {
    households: householdMonths / levelMonths,
    paymentPerHouseholdKr: (level?.paid ?? 0) / householdMonths,
    inflowPerMonth: (inflow?.starts ?? 0) / (lastMonth - inflowFrom + 1),
    meanDurationMonths: meanOf(hazard),
    hazard,
    atRisk,
    exits,
    windowFrom,
    windowTo,
  };
}

/**
 * Baseline for `baseline.calibrate: true`, from `options.model` (its source, G and derived tables):
 * households and payment per household averaged over the last `levelMonths` months, inflow = new
 * periods per month and the exit hazard over the last `windowMonths` months.
 */
export async function calibrateBaseline(db: Connector, options: CalibrationOptions): Promise<Calibration> {
  const { households, paymentPerHouseholdKr, inflowPerMonth, meanDurationMonths, hazard } = await calibrateBaselineDetail(db, options);
  return { households, paymentPerHouseholdKr, inflowPerMonth, meanDurationMonths, hazard };
}
