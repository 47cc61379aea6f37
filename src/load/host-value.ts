/**
 * Values come out of the evaluation sandbox (another realm: its own Object.prototype and Array), so
 * `instanceof`, prototype checks and zod's plain-object test would misjudge them. These helpers check
 * across realms and copy a config value into this realm.
 */
import { isPlainObjectOfAnyRealm } from '../core/json.js';

export function isThenable(value: unknown): boolean {
  if ((typeof value !== 'object' || value === null) && typeof value !== 'function') return false;
  return 'then' in value && typeof value.then === 'function';
}

/** Words for what a value is, for messages: "an array", "a string", "a Promise", "a Map instance". */
export function describeKind(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return 'an array';
  if (isThenable(value)) return 'a Promise';
  if (typeof value === 'function') return 'a function';
  if (typeof value !== 'object') return `a ${typeof value}`;
  const tag = Object.prototype.toString.call(value).slice(8, -1);
  return tag === 'Object' ? 'an object that is not a plain {...} literal (a class instance?)' : `a ${tag}`;
}

/**
 * Deep copy of plain objects and arrays into this realm; anything else (functions, dates, class
 * instances) is kept as is for the validator to reject with a path. Shared references stay shared and
 * cycles stay cycles. Keys are defined, not assigned, so a `__proto__` key stays a visible own key
 * (resolve rejects it) instead of silently changing the prototype.
 */
export function copyIntoHost(value: unknown, seen = new Map<object, unknown>(), depth = 0): unknown {
  if (typeof value !== 'object' || value === null) return value;
  // Far deeper than any configuration: left as it is for resolve to refuse by depth, instead of
  // recursing until the stack overflows (which would read as if the user's file had thrown).
  if (depth > maxCopyDepth) return value;
  const known = seen.get(value);
  if (known !== undefined) return known;
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    seen.set(value, out);
    for (const item of value) out.push(copyIntoHost(item, seen, depth + 1));
    return out;
  }
  if (!isPlainObjectOfAnyRealm(value)) return value;
  const out: Record<string, unknown> = {};
  seen.set(value, out);
  for (const key of Object.keys(value)) {
    Object.defineProperty(out, key, { value: copyIntoHost(value[key], seen, depth + 1), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

const maxCopyDepth = 256;

/** Freezes plain objects and arrays all the way down (the base handed to environment functions). */
export function deepFreeze<T>(value: T, seen = new Set<object>()): T {
  if (typeof value !== 'object' || value === null || seen.has(value)) return value;
  seen.add(value);
  if (Array.isArray(value) || isPlainObjectOfAnyRealm(value)) {
    for (const item of Object.values(value)) deepFreeze(item, seen);
    Object.freeze(value);
  }
  return value;
}
