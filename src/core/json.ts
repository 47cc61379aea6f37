/**
 * Predicates and copies for the JSON-shaped values every stage handles (configs, rendered objects,
 * parsed YAML, API server responses).
 */

export type JsonObject = Record<string, unknown>;

/** Any non-null object that is not an array: the shape test for parsed data, where nothing else occurs. */
export function isRecord(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** An object literal of this realm (prototype Object.prototype or null); class instances, dates and the like are not. */
export function isPlainObject(value: unknown): value is JsonObject {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * A `{...}` object of any realm: its prototype is null or a realm's Object.prototype. Values out of an
 * evaluation sandbox have another realm's Object.prototype, which `isPlainObject` would refuse.
 */
export function isPlainObjectOfAnyRealm(value: unknown): value is JsonObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  if (Object.prototype.toString.call(value) !== '[object Object]') return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === null || Object.getPrototypeOf(proto) === null;
}

/** A deep copy through JSON: drops `undefined` members, never shares nodes with the input. */
export function cloneJson<T>(value: T): T {
  // JSON gives these back as they are (and undefined has no JSON text to parse).
  if (value === undefined || typeof value === 'string' || typeof value === 'boolean' || value === null) return value;
  const copy: T = JSON.parse(JSON.stringify(value));
  return copy;
}
