/**
 * The scenario file schema (valibot): every field, its default and its allowed range.
 * Unknown or out-of-range fields are refused with a one-line Swedish message that names the
 * field's path and the allowed range, e.g. `automation.digitalShare: 1,4 ligger utanför
 * tillåtet intervall 0–1`.
 */
import * as v from 'valibot';
import { formatNumber } from '../format/sv.ts';
import { MONTH_PATTERN } from '../format/month.ts';
import { fieldSpec, type NumericField } from './fields.ts';

/** A scenario file failed validation; `issues` holds one Swedish line per problem. */
export class ScenarioError extends Error {
  constructor(readonly issues: readonly string[]) {
    super(issues.join('\n'));
    this.name = 'ScenarioError';
  }
}

/** A number in Swedish notation with as many decimals as it needs (up to six): `1,4`, `10 000`. */
export function formatFieldValue(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  let decimals = 0;
  while (decimals < 6 && Math.abs(Math.round(value * 10 ** decimals) / 10 ** decimals - value) > 1e-12) decimals++;
  return formatNumber(value, decimals);
}

/** `0–1`, `1–120`: a field's allowed interval as shown in messages and docs. */
export function formatRange(field: Pick<NumericField, 'min' | 'max'>): string {
  return `${formatFieldValue(field.min)}–${formatFieldValue(field.max)}`;
}

/** The Swedish message for a value outside a field's range (or not an integer when it must be). */
export function rangeMessage(value: number, field: NumericField): string | null {
  if (!Number.isFinite(value) || value < field.min || value > field.max) {
    return `${formatFieldValue(value)} ligger utanför tillåtet intervall ${formatRange(field)}`;
  }
  if (field.integer && !Number.isInteger(value)) {
    return `${formatFieldValue(value)} ska vara ett heltal i intervallet ${formatRange(field)}`;
  }
  return null;
}

function num(pattern: string) {
  const field = fieldSpec(pattern);
  return v.pipe(
    v.number(),
    v.check(
      (n) => rangeMessage(n, field) === null,
      (issue) => rangeMessage(issue.input as number, field) ?? '',
    ),
  );
}

const month = v.pipe(v.string(), v.regex(MONTH_PATTERN, 'ska vara en månad på formen ÅÅÅÅ-MM, t.ex. 2026-01'));

const ramp = v.pipe(
  v.array(v.tuple([num('automation.ramp.*.0'), num('automation.ramp.*.1')])),
  v.check(
    (points) => points.every((p, i) => i === 0 || p[0] > points[i - 1]![0]),
    'månaderna i införandet ska vara strikt stigande',
  ),
);

const hazard = v.pipe(
  v.array(num('baseline.hazard.*')),
  v.minLength(1, 'ska ha minst ett värde'),
  v.maxLength(600, 'får ha högst 600 värden'),
  v.check((h) => (h[h.length - 1] ?? 0) > 0, 'sista värdet ska vara större än 0 (annars tar bidragstiden aldrig slut)'),
);

