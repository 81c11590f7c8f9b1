/**
 * Turns a validated scenario file into the resolved `Scenario` that `simulate` runs: calibrated
 * baseline figures filled in (fields written in the file win over data), the mean bidragstid
 * made explicit, and the rules that need the whole scenario checked (reduction vs. bidragstid,
 * uncertainty paths and ranges).
 */
import { findField } from './fields.ts';
import { meanDuration } from './caseload.ts';
import { compileScenario } from './model.ts';
import { paramAccessor } from './param-paths.ts';
import { checkScenarioFile, formatFieldValue, rangeMessage, ScenarioError, type ScenarioFile } from './scenario.ts';
import type { Scenario } from './types.ts';

/** Baseline figures estimated from case data (see `calibrateBaseline` in src/metrics/calibration.ts). */
export interface BaselineCalibration {
  households: number;
  paymentPerHouseholdKr: number;
  inflowPerMonth: number;
  meanDurationMonths: number;
  hazard: number[];
}

function resolveBaseline(file: ScenarioFile, calibration: BaselineCalibration | undefined): Scenario['baseline'] {
  const b = file.baseline;
  if (b.calibrate && !calibration) {
    throw new ScenarioError(['baseline.calibrate: scenariot ska kalibreras från utbetalningsdata, men ingen data är inläst']);
  }
  const fromData = b.calibrate ? calibration : undefined;
  const households = b.households ?? fromData?.households;
  const payment = b.paymentPerHouseholdKr ?? fromData?.paymentPerHouseholdKr;
  const hazard = b.hazard ?? fromData?.hazard;
  const mean = b.meanDurationMonths ?? fromData?.meanDurationMonths ?? (hazard ? meanDuration(hazard) : undefined);
  const missing = [
    households === undefined || !(households >= 1) ? 'baseline.households: saknas eller är mindre än 1 i data' : null,
    payment === undefined ? 'baseline.paymentPerHouseholdKr: saknas' : null,
    mean === undefined || !(mean >= 1) ? 'baseline.meanDurationMonths: saknas eller är kortare än 1 månad' : null,
  ].filter((issue): issue is string => issue !== null);
  if (missing.length) throw new ScenarioError(missing);
  return {
    households: households!,
    casesPerMonth: b.casesPerMonth ?? households!,
    paymentPerHouseholdKr: payment!,
    meanDurationMonths: mean!,
    ...(hazard ? { hazard } : {}),
    calibrated: b.calibrate,
  };
}

function uncertaintyIssues(scenario: Scenario): string[] {
  const issues: string[] = [];
  if (!scenario.uncertainty) return issues;
  const params = compileScenario(scenario);
  for (const [path, [min, max]] of Object.entries(scenario.uncertainty.ranges)) {
    const where = `uncertainty.ranges.${path}`;
    const field = findField(path);
    if (!field || !field.uncertain || !paramAccessor(params, path)) {
      issues.push(`${where}: okänt fält, eller ett fält som inte kan ges ett osäkerhetsintervall`);
      continue;
    }
    const problem = rangeMessage(min, field) ?? rangeMessage(max, field);
    if (problem) issues.push(`${where}: ${problem}`);
    else if (min > max) issues.push(`${where}: min (${formatFieldValue(min)}) är större än max (${formatFieldValue(max)})`);
  }
  return issues;
}

/** Fills defaults and calibrated figures into a validated file; throws `ScenarioError` in Swedish. */
export function resolveScenario(file: ScenarioFile, calibration?: BaselineCalibration): Scenario {
  const baseline = resolveBaseline(file, calibration);
  const scenario: Scenario = {
    name: file.name,
    description: file.description,
    start: file.start,
    months: file.months,
    seed: file.seed,
    baseline,
    handling: file.handling,
    automation: {
      ...file.automation,
      ramp: file.automation.ramp.map(([m, s]) => [m, s] as const),
    },
    effects: file.effects,
    ...(file.uncertainty ? { uncertainty: file.uncertainty } : {}),
  };
  const issues: string[] = [];
  const r = scenario.effects.durationReductionMonths;
  const D = baseline.meanDurationMonths;
  if (r > D - 1) {
    issues.push(
      `effects.durationReductionMonths: ${formatFieldValue(r)} är för mycket – en bidragstid på ${formatFieldValue(
        Math.round(D * 100) / 100,
      )} månader kan kortas med högst ${formatFieldValue(Math.round((D - 1) * 100) / 100)} månader`,
    );
  }
  issues.push(...uncertaintyIssues(scenario));
  if (issues.length) throw new ScenarioError(issues);
  return scenario;
}

/** Validates and resolves a parsed JSON scenario in one step; throws `ScenarioError` in Swedish. */
export function parseScenario(input: unknown, calibration?: BaselineCalibration): Scenario {
  const checked = checkScenarioFile(input);
  if (!checked.ok) throw new ScenarioError(checked.issues);
  return resolveScenario(checked.file, calibration);
}
