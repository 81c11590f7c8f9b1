/** Test-only helpers: load a scenario file from `scenarios/` and resolve it. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseScenario, type BaselineCalibration } from './resolve.ts';
import type { Scenario } from './types.ts';

/** Absolute path of a file in the repository's `scenarios/` folder. */
export function scenarioPath(name: string): string {
  return fileURLToPath(new URL(`../../scenarios/${name}`, import.meta.url));
}

/** The parsed JSON of a scenario file (unvalidated), for tests that modify it. */
export function readScenarioJson(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(scenarioPath(name), 'utf8')) as Record<string, unknown>;
}

/**
 * A hand-made calibration for tests of the ready scenarios (which calibrate from data): 355 households
 * at 10 000 kr, a constant exit hazard of 1/12 (mean period 12 months, inflow 355/12 a month).
 */
export const TEST_CALIBRATION: BaselineCalibration = {
  households: 355,
  paymentPerHouseholdKr: 10_000,
  inflowPerMonth: 355 / 12,
  meanDurationMonths: 12,
  hazard: [1 / 12],
};

/** A scenario file validated and resolved; calibrated scenarios get `TEST_CALIBRATION`. */
export function loadScenario(name: string, calibration: BaselineCalibration = TEST_CALIBRATION): Scenario {
  return parseScenario(readScenarioJson(name), calibration);
}
