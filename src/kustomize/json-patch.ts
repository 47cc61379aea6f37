/**
 * Minimal RFC 6902 JSON patches between two versions of one object, made to be read in a review:
 * `replace /spec/replicas 5`. Objects are diffed key by key; arrays of equal length element by element;
 * arrays whose length changed are replaced whole (index arithmetic in a patch is unreadable and easy
 * to get wrong). `applyJsonPatch` is the reference implementation the layout checks itself with.
 */
import { InternalError } from '../errors/diagnostic.js';
import { cloneJson, isRecord } from '../core/json.js';
import { escapePointerSegment, unescapePointerSegment } from '../core/json-pointer.js';
import { jsonEqual } from '../core/json-equal.js';
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

/** Members JSON drops (or writes as null in an array), which `jsonEqual` therefore ignores. */
function isDropped(value: unknown): boolean {
  return value === undefined || typeof value === 'function' || typeof value === 'symbol';
}

function pointer(segments: readonly string[]): string {
  return segments.map((s) => `/${escapePointerSegment(s)}`).join('');
}

/**
 * `diffInto` for plain data, in one walk: `diffInto` asks `jsonEqual` before every level, which
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

function parsePointer(path: string): string[] {
  if (!path.startsWith('/')) throw new InternalError(`bad JSON pointer ${path}`);
  const segments = path.slice(1).split('/');
  return path.includes('~') ? segments.map(unescapePointerSegment) : segments;
}

/** A shallow copy of a container (anything else as it is): a `__proto__` key stays data, as in JSON. */
function shallowCopy<V>(value: V): V {
  if (Array.isArray(value)) return Object.assign([], value);
  if (isRecord(value)) return { ...value };
  return value;
}

/**
 * Applies operations to a copy of `doc` (add, replace and remove only: what `diffJsonPatch` makes);
 * `doc` is left alone. Only the containers on an operation's path are copied — the rest of the result
 * is `doc`'s own subtrees, shared, so do not change the result in place. (A deep copy of the whole
 * object per patch was a quarter of planning the overlays.)
 */
export function applyJsonPatch<T>(doc: T, ops: readonly JsonPatchOperation[]): T {
  // Containers this call made: changing them never touches `doc`.
  const copies = new Set<unknown>();
  const own = <V>(value: V): V => {
    if (copies.has(value)) return value;
    const copy = shallowCopy(value);
    if (copy !== null && typeof copy === 'object') copies.add(copy);
    return copy;
  };
  const root = own(doc);
  for (const op of ops) {
    const segments = parsePointer(op.path);
    const last = segments.pop();
    if (last === undefined) throw new InternalError('JSON patch on the document root');
    let parent: unknown = root;
    for (const s of segments) {
      if (Array.isArray(parent)) {
        const index = Number(s);
        parent = parent[index] = own(parent[index]);
      } else if (isRecord(parent) && Object.prototype.hasOwnProperty.call(parent, s)) {
        // An own data property, so assigning sets it (even one named `__proto__`).
        parent = parent[s] = own(parent[s]);
      } else {
        parent = undefined;
      }
    }
    if (Array.isArray(parent)) {
      const index = Number(last);
      if (op.op === 'remove') parent.splice(index, 1);
      else if (op.op === 'add') parent.splice(index, 0, cloneJson(op.value));
      else parent[index] = cloneJson(op.value);
    } else if (isRecord(parent)) {
      if (op.op !== 'add' && !(last in parent)) throw new InternalError(`JSON patch ${op.op} of missing ${op.path}`);
      if (op.op === 'remove') delete parent[last];
      else Object.defineProperty(parent, last, { value: cloneJson(op.value), enumerable: true, writable: true, configurable: true });
    } else {
      throw new InternalError(`JSON patch path ${op.path} does not exist`);
    }
  }
  return root;
}
