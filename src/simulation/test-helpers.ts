/** Test-only helpers: load a scenario file from `scenarios/` and resolve it. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseScenario } from './resolve.ts';
import type { Scenario } from './types.ts';

/** Absolute path of a file in the repository's `scenarios/` folder. */
export function scenarioPath(name: string): string {
  return fileURLToPath(new URL(`../../scenarios/${name}`, import.meta.url));
}

/** The parsed JSON of a scenario file (unvalidated), for tests that modify it. */
export function readScenarioJson(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(scenarioPath(name), 'utf8')) as Record<string, unknown>;
}

/** A scenario file validated and resolved. */
export function loadScenario(name: string): Scenario {
  return parseScenario(readScenarioJson(name));
}
