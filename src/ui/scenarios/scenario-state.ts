/**
 * A scenario on the page = where it comes from (a built-in scenario or an uploaded file) plus the
 * assumptions moved with the sliders. `buildFile` turns that into a complete, valid scenario file:
 * the same file the engine runs, the URL reproduces and the download button saves.
 */
import { findField, type ScenarioFile } from '../../simulation/index.ts';
import { ASSUMPTIONS, type Assumption } from './assumptions.ts';
import { findPreset } from './presets.ts';

/** Where a scenario starts from. */
export type ScenarioSource = { kind: 'preset'; id: string } | { kind: 'upload'; file: ScenarioFile };

/** One scenario on the page: its source, the moved assumptions and whether the baseline comes from data. */
export interface ScenarioState {
  readonly source: ScenarioSource;
  readonly overrides: Readonly<Record<string, number>>;
  readonly calibrate: boolean;
}

/** A source as it opens: calibrated from data exactly when its file says so. */
export function initialState(source: ScenarioSource): ScenarioState {
  return { source, overrides: {}, calibrate: sourceFile(source).baseline.calibrate };
}

/** True when the source has its own baseline figures, so the page may offer to use data instead. */
export function hasOwnBaseline(source: ScenarioSource): boolean {
  return !sourceFile(source).baseline.calibrate;
}

/** The source's own file (a preset's or the uploaded one), unchanged. */
export function sourceFile(source: ScenarioSource): ScenarioFile {
  if (source.kind === 'upload') return source.file;
  const preset = findPreset(source.id);
  if (!preset) throw new Error(`Okänt scenario: ${source.id}`);
  return preset.file;
}

/** The horizon first, so that limits that depend on it (the effect's start month) see the new value. */
const APPLY_ORDER: readonly Assumption[] = [...ASSUMPTIONS].sort((a, b) => Number(b.key === 'mo') - Number(a.key === 'mo'));

/** Reads a numeric value at a dotted path (`automation.ramp.1.1`) of a scenario file. */
export function valueAt(file: ScenarioFile, path: string): number | undefined {
  let node: unknown = file;
  for (const part of path.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'number' ? node : undefined;
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

/** The complete scenario file for a state; `runs` overrides the number of uncertainty runs. */
export function buildFile(state: ScenarioState, runs?: number): ScenarioFile {
  const base = sourceFile(state.source);
  const file = structuredClone(base) as ScenarioFile;
  for (const a of APPLY_ORDER) {
    const value = state.overrides[a.key];
    if (value !== undefined) a.write(file, value);
  }
  shiftUncertainty(base, file);
  if (runs !== undefined && file.uncertainty) file.uncertainty.runs = runs;
  const notes = changeNotes(base, file, state.overrides);
  if (state.calibrate && !base.baseline.calibrate) {
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

/** The value an assumption has in a state (moved or as in its source). */
export function assumptionValue(state: ScenarioState, a: Assumption): number {
  return state.overrides[a.key] ?? a.read(sourceFile(state.source));
}

/** The state with one assumption set; a value equal to the source's drops the override. */
export function withAssumption(state: ScenarioState, a: Assumption, value: number): ScenarioState {
  const overrides = { ...state.overrides };
  if (value === a.read(sourceFile(state.source))) delete overrides[a.key];
  else overrides[a.key] = value;
  return { ...state, overrides };
}

/** A short Swedish title for a state: the preset's or file's name, marked when changed. */
export function stateTitle(state: ScenarioState): string {
  const name = state.source.kind === 'preset' ? (findPreset(state.source.id)?.title ?? state.source.id) : state.source.file.name;
  const changed = Object.keys(state.overrides).length > 0 || (state.calibrate && hasOwnBaseline(state.source));
  return changed ? `${name} (ändrat)` : name;
}
