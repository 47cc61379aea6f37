/**
 * Minimal RFC 6902 JSON patches between two versions of one object, made to be read in a review:
 * `replace /spec/replicas 5`. Objects are diffed key by key; arrays of equal length element by element;
 * arrays whose length changed are replaced whole (index arithmetic in a patch is unreadable and easy
 * to get wrong). `applyJsonPatch` is the reference implementation the layout checks itself with.
 */
import { InternalError } from '../errors/diagnostic.js';
import { cloneJson, deepEqualJson } from './canonical.js';
import { compareCodeUnits } from './yaml-writer.js';

export type JsonPatchOperation =
  | { readonly op: 'add'; readonly path: string; readonly value: unknown }
  | { readonly op: 'replace'; readonly path: string; readonly value: unknown }
  | { readonly op: 'remove'; readonly path: string };

/** RFC 6901: `~` → `~0`, `/` → `~1` (label keys like `app.kubernetes.io/name` contain slashes). */
export function escapePointerSegment(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function ownKeys(value: Record<string, unknown>): string[] {
  return Object.keys(value).filter((k) => value[k] !== undefined).sort(compareCodeUnits);
}

function diffInto(from: unknown, to: unknown, path: string, ops: JsonPatchOperation[]): void {
  if (deepEqualJson(from, to)) return;
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

/** Operations that turn `from` into `to`; empty when they are equal. `from` and `to` must be objects. */
export function diffJsonPatch(from: unknown, to: unknown): JsonPatchOperation[] {
  if (!isRecord(from) || !isRecord(to)) throw new InternalError('JSON patches are computed between objects');
  const ops: JsonPatchOperation[] = [];
  diffInto(from, to, '', ops);
  return ops;
}

function parsePointer(path: string): string[] {
  if (!path.startsWith('/')) throw new InternalError(`bad JSON pointer ${path}`);
  return path
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Applies operations to a copy of `doc` (add, replace and remove only: what `diffJsonPatch` makes). */
export function applyJsonPatch<T>(doc: T, ops: readonly JsonPatchOperation[]): T {
  const root: T = cloneJson(doc);
  for (const op of ops) {
    const segments = parsePointer(op.path);
    const last = segments.pop();
    if (last === undefined) throw new InternalError('JSON patch on the document root');
    let parent: unknown = root;
    for (const s of segments) parent = Array.isArray(parent) ? parent[Number(s)] : isRecord(parent) ? parent[s] : undefined;
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
