/**
 * Merging configuration layers (defaults come later, from zod): base ← environment.
 *
 * Rules (DESIGN.md): plain objects merge deeply, and named collections (topics, pipelines, sources,
 * sinks, subjects) are plain objects keyed by name, so they merge by key; `null` removes the key and
 * everything under it; arrays replace as a whole; scalars replace. Keys that could reach a prototype
 * (`__proto__`, `constructor`, `prototype`) are refused wherever they appear (RG201), and results are
 * built with `Object.defineProperty`, so no input can change `Object.prototype`.
 *
 * Every path a layer writes gets a provenance entry (the position of the property that set it and the
 * origins it replaced), so `explain` and every finding can point at the line that decided a value.
 */
import type { Finding, SourceLocation } from '../errors/diagnostic.js';
import { finding } from '../errors/catalog.js';
import type { LeafProvenance, ValueOrigin } from '../model/types.js';
import { formatPath, pathKey, type PathSegment } from './path.js';

export interface MergeLayer {
  readonly layer: 'base' | 'environment';
  /** Project-relative path of the file the layer came from. */
  readonly file: string;
  readonly value: unknown;
  /** Property positions keyed by `pathKey(segments)`, as the loader records them. */
  readonly positions: ReadonlyMap<string, SourceLocation>;
}

export interface MergeResult {
  /** The merged value: plain objects, arrays and scalars, never sharing structure with the layers. */
  readonly value: unknown;
  readonly provenance: Map<string, LeafProvenance>;
  /** Paths (as `pathKey`) whose last word was a `null`: removed, even if a default fills them later. */
  readonly removed: ReadonlySet<string>;
  readonly findings: Finding[];
}

const forbiddenKeys: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Deeper than this, a value is not configuration anymore (the model is a few levels deep, connector
 * settings a few more), and merging it would cost time quadratic in its depth.
 */
export const maxDepth = 64;

export function isForbiddenKey(key: string): boolean {
  return forbiddenKeys.has(key);
}

/** Only object literals merge; class instances, dates and the like are values and replace. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

interface MergeState {
  readonly layer: MergeLayer;
  readonly provenance: Map<string, LeafProvenance>;
  readonly removed: Set<string>;
  readonly findings: Finding[];
  /** Objects on the current descent path: a value that contains itself cannot be merged. */
  readonly ancestors: Set<object>;
}

export function mergeLayers(layers: readonly MergeLayer[]): MergeResult {
  const provenance = new Map<string, LeafProvenance>();
  const removed = new Set<string>();
  const findings: Finding[] = [];
  let value: unknown = {};
  for (const layer of layers) {
    // An absent or null layer changes nothing; the loader reports a default export of the wrong shape.
    if (layer.value === undefined || layer.value === null) continue;
    const state: MergeState = { layer, provenance, removed, findings, ancestors: new Set() };
    value = mergeValue(value, layer.value, [], state);
  }
  return { value, provenance, removed, findings };
}

function mergeValue(current: unknown, overlay: unknown, path: readonly PathSegment[], state: MergeState): unknown {
  if (!isPlainObject(overlay)) {
    forgetBelow(current, path, state);
    return copyData(overlay, path, state);
  }
  const base = isPlainObject(current) ? current : undefined;
  if (base === undefined) forgetBelow(current, path, state);
  state.ancestors.add(overlay);
  const entries = new Map<string, unknown>(base === undefined ? [] : Object.entries(base));
  for (const key of Object.keys(overlay)) {
    const childPath = [...path, key];
    if (forbiddenKeys.has(key)) {
      reportForbiddenKey(childPath, state);
      continue;
    }
    const child = overlay[key];
    // `key: undefined` is how TypeScript spells "not set": it neither sets nor removes.
    if (child === undefined || isCycle(child, childPath, state) || isNotData(child, childPath, state)) continue;
    if (child === null) {
      forgetBelow(entries.get(key), childPath, state);
      entries.delete(key);
      recordOrigin(childPath, state);
      state.removed.add(pathKey(childPath));
      continue;
    }
    recordOrigin(childPath, state);
    state.removed.delete(pathKey(childPath));
    entries.set(key, mergeValue(entries.get(key), child, childPath, state));
  }
  state.ancestors.delete(overlay);
  return buildObject(entries);
}

/**
 * A value that replaces wholesale (array or scalar): copied so the result never aliases a layer, with
 * forbidden keys dropped inside arrays too, and a provenance entry for each element so a problem deep
 * inside an array still points at its own line. Inside arrays, `null` is data, not a removal.
 */
function copyData(value: unknown, path: readonly PathSegment[], state: MergeState): unknown {
  if (Array.isArray(value)) {
    state.ancestors.add(value);
    const out: unknown[] = [];
    value.forEach((element: unknown, index) => {
      const elementPath = [...path, index];
      if (isCycle(element, elementPath, state) || isNotData(element, elementPath, state)) return;
      recordOrigin(elementPath, state);
      out.push(copyData(element, elementPath, state));
    });
    state.ancestors.delete(value);
    return out;
  }
  if (isPlainObject(value)) {
    state.ancestors.add(value);
    const entries = new Map<string, unknown>();
    for (const key of Object.keys(value)) {
      const childPath = [...path, key];
      if (forbiddenKeys.has(key)) {
        reportForbiddenKey(childPath, state);
        continue;
      }
      const child = value[key];
      if (child === undefined || isCycle(child, childPath, state) || isNotData(child, childPath, state)) continue;
      recordOrigin(childPath, state);
      entries.set(key, copyData(child, childPath, state));
    }
    state.ancestors.delete(value);
    return buildObject(entries);
  }
  return value;
}

