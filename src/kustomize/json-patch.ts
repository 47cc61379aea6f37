/**
 * Minimal RFC 6902 JSON patches between two versions of one object, made to be read in a review:
 * `replace /spec/replicas 5`. Objects are diffed key by key; arrays of equal length element by element;
 * arrays whose length changed are replaced whole (index arithmetic in a patch is unreadable and easy
 * to get wrong). customize/apply-json-patch.ts applies them (the layout checks itself with it).
 */
import { InternalError } from '../errors/diagnostic.js';
import { cloneJson, isRecord } from '../core/json.js';
import { escapePointerSegment } from '../core/json-pointer.js';
import { jsonEqual } from '../core/json-equal.js';

export { applyJsonPatch } from '../customize/apply-json-patch.js';
import { compareText } from '../core/order.js';

export type JsonPatchOperation =
  | { readonly op: 'add'; readonly path: string; readonly value: unknown }
  | { readonly op: 'replace'; readonly path: string; readonly value: unknown }
  | { readonly op: 'remove'; readonly path: string };

function ownKeys(value: Record<string, unknown>): string[] {
  return Object.keys(value).filter((k) => value[k] !== undefined).sort(compareText);
}

/** The reference diff; `diffPlainInto` gives the same operations for plain data, faster. */
function diffInto(from: unknown, to: unknown, path: string, ops: JsonPatchOperation[]): void {
  if (jsonEqual(from, to)) return;
  if (isRecord(from) && isRecord(to)) {
    const toKeys = new Set(ownKeys(to));
    for (const key of ownKeys(from)) {
      if (!toKeys.has(key)) ops.push({ op: 'remove', path: `${path}/${escapePointerSegment(key)}` });
    }
    const fromKeys = new Set(ownKeys(from));
    for (const key of toKeys) {
      const child = `${path}/${escapePointerSegment(key)}`;
      if (fromKeys.has(key)) diffInto(from[key], to[key], child, ops);
      else ops.push({ op: 'add', path: child, value: cloneJson(to[key]) });
    }
    return;
  }
  if (Array.isArray(from) && Array.isArray(to) && from.length === to.length) {
    to.forEach((item, i) => diffInto(from[i], item, `${path}/${i}`, ops));
    return;
  }
  ops.push({ op: 'replace', path, value: cloneJson(to) });
}

/** `key` is one of `ownKeys(value)`. */
function hasValue(value: Record<string, unknown>, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(value, key) && value[key] !== undefined;
}

/** `{...}` data as JSON.stringify writes it: no class instance, no toJSON. */
function isPlainRecord(value: Record<string, unknown>): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  return (proto === Object.prototype || proto === null) && !('toJSON' in value);
}

/** Members JSON drops (or writes as null in an array), which `deepEqualJson` therefore ignores. */
function isDropped(value: unknown): boolean {
  return value === undefined || typeof value === 'function' || typeof value === 'symbol';
}

function pointer(segments: readonly string[]): string {
  return segments.map((s) => `/${escapePointerSegment(s)}`).join('');
}

/**
 * `diffInto` for plain data, in one walk: `diffInto` asks `deepEqualJson` before every level, which
 * compares an unchanged subtree once per ancestor, and was the largest part of planning overlays. For
 * plain records, arrays and scalars, "equal as JSON" and "no operation below" are the same thing, so
 * the operations are the same. On anything else (members JSON drops: functions, symbols, `undefined`
 * array items; records that are not plain data) this returns false, and the caller uses `diffInto`.
 * `at` is the path to `from`/`to`, turned into a JSON pointer only for an operation. (`sort()` without
 * a comparator is code-unit order, as `ownKeys` sorts.)
 */
function diffPlainInto(from: unknown, to: unknown, at: string[], ops: JsonPatchOperation[]): boolean {
  if (isRecord(from) && isRecord(to)) {
    if (!isPlainRecord(from) || !isPlainRecord(to)) return false;
    const removed: string[] = [];
    for (const key of Object.keys(from)) {
      const was = from[key];
      if (was === undefined) continue;
      if (isDropped(was)) return false;
      if (!hasValue(to, key)) removed.push(key);
    }
    for (const key of removed.sort()) ops.push({ op: 'remove', path: pointer([...at, key]) });
    for (const key of Object.keys(to).sort()) {
      const value = to[key];
      if (value === undefined) continue;
      if (isDropped(value)) return false;
      if (!hasValue(from, key)) ops.push({ op: 'add', path: pointer([...at, key]), value: cloneJson(value) });
      else if (!diffChild(from[key], value, key, at, ops)) return false;
    }
    return true;
  }
  if (Array.isArray(from) && Array.isArray(to) && from.length === to.length) {
    for (let i = 0; i < to.length; i += 1) {
      const was: unknown = from[i];
      const item: unknown = to[i];
      if (was === item) continue;
      if (isDropped(was) || isDropped(item) || !diffChild(was, item, String(i), at, ops)) return false;
    }
    return true;
  }
  if (!jsonEqual(from, to)) ops.push({ op: 'replace', path: pointer(at), value: cloneJson(to) });
  return true;
}

/** `diffPlainInto` one level down; the same scalar (most of an object) needs no further look. */
function diffChild(from: unknown, to: unknown, key: string, at: string[], ops: JsonPatchOperation[]): boolean {
  if (from === to) return true;
  at.push(key);
  const plain = diffPlainInto(from, to, at, ops);
  at.pop();
  return plain;
}

/** Operations that turn `from` into `to`; empty when they are equal. `from` and `to` must be objects. */
export function diffJsonPatch(from: unknown, to: unknown): JsonPatchOperation[] {
  if (!isRecord(from) || !isRecord(to)) throw new InternalError('JSON patches are computed between objects');
  const ops: JsonPatchOperation[] = [];
  if (diffPlainInto(from, to, [], ops)) return ops;
  const reference: JsonPatchOperation[] = [];
  diffInto(from, to, '', reference);
  return reference;
}
