/** Small helpers for the JSON-shaped values the diff works on (parsed YAML, API server responses). */

export type JsonObject = Record<string, unknown>;

export function isPlainObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A deep copy that never shares nodes with the input; `undefined` members are dropped. */
export function cloneJson<T>(value: T): T {
  if (value === undefined) return value;
  const copy: T = JSON.parse(JSON.stringify(value));
  return copy;
}

/** Structural equality, independent of key order; `undefined` members count as absent. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => jsonEqual(item, b[i]));
  }
  if (isPlainObject(a)) {
    if (!isPlainObject(b)) return false;
    const keysA = Object.keys(a).filter((k) => a[k] !== undefined);
    const keysB = Object.keys(b).filter((k) => b[k] !== undefined);
    if (keysA.length !== keysB.length) return false;
    return keysA.every((k) => Object.hasOwn(b, k) && jsonEqual(a[k], b[k]));
  }
  return false;
}

/** Empty maps, empty lists and nulls mean "not set" to the API server (omitempty), so the diff treats them so. */
export function isEmptyValue(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (Array.isArray(value)) return value.length === 0;
  if (isPlainObject(value)) return Object.values(value).every((v) => v === undefined);
  return false;
}

/** Reads a nested member by keys; undefined as soon as a step is not a map. */
export function getIn(value: unknown, keys: readonly string[]): unknown {
  let node = value;
  for (const key of keys) {
    if (!isPlainObject(node)) return undefined;
    node = node[key];
  }
  return node;
}

export function getString(value: unknown, keys: readonly string[]): string | undefined {
  const v = getIn(value, keys);
  return typeof v === 'string' ? v : undefined;
}

export function getNumber(value: unknown, keys: readonly string[]): number | undefined {
  const v = getIn(value, keys);
  return typeof v === 'number' ? v : undefined;
}
