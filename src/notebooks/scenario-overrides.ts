import { getAtPath, setAtPath } from '../simulation/index.ts';
import type { Cell, InputValue, JsonValue, Notebook } from './types.ts';

/**
 * Returns a copy of `scenario` with each dot path replaced by its input's value, for a host that
 * runs a simulation cell. A path that leads through a non-object is a Swedish error, never ignored.
 */
export function applyOverrides(scenario: JsonValue, overrides: Readonly<Record<string, InputValue>>): JsonValue {
  const copy = structuredClone(scenario) as JsonValue;
  for (const [path, value] of Object.entries(overrides)) {
    if (!setAtPath(copy, path, structuredClone(value))) throw new Error(`Scenariot har ingen plats för "${path}".`);
  }
  return copy;
}

/**
 * Fills in the start value of each slider that has none from the scenario file the notebook binds it
 * to (`scenario: bas` + `set.automation.digitalShare: e_andel` → bas.json's digitalShare), so the
 * notebook and the Scenarier page read one default from one file. Sliders with their own `default:`,
 * and files or paths that do not exist, are left as they are (the slider then starts at `min`).
 */
export function withScenarioDefaults(notebook: Notebook, scenarioFile: (name: string) => JsonValue | undefined): Notebook {
  const fromFile = new Map<string, number>();
  for (const cell of notebook.cells) {
    if (cell.kind !== 'simulation' || cell.spec.scenario === undefined) continue;
    const file = scenarioFile(cell.spec.scenario);
    for (const [path, input] of Object.entries(cell.spec.set)) {
      const value = file === undefined ? undefined : getAtPath(file, path);
      if (typeof value === 'number' && !fromFile.has(input)) fromFile.set(input, value);
    }
  }
  let changed = false;
  const cells = notebook.cells.map((cell): Cell => {
    if (cell.kind !== 'input' || cell.spec.type !== 'slider' || cell.spec.default !== undefined) return cell;
    const value = fromFile.get(cell.name);
    if (value === undefined || value < cell.spec.min || value > cell.spec.max) return cell;
    changed = true;
    return { ...cell, spec: { ...cell.spec, default: value } };
  });
  return changed ? { ...notebook, cells } : notebook;
}
