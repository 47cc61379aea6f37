/** Small helpers for the JSON-shaped values the diff works on (parsed YAML, API server responses). */
import { isRecord } from '../core/json.js';


/** Empty maps, empty lists and nulls mean "not set" to the API server (omitempty), so the diff treats them so. */
export function isEmptyValue(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (Array.isArray(value)) return value.length === 0;
  if (isRecord(value)) return Object.values(value).every((v) => v === undefined);
  return false;
}

/** Reads a nested member by keys; undefined as soon as a step is not a map. */
export function getIn(value: unknown, keys: readonly string[]): unknown {
  let node = value;
  for (const key of keys) {
    if (!isRecord(node)) return undefined;
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
