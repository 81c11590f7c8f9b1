/**
 * Reading and writing a field of plain JSON-like data by its dot path (`automation.ramp.1.1`):
 * the one implementation behind scenario editing, notebook overrides and uncertainty ranges.
 */

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** The value at `path` in `data`, or undefined when a step on the way is missing or not an object. */
export function getAtPath(data: unknown, path: string): unknown {
  let node: unknown = data;
  for (const part of path.split('.')) {
    if (!isObject(node)) return undefined;
    node = node[part];
  }
  return node;
}

/**
 * Sets the field at `path` in `data` (mutated in place). Returns false, changing nothing, when the
 * path leads through a missing value or a non-object, so the caller can name the bad path.
 */
export function setAtPath(data: unknown, path: string, value: unknown): boolean {
  const keys = path.split('.');
  const target = getAtPath(data, keys.slice(0, -1).join('.'));
  const parent = keys.length === 1 ? data : target;
  if (!isObject(parent)) return false;
  parent[keys.at(-1)!] = value;
  return true;
}
