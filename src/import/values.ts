import { isPlainObject } from '../core/json.js';
import { formatDuration, retentionDurationStyle } from '../core/units.js';
/**
 * Reading parsed YAML (unknown values) without casts, and the friendly forms the DSL prefers:
 * `604800000` ms → `'7d'`, `1073741824` bytes → `'1Gi'` when that is exact.
 */

export { isPlainObject };

export function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function asInteger(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) ? value : undefined;
}

export function asBoolean(value: unknown): boolean | undefined {
  return typeof value === 'boolean' ? value : undefined;
}

export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return isPlainObject(value) ? value : undefined;
}

/**
 * Sets an own property, even one named `__proto__` (a plain assignment would change the prototype):
 * keys from the input are data, and the forbidden-key sweep must see them to note and drop them.
 */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** A map whose values are all strings (labels, annotations, nodeSelector), or undefined. */
export function asStringMap(value: unknown): Record<string, string> | undefined {
  if (!isPlainObject(value)) return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) {
    if (typeof v !== 'string') return undefined;
    setOwn(out, k, v);
  }
  return out;
}

export function asStringList(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.every((v): v is string => typeof v === 'string') ? [...value] : undefined;
}

const binaryUnits: readonly [string, number][] = [
  ['Ei', 2 ** 60],
  ['Pi', 2 ** 50],
  ['Ti', 2 ** 40],
  ['Gi', 2 ** 30],
  ['Mi', 2 ** 20],
  ['Ki', 2 ** 10],
];

/** Bytes → `'1Gi'` when a binary unit divides it exactly; otherwise the byte count. */
export function friendlySize(bytes: number): string | number {
  if (!Number.isSafeInteger(bytes) || bytes <= 0) return bytes;
  for (const [unit, size] of binaryUnits) if (bytes % size === 0) return `${bytes / size}${unit}`;
  return bytes;
}

/** Milliseconds → `'7d'`, `'12h'`, `'90s'` (days, not weeks: '7d' reads best); 0 and what is no whole count of milliseconds stay numbers. */
export function friendlyDuration(ms: number): string | number {
  if (!Number.isSafeInteger(ms) || ms <= 0) return ms;
  return formatDuration(ms, retentionDurationStyle);
}

/** Keys the merge refuses (and that would change an object literal's prototype). */
export function isForbiddenKey(key: string): boolean {
  return key === '__proto__' || key === 'constructor' || key === 'prototype';
}

/** Keys of a map in input order, without those the DSL refuses. */
export function safeEntries(value: Record<string, unknown>): [string, unknown][] {
  return Object.entries(value).filter(([k]) => !isForbiddenKey(k));
}