function buildObject(entries: ReadonlyMap<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of entries) {
    Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** A child that is one of its own ancestors has no finite value: reported, and the key is skipped. */
function isCycle(child: unknown, path: readonly PathSegment[], state: MergeState): boolean {
  if (child === null || typeof child !== 'object' || !state.ancestors.has(child)) return false;
  state.findings.push(
    finding('RG209', {
      path: formatPath(path),
      message: `${formatPath(path)} in ${state.layer.file} contains itself, so it has no finite value to merge; it was left out.`,
      ...locOf(path, state),
    }),
  );
  return true;
}

/**
 * Configuration is data: what can be written into a manifest. A function, symbol, BigInt, NaN or
 * Infinity has no faithful YAML form, and an object that is not a plain `{...}` (a Date, a Map, a class
 * instance, `Object.create(proto)` or a `__proto__: {...}` literal) would be read through its prototype
 * or lose its contents. Each is reported where it was written and left out of the merge.
 */
function isNotData(value: unknown, path: readonly PathSegment[], state: MergeState): boolean {
  const tooDeep = path.length > maxDepth;
  const kind = tooDeep ? undefined : notDataKind(value);
  if (!tooDeep && kind === undefined) return false;
  const where = `${formatPath(path)} in ${state.layer.file}`;
  state.findings.push(
    finding(tooDeep ? 'RG208' : 'RG203', {
      path: formatPath(path),
      message: tooDeep
        ? `${where} is nested more than ${maxDepth} levels deep: no configuration is, so it was most likely built by a loop by mistake; it was left out.`
        : `${where} is ${kind}: configuration is data, and only strings, finite numbers, booleans, null, arrays and plain {...} objects can be written into manifests; it was left out.`,
      ...locOf(path, state),
    }),
  );
  return true;
}

function notDataKind(value: unknown): string | undefined {
  switch (typeof value) {
    case 'function':
      return 'a function';
    case 'symbol':
      return 'a symbol';
    case 'bigint':
      return 'a BigInt';
    case 'undefined':
      return 'undefined';
    case 'number':
      return Number.isFinite(value) ? undefined : String(value);
    case 'object': {
      if (value === null || Array.isArray(value) || isPlainObject(value)) return undefined;
      const tag = Object.prototype.toString.call(value).slice(8, -1);
      return tag === 'Object' ? 'an object with a prototype of its own (a class instance, Object.create(...) or a `__proto__: {...}` literal)' : `a ${tag}`;
    }
    default:
      return undefined;
  }
}

function reportForbiddenKey(path: readonly PathSegment[], state: MergeState): void {
  const key = String(path[path.length - 1]);
  state.findings.push(
    finding('RG201', {
      path: formatPath(path),
      message: `The key "${key}" in ${state.layer.file} was not merged: keys named __proto__, constructor or prototype could change the behaviour of every object in the compiler.`,
      ...locOf(path, state),
    }),
  );
}

function recordOrigin(path: readonly PathSegment[], state: MergeState): void {
  const key = pathKey(path);
  const previous = state.provenance.get(key);
  const loc = positionOf(path, state.layer);
  const origin: ValueOrigin = loc === undefined ? { layer: state.layer.layer } : { layer: state.layer.layer, loc };
  state.provenance.set(key, { origin, overridden: previous === undefined ? [] : [previous.origin, ...previous.overridden] });
}

/** Drops the provenance of everything below `path` in a value that is being replaced or removed. */
function forgetBelow(old: unknown, path: readonly PathSegment[], state: MergeState): void {
  // Removals leave no key in the value, so they are found by prefix rather than by walking it.
  // Only an object can hold removed keys, so scalars (the common case) skip the scan.
  if (isPlainObject(old) && state.removed.size > 0) {
    const prefix = `${pathKey(path)}/`;
    for (const key of [...state.removed].filter((k) => k.startsWith(prefix))) {
      state.removed.delete(key);
      state.provenance.delete(key);
    }
  }
  forgetValue(old, path, state);
}

function forgetValue(old: unknown, path: readonly PathSegment[], state: MergeState): void {
  if (Array.isArray(old)) {
    old.forEach((element: unknown, index) => {
      const childPath = [...path, index];
      state.provenance.delete(pathKey(childPath));
      forgetValue(element, childPath, state);
    });
  } else if (isPlainObject(old)) {
    for (const key of Object.keys(old)) {
      const childPath = [...path, key];
      state.provenance.delete(pathKey(childPath));
      forgetValue(old[key], childPath, state);
    }
  }
}

/**
 * Where the layer wrote `path`. Values the loader has no position for (built by a function, spread
 * from a variable) fall back to the closest enclosing property the file wrote literally.
 */
function positionOf(path: readonly PathSegment[], layer: MergeLayer): SourceLocation | undefined {
  for (let length = path.length; length >= 0; length--) {
    const loc = layer.positions.get(pathKey(path.slice(0, length)));
    if (loc !== undefined) return loc;
  }
  return undefined;
}

function locOf(path: readonly PathSegment[], state: MergeState): { loc?: SourceLocation } {
  const loc = positionOf(path, state.layer);
  return loc === undefined ? {} : { loc };
}
