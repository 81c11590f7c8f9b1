import { setAtPath } from '../simulation/index.ts';
import type { InputValue, JsonValue } from './types.ts';

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
