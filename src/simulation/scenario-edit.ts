/**
 * Editing a scenario file with the page's assumptions, and running the edited file: the same file
 * the engine runs, the URL reproduces and the download button saves. Pure data in and out, so the
 * Scenarier page is only the place where the sliders live.
 */
import { ASSUMPTIONS, type Assumption } from './assumptions.ts';
import { getAtPath } from './dot-path.ts';
import { findField } from './fields.ts';
import { resolveScenario, type BaselineCalibration } from './resolve.ts';
import { checkScenarioFile, ScenarioError, type ScenarioFile } from './scenario.ts';
import { simulate } from './simulate.ts';
import type { Scenario, SimulationResult } from './types.ts';

/** The moved assumptions (by URL key) and whether the baseline comes from data. */
export interface ScenarioEdits {
  readonly overrides: Readonly<Record<string, number>>;
  readonly calibrate: boolean;
}

/** A scenario that ran, or the Swedish reasons it could not. */
export type Outcome =
  | { ok: true; file: ScenarioFile; scenario: Scenario; result: SimulationResult }
  | { ok: false; issues: readonly string[] };

/** The horizon first, so that limits that depend on it (the effect's start month) see the new value. */
const APPLY_ORDER: readonly Assumption[] = [...ASSUMPTIONS].sort((a, b) => Number(b.key === 'mo') - Number(a.key === 'mo'));

/** Reads a numeric value at a dotted path (`automation.ramp.1.1`) of a scenario file. */
export function valueAt(file: ScenarioFile, path: string): number | undefined {
  const value = getAtPath(file, path);
  return typeof value === 'number' ? value : undefined;
}

/** A ramp point index that moved: the last point stays the last point when the ramp is rebuilt. */
function remapPath(path: string, before: ScenarioFile, after: ScenarioFile): string | null {
  const ramp = /^automation\.ramp\.(\d+)\.1$/.exec(path);
  if (!ramp) return path;
  const lastBefore = before.automation.ramp.length - 1;
  if (Number(ramp[1]) !== lastBefore) return before.automation.ramp === after.automation.ramp ? path : null;
  return `automation.ramp.${after.automation.ramp.length - 1}.1`;
}

/**
 * Moves each uncertainty range along with its assumption: a range written around the preset's value
 * is scaled by new ÷ old (or shifted when the old value was 0) and kept within the field's limits, so
 * the band describes the scenario on screen, not the one in the file.
 */
function shiftUncertainty(before: ScenarioFile, after: ScenarioFile): void {
  if (!before.uncertainty) return;
  const ranges: Record<string, [number, number]> = {};
  for (const [path, [lo, hi]] of Object.entries(before.uncertainty.ranges)) {
    const newPath = remapPath(path, before, after);
    if (newPath === null) continue;
    const old = valueAt(before, path);
    const now = valueAt(after, newPath);
    const field = findField(newPath);
    if (old === undefined || now === undefined || !field) continue;
    let range: [number, number] = [lo, hi];
    if (now !== old) range = old !== 0 ? [(lo * now) / old, (hi * now) / old] : [lo + now - old, hi + now - old];
    const clamp = (v: number) => Math.min(field.max, Math.max(field.min, Number(v.toFixed(6))));
    ranges[newPath] = [clamp(Math.min(...range)), clamp(Math.max(...range))];
  }
  after.uncertainty = { runs: after.uncertainty?.runs ?? before.uncertainty.runs, ranges };
}

/** One Swedish line per moved assumption, for the file's description. */
function changeNotes(before: ScenarioFile, after: ScenarioFile, overrides: Readonly<Record<string, number>>): string[] {
  return ASSUMPTIONS.filter((a) => overrides[a.key] !== undefined && a.read(before) !== a.read(after)).map(
    (a) => `${a.label}: ${a.format(a.read(after))} (var ${a.format(a.read(before))})`,
  );
}

/** The complete scenario file for `base` with `edits`; `runs` overrides the number of uncertainty runs. */
export function editScenario(base: ScenarioFile, edits: ScenarioEdits, runs?: number): ScenarioFile {
  const file = structuredClone(base) as ScenarioFile;
  for (const a of APPLY_ORDER) {
    const value = edits.overrides[a.key];
    if (value !== undefined) a.write(file, value);
  }
  shiftUncertainty(base, file);
  if (runs !== undefined && file.uncertainty) file.uncertainty.runs = runs;
  const notes = changeNotes(base, file, edits.overrides);
  if (edits.calibrate && !base.baseline.calibrate) {
    // Fields written in the file win over data (resolveScenario), so the hand-written baseline goes.
    file.baseline = { calibrate: true };
    notes.push('Utgångsläget (hushåll, utbetalning per hushåll och periodlängd) hämtas från inläst utbetalningsdata');
  }
  if (notes.length) {
    file.name = `${base.name} (ändrat)`;
    file.description = `${base.description}\n\nÄndrat på sidan Scenarier: ${notes.join('; ')}.`.trim();
  }
  return file;
}

/** The scenario without its uncertainty ranges: `simulate` would otherwise run the Monte-Carlo inline. */
export function deterministic(scenario: Scenario): Scenario {
  const copy: { -readonly [K in keyof Scenario]: Scenario[K] } = { ...scenario };
  delete copy.uncertainty;
  return copy;
}

/** Builds (with `build`), validates, resolves and runs one edited scenario; never throws for a bad scenario. */
export function runEdited(build: () => ScenarioFile, calibration?: BaselineCalibration): Outcome {
  let file: ScenarioFile;
  try {
    file = build();
  } catch (error) {
    return { ok: false, issues: [error instanceof Error ? error.message : String(error)] };
  }
  const checked = checkScenarioFile(JSON.parse(JSON.stringify(file)));
  if (!checked.ok) return { ok: false, issues: checked.issues };
  try {
    const scenario = resolveScenario(checked.file, calibration);
    return { ok: true, file: checked.file, scenario, result: simulate(deterministic(scenario)) };
  } catch (error) {
    if (error instanceof ScenarioError) return { ok: false, issues: error.issues };
    throw error;
  }
}