/** The schema of a scenario file (JSON), with defaults applied on parse. */
export const ScenarioFileSchema = v.strictObject({
  name: v.pipe(v.string(), v.minLength(1, 'får inte vara tomt')),
  description: v.optional(v.string(), ''),
  start: month,
  months: num('months'),
  seed: v.optional(num('seed'), 1),
  baseline: v.strictObject({
    calibrate: v.optional(v.boolean(), false),
    households: v.optional(num('baseline.households')),
    casesPerMonth: v.optional(num('baseline.casesPerMonth')),
    paymentPerHouseholdKr: v.optional(num('baseline.paymentPerHouseholdKr')),
    meanDurationMonths: v.optional(num('baseline.meanDurationMonths')),
    hazard: v.optional(hazard),
  }),
  handling: v.strictObject({
    hoursPerCase: num('handling.hoursPerCase'),
    hoursPerFteMonth: v.optional(num('handling.hoursPerFteMonth'), 160),
    costPerFteMonthKr: num('handling.costPerFteMonthKr'),
    reinvestedShare: v.optional(num('handling.reinvestedShare'), 0),
    staffCostReductionShare: v.optional(num('handling.staffCostReductionShare'), 0),
  }),
  automation: v.optional(
    v.strictObject({
      ramp: v.optional(ramp, []),
      digitalShare: v.optional(num('automation.digitalShare'), 1),
      manualShare: v.optional(num('automation.manualShare'), 0),
      feesPerCaseKr: v.optional(v.record(v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]+$/, 'avgiftens namn får bara innehålla a–z, 0–9, _ och -')), num('automation.feesPerCaseKr.*')), {}),
      robots: v.optional(
        v.strictObject({
          clientsPerRobot: num('automation.robots.clientsPerRobot'),
          licencePerRobotYearKr: num('automation.robots.licencePerRobotYearKr'),
        }),
      ),
      oneOffCostKr: v.optional(num('automation.oneOffCostKr'), 0),
      fixedCostPerYearKr: v.optional(num('automation.fixedCostPerYearKr'), 0),
    }),
    {},
  ),
  effects: v.optional(
    v.strictObject({
      durationReductionMonths: v.optional(num('effects.durationReductionMonths'), 0),
      fewerHouseholds: v.optional(num('effects.fewerHouseholds'), 0),
      startMonth: v.optional(num('effects.startMonth'), 1),
      targetShare: v.optional(num('effects.targetShare'), 1),
      targetGroup: v.optional(v.pipe(v.string(), v.maxLength(80, 'får vara högst 80 tecken'))),
    }),
    {},
  ),
  uncertainty: v.optional(
    v.strictObject({
      runs: v.optional(num('uncertainty.runs'), 1000),
      ranges: v.record(v.string(), v.tuple([v.number(), v.number()])),
    }),
  ),
});

/** A validated scenario file with defaults applied; baseline figures may still await calibration. */
export type ScenarioFile = v.InferOutput<typeof ScenarioFileSchema>;

const TYPE_NAMES: Record<string, string> = {
  number: 'ska vara ett tal',
  string: 'ska vara text',
  boolean: 'ska vara true eller false',
  array: 'ska vara en lista',
  tuple: 'ska vara ett par [min, max] eller [månad, tidsbesparing]',
  strict_object: 'ska vara ett objekt',
  record: 'ska vara ett objekt',
};

function issueMessage(issue: v.BaseIssue<unknown>): string {
  const path = v.getDotPath(issue) ?? '(scenariot)';
  let text: string;
  if (issue.kind !== 'schema') text = issue.message;
  else if (issue.type === 'strict_object' && issue.expected === 'never') text = 'okänt fält';
  else if (issue.input === undefined) text = 'saknas';
  else text = TYPE_NAMES[issue.type] ?? `har fel typ (${issue.expected ?? issue.type})`;
  return `${path}: ${text}`;
}

/** Rules that span several fields, checked once the types and ranges are right. */
function crossFieldIssues(file: ScenarioFile): string[] {
  const issues: string[] = [];
  const b = file.baseline;
  if (!b.calibrate) {
    if (b.households === undefined) issues.push('baseline.households: saknas (eller ange baseline.calibrate: true)');
    if (b.paymentPerHouseholdKr === undefined) issues.push('baseline.paymentPerHouseholdKr: saknas (eller ange baseline.calibrate: true)');
    if (b.meanDurationMonths === undefined && b.hazard === undefined) {
      issues.push('baseline.meanDurationMonths: saknas (eller ange baseline.calibrate: true)');
    }
  }
  const startMonth = file.effects.startMonth;
  if (startMonth > file.months) {
    issues.push(`effects.startMonth: ${startMonth} ligger efter scenariots sista månad (${file.months})`);
  }
  return issues;
}

/** Validates a parsed JSON value as a scenario file; returns the file or the Swedish issue lines. */
export function checkScenarioFile(input: unknown): { ok: true; file: ScenarioFile } | { ok: false; issues: string[] } {
  const result = v.safeParse(ScenarioFileSchema, input, { abortEarly: false });
  if (!result.success) return { ok: false, issues: result.issues.map(issueMessage) };
  const issues = crossFieldIssues(result.output);
  return issues.length ? { ok: false, issues } : { ok: true, file: result.output };
}

/** Validates a scenario file, throwing `ScenarioError` with Swedish messages when it is not valid. */
export function parseScenarioFile(input: unknown): ScenarioFile {
  const checked = checkScenarioFile(input);
  if (!checked.ok) throw new ScenarioError(checked.issues);
  return checked.file;
}
