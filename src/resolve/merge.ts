/**
 * Merging configuration layers (defaults come later, from zod): base ← environment.
 *
 * Rules (DESIGN.md): plain objects merge deeply, and named collections (topics, pipelines, sources,
 * sinks, subjects) are plain objects keyed by name, so they merge by key; `null` removes the key and
 * everything under it; arrays replace as a whole; scalars replace. Keys that could reach a prototype
 * (`__proto__`, `constructor`, `prototype`) are refused wherever they appear (RG201), and results are
 * built by defining properties (`Object.fromEntries`), never assigning them, so no input can change
 * `Object.prototype`.
 *
 * Every path a layer writes gets a provenance entry (the position of the property that set it and the
 * origins it replaced), so `explain` and every finding can point at the line that decided a value.
 */
import type { Finding, SourceLocation } from '../errors/diagnostic.js';
import { finding } from '../errors/catalog.js';
import type { LeafProvenance, ValueOrigin } from '../model/types.js';
import { escapeSegment, formatPath, type PathSegment } from '../core/path.js';
import { isPlainObject } from '../core/json.js';

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

interface MergeState {
  readonly layer: MergeLayer;
  readonly provenance: Map<string, LeafProvenance>;
  readonly removed: Set<string>;
  readonly findings: Finding[];
  /** Objects on the current descent path: a value that contains itself cannot be merged. */
  readonly ancestors: Set<object>;
  /**
   * The segments of the value being merged, pushed and popped on the way down. Only findings read the
   * segments (copied at once by formatPath); provenance is keyed by the pointer each call is given,
   * built one segment at a time, so no node pays for a new array or for joining its whole path.
   */
  readonly path: PathSegment[];
}

export function mergeLayers(layers: readonly MergeLayer[]): MergeResult {
  const nothing: MergeResult = { value: {}, provenance: new Map(), removed: new Set(), findings: [] };
  return layers.reduce((merged, layer) => mergeLayer(merged, layer), nothing);
}

/**
 * `merged` with one more layer on top, as `mergeLayers([...layers, layer])` gives it; `merged` is left
 * as it was. The fleet merges its base once and every environment onto that, instead of copying the
 * whole base (every topic) again for each environment. The result shares the values the layer does not
 * touch with `merged`: merged values are never changed after they are built, so that is safe.
 */
export function mergeLayer(merged: MergeResult, layer: MergeLayer): MergeResult {
  const state: MergeState = {
    layer,
    provenance: new Map(merged.provenance),
    removed: new Set(merged.removed),
    findings: [...merged.findings],
    ancestors: new Set(),
    path: [],
  };
  // An absent or null layer changes nothing; the loader reports a default export of the wrong shape.
  const value = layer.value === undefined || layer.value === null ? merged.value : mergeValue(merged.value, layer.value, '', state);
  return { value, provenance: state.provenance, removed: state.removed, findings: state.findings };
}

function mergeValue(current: unknown, overlay: unknown, key: string, state: MergeState): unknown {
  if (!isPlainObject(overlay)) {
    forgetBelow(current, key, state);
    return copyData(overlay, key, state);
  }
  const base = isPlainObject(current) ? current : undefined;
  if (base === undefined) forgetBelow(current, key, state);
  state.ancestors.add(overlay);
  const entries = new Map<string, unknown>(base === undefined ? [] : Object.entries(base));
  for (const name of Object.keys(overlay)) {
    state.path.push(name);
    mergeEntry(entries, name, overlay[name], `${key}/${escapeSegment(name)}`, state);
    state.path.pop();
  }
  state.ancestors.delete(overlay);
  return buildObject(entries);
}

/** Merges the overlay's `child` under `name` into `entries` (the object being built at `key`'s parent). */
function mergeEntry(entries: Map<string, unknown>, name: string, child: unknown, key: string, state: MergeState): void {
  if (forbiddenKeys.has(name)) {
    reportForbiddenKey(key, state);
    return;
  }
  // `key: undefined` is how TypeScript spells "not set": it neither sets nor removes.
  if (child === undefined || isCycle(child, key, state) || isNotData(child, key, state)) return;
  if (child === null) {
    forgetBelow(entries.get(name), key, state);
    entries.delete(name);
    recordOrigin(key, state);
    state.removed.add(key);
    return;
  }
  recordOrigin(key, state);
  state.removed.delete(key);
  entries.set(name, mergeValue(entries.get(name), child, key, state));
}

/**
 * A value that replaces wholesale (array or scalar): copied so the result never aliases a layer, with
 * forbidden keys dropped inside arrays too, and a provenance entry for each element so a problem deep
 * inside an array still points at its own line. Inside arrays, `null` is data, not a removal.
 */
