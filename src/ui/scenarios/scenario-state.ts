/**
 * A scenario on the page = where it comes from (a built-in scenario or an uploaded file) plus the
 * assumptions moved with the sliders. `buildFile` turns that into a complete, valid scenario file
 * with `editScenario` (src/simulation/scenario-edit.ts): the same file the engine runs, the URL
 * reproduces and the download button saves.
 */
import { editScenario, type Assumption, type ScenarioFile } from '../../simulation/index.ts';
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

/** The complete scenario file for a state; `runs` overrides the number of uncertainty runs. */
export function buildFile(state: ScenarioState, runs?: number): ScenarioFile {
  return editScenario(sourceFile(state.source), state, runs);
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

/**
 * Titles for the scenarios side by side: a title an earlier scenario already has gets "(kopia)",
 * "(kopia 2)", …, so a copy never shows as a second tab with the same name.
 */
export function stateTitles(states: readonly ScenarioState[]): string[] {
  const seen = new Map<string, number>();
  return states.map((state) => {
    const title = stateTitle(state);
    const n = seen.get(title) ?? 0;
    seen.set(title, n + 1);
    return n === 0 ? title : `${title} (kopia${n > 1 ? ` ${n}` : ''})`;
  });
}
