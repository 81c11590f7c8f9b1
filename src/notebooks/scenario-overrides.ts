import type { InputValue, JsonValue } from './types.ts';

/**
 * Returns a copy of `scenario` with each dot path replaced by its input's value, for a host that
 * runs a simulation cell. A path that leads through a non-object is a Swedish error, never ignored.
 */
export function applyOverrides(scenario: JsonValue, overrides: Readonly<Record<string, InputValue>>): JsonValue {
  const copy = structuredClone(scenario) as JsonValue;
  for (const [path, value] of Object.entries(overrides)) {
    const keys = path.split('.');
    let target: unknown = copy;
    for (const key of keys.slice(0, -1)) {
      target = isObject(target) ? target[key] : undefined;
    }
    if (!isObject(target)) throw new Error(`Scenariot har ingen plats för "${path}".`);
    target[keys.at(-1)!] = structuredClone(value) as JsonValue;
  }
  return copy;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
