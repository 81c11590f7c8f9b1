/**
 * The simulation's full-year forecast for a delårsbokslut: the scenario restarted the month after
 * the bokslut month with a baseline calibrated from data up to that month, its simulated months
 * mapped onto the rest of the calendar year, and the year = utfall so far + simulated remainder.
 * Pure functions; the host supplies the calibration, the simulation and the year-to-date actual.
 */
import { formatMonth } from '../format/sv.ts';
import { addMonths } from '../format/month.ts';
import type { InputValue, JsonValue } from './types.ts';

/** The simulated figures a forecast needs from one month (a subset of the simulation's MonthResult). */
export interface SimulatedMonth {
  readonly month: string;
  readonly paymentsKr: number;
  readonly baselinePaymentsKr: number;
}

/** A full-year forecast: actual up to `asOf`, simulated after it, without and with the scenario's measures. */
export interface YearForecast {
  readonly year: number;
  /** Last month with actual figures (`YYYY-MM`), the bokslut month. */
  readonly asOf: string;
  /** Actual payments January–asOf. */
  readonly actualKr: number;
  /** The months simulated: the rest of the year after asOf (empty for December). */
  readonly months: readonly string[];
  /** Simulated payments over `months` without measures (the baseline). */
  readonly baselineRemainingKr: number;
  /** Simulated payments over `months` with the scenario's effects. */
  readonly scenarioRemainingKr: number;
  /** actualKr + baselineRemainingKr. */
  readonly withoutMeasuresKr: number;
  /** actualKr + scenarioRemainingKr. */
  readonly withMeasuresKr: number;
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

function checkMonth(month: string): [number, number] {
  const m = MONTH.exec(month);
  if (!m) throw new RangeError(`Ogiltig bokslutsmånad: ${month} (ange ÅÅÅÅ-MM)`);
  return [Number(m[1]), Number(m[2])];
}

/** The month after `month` (`2025-12` → `2026-01`). */
export function nextMonth(month: string): string {
  checkMonth(month);
  return addMonths(month, 1);
}

/** The months of `asOf`'s year after it: `2025-08` → 2025-09 … 2025-12; none for December. */
export function remainingMonths(asOf: string): string[] {
  const [, m] = checkMonth(asOf);
  return Array.from({ length: 12 - m }, (_, i) => addMonths(asOf, i + 1));
}

/**
 * A scenario file made to forecast from `asOf`: it starts the month after, its baseline is taken
 * from data (`baseline.calibrate`, the file's own baseline figures dropped, since written figures
 * would win over data) and its uncertainty is removed (the forecast is the central path).
 */
export function rebaseScenario(scenario: JsonValue, asOf: string): JsonValue {
  if (typeof scenario !== 'object' || scenario === null || Array.isArray(scenario)) throw new Error('Scenariot är inget JSON-objekt.');
  const { uncertainty: _dropped, ...rest } = scenario as Record<string, JsonValue>;
  return { ...rest, start: nextMonth(asOf), baseline: { calibrate: true } };
}

/**
 * Maps the simulated months onto the rest of `asOf`'s year and adds them to the actual so far;
 * a remaining month the simulation does not cover is an error, never a silent zero.
 */
export function yearForecast(actualKr: number, simulated: readonly SimulatedMonth[], asOf: string): YearForecast {
  const [year] = checkMonth(asOf);
  const byMonth = new Map(simulated.map((s) => [s.month, s]));
  const months = remainingMonths(asOf);
  let baselineRemainingKr = 0;
  let scenarioRemainingKr = 0;
  for (const month of months) {
    const s = byMonth.get(month);
    if (!s) throw new RangeError(`Simuleringen saknar ${formatMonth(month)}, som behövs för helårsprognosen.`);
    baselineRemainingKr += s.baselinePaymentsKr;
    scenarioRemainingKr += s.paymentsKr;
  }
  return {
    year,
    asOf,
    actualKr,
    months,
    baselineRemainingKr,
    scenarioRemainingKr,
    withoutMeasuresKr: actualKr + baselineRemainingKr,
    withMeasuresKr: actualKr + scenarioRemainingKr,
  };
}

/** The method stated next to the figure, e.g. "Simulering (scenario bas, utgångsläge från data t.o.m. augusti 2025)". */
export function forecastMethod(scenarioName: string, asOf: string): string {
  checkMonth(asOf);
  return `Simulering (scenario ${scenarioName.toLocaleLowerCase('sv-SE')}, utgångsläge från data t.o.m. ${formatMonth(asOf)})`;
}

/**
 * The scenario file a select's value names: lower case, å/ä → a, ö → o, spaces → `-`
 * (`Ambitiös` → `ambitios`); an empty value or `ingen` means no scenario (null).
 */
export function scenarioFileName(value: string): string | null {
  const name = value
    .trim()
    .toLocaleLowerCase('sv-SE')
    .replace(/[åä]/g, 'a')
    .replace(/ö/g, 'o')
    .replace(/\s+/g, '-');
  if (name === '' || name === 'ingen') return null;
  if (!/^[a-z0-9_-]+$/.test(name)) throw new Error(`"${value}" är inget namn på en scenariofil (a–z, siffror, - och _).`);
  return name;
}

/** The bokslut month a `forecast:` reference reads: `period.to` (or `.from`) of a period input, or a select's value. */
export function forecastMonth(values: Readonly<Record<string, InputValue>>, ref: string): string {
  const [input, field] = ref.split('.') as [string, 'to' | 'from' | undefined];
  const value = values[input];
  const month = field === undefined ? value : typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as { to: string; from: string })[field] : undefined;
  if (typeof month !== 'string') throw new Error(`"forecast: ${ref}" ger ingen månad (inmatningen ${input} saknas eller har fel typ).`);
  checkMonth(month);
  return month;
}

/** The calendar month a scenario's effects begin: `effects.startMonth` counted from the scenario's start (month 1). */
export function effectStartMonth(start: string, startMonth: number): string {
  let month = start;
  for (let i = 1; i < startMonth; i++) month = nextMonth(month);
  return month;
}