function copyData(value: unknown, key: string, state: MergeState): unknown {
  if (Array.isArray(value)) {
    state.ancestors.add(value);
    const out: unknown[] = [];
    value.forEach((element: unknown, index) => {
      state.path.push(index);
      const elementKey = `${key}/${index}`;
      if (!isCycle(element, elementKey, state) && !isNotData(element, elementKey, state)) {
        recordOrigin(elementKey, state);
        out.push(copyData(element, elementKey, state));
      }
      state.path.pop();
    });
    state.ancestors.delete(value);
    return out;
  }
  if (isPlainObject(value)) {
    state.ancestors.add(value);
    const entries = new Map<string, unknown>();
    for (const name of Object.keys(value)) {
      state.path.push(name);
      copyEntry(entries, name, value[name], `${key}/${escapeSegment(name)}`, state);
      state.path.pop();
    }
    state.ancestors.delete(value);
    return buildObject(entries);
  }
  return value;
}

function copyEntry(entries: Map<string, unknown>, name: string, child: unknown, key: string, state: MergeState): void {
  if (forbiddenKeys.has(name)) {
    reportForbiddenKey(key, state);
    return;
  }
  if (child === undefined || isCycle(child, key, state) || isNotData(child, key, state)) return;
  recordOrigin(key, state);
  entries.set(name, copyData(child, key, state));
}

/**
 * A fresh plain object with the entries as own data properties. Object.fromEntries defines them (as
 * Object.defineProperty would) rather than assigning them, so no key reaches a setter or the prototype.
 */
function buildObject(entries: ReadonlyMap<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(entries);
}

/** A child that is one of its own ancestors has no finite value: reported, and the key is skipped. */
function isCycle(child: unknown, key: string, state: MergeState): boolean {
  if (child === null || typeof child !== 'object' || !state.ancestors.has(child)) return false;
  const where = formatPath(state.path);
  state.findings.push(
    finding('RG209', {
      path: where,
      message: `${where} in ${state.layer.file} contains itself, so it has no finite value to merge; it was left out.`,
      ...locOf(key, state),
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
function isNotData(value: unknown, key: string, state: MergeState): boolean {
  const tooDeep = state.path.length > maxDepth;
  const kind = tooDeep ? undefined : notDataKind(value);
  if (!tooDeep && kind === undefined) return false;
  const path = formatPath(state.path);
  const where = `${path} in ${state.layer.file}`;
  state.findings.push(
    finding(tooDeep ? 'RG208' : 'RG203', {
      path,
      message: tooDeep
        ? `${where} is nested more than ${maxDepth} levels deep: no configuration is, so it was most likely built by a loop by mistake; it was left out.`
        : `${where} is ${kind}: configuration is data, and only strings, finite numbers, booleans, null, arrays and plain {...} objects can be written into manifests; it was left out.`,
      ...locOf(key, state),
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

function reportForbiddenKey(key: string, state: MergeState): void {
  const name = String(state.path[state.path.length - 1]);
  const path = formatPath(state.path);
  state.findings.push(
    finding('RG201', {
      path,
      message: `The key "${name}" in ${state.layer.file} was not merged: keys named __proto__, constructor or prototype could change the behaviour of every object in the compiler.`,
      ...locOf(key, state),
    }),
  );
}

function recordOrigin(key: string, state: MergeState): void {
  const previous = state.provenance.get(key);
  const loc = positionOf(key, state.layer);
  const origin: ValueOrigin = loc === undefined ? { layer: state.layer.layer } : { layer: state.layer.layer, loc };
  state.provenance.set(key, { origin, overridden: previous === undefined ? [] : [previous.origin, ...previous.overridden] });
}

/** Drops the provenance of everything below `key` in a value that is being replaced or removed. */
function forgetBelow(old: unknown, key: string, state: MergeState): void {
  // Removals leave no key in the value, so they are found by prefix rather than by walking it.
  // Only an object can hold removed keys, so scalars (the common case) skip the scan.
  if (isPlainObject(old) && state.removed.size > 0) {
    const prefix = `${key}/`;
    for (const removed of [...state.removed].filter((k) => k.startsWith(prefix))) {
      state.removed.delete(removed);
      state.provenance.delete(removed);
    }
  }
  forgetValue(old, key, state);
}

function forgetValue(old: unknown, key: string, state: MergeState): void {
  if (Array.isArray(old)) {
    old.forEach((element: unknown, index) => {
      const childKey = `${key}/${index}`;
      state.provenance.delete(childKey);
      forgetValue(element, childKey, state);
    });
  } else if (isPlainObject(old)) {
    for (const name of Object.keys(old)) {
      const childKey = `${key}/${escapeSegment(name)}`;
      state.provenance.delete(childKey);
      forgetValue(old[name], childKey, state);
    }
  }
}

/**
 * Where the layer wrote `key`. Values the loader has no position for (built by a function, spread
 * from a variable) fall back to the closest enclosing property the file wrote literally. Escaped
 * segments hold no `/`, so cutting at the last `/` gives the parent's key.
 */
function positionOf(key: string, layer: MergeLayer): SourceLocation | undefined {
  for (let parent = key; ; parent = parent.slice(0, parent.lastIndexOf('/'))) {
    const loc = layer.positions.get(parent);
    if (loc !== undefined || parent === '') return loc;
  }
}

function locOf(key: string, state: MergeState): { loc?: SourceLocation } {
  const loc = positionOf(key, state.layer);
  return loc === undefined ? {} : { loc };
}
