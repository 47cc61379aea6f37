/**
 * The runtime half of track-literals.ts: remembers, for every object and array a config's literals
 * make, where each of its keys or elements was written, and walks an evaluated value to give every path
 * its position. Objects are remembered weakly; nothing here runs user code except reading the own keys
 * of spread sources, which the spread itself has just done.
 */
import type { SourceLocation } from '../errors/diagnostic.js';
import { pathKey, type PathSegment } from '../resolve/path.js';
import { entryKind, trackerGlobals, type LiteralEntry } from './track-literals.js';
import { toProjectPath } from './paths.js';

export interface LiteralTracker {
  /** The functions the transpiled code calls, to put into the sandbox's globals. */
  readonly globals: Readonly<Record<string, unknown>>;
  /** Gives a value made outside the sandbox (the base handed to an environment function) its positions. */
  adopt(value: unknown, positions: ReadonlyMap<string, SourceLocation>): void;
  /** The position of every path under `value` that a tracked literal wrote, keyed by `pathKey`. */
  positionsBelow(value: unknown): Map<string, SourceLocation>;
}

interface Table {
  readonly file: string;
  readonly literals: readonly (readonly LiteralEntry[])[];
}

/** Far deeper than configuration; beyond it (or past the budget) a value's positions are not looked for. */
const maxDepth = 64;
const maxPositions = 2_000_000;

export function createLiteralTracker(root: string): LiteralTracker {
  const tables: Table[] = [];
  const known = new WeakMap<object, Map<string, SourceLocation>>();
  // Frames of the literals being built: spread sources and computed keys, in evaluation order.
  const frames: { readonly id: number; readonly values: unknown[] }[] = [];
  let nextFrame = 1;

  const table = (filename: unknown, json: unknown): number => {
    if (typeof filename !== 'string' || typeof json !== 'string') return -1;
    let literals: unknown;
    try {
      literals = JSON.parse(json);
    } catch {
      return -1;
    }
    if (!Array.isArray(literals)) return -1;
    tables.push({ file: toProjectPath(root, filename), literals: literals as LiteralEntry[][] });
    return tables.length - 1;
  };

  const frame = (): number => {
    const id = nextFrame++;
    frames.push({ id, values: [] });
    return id;
  };

  const record = (value: unknown): unknown => {
    frames[frames.length - 1]?.values.push(value);
    return value;
  };

  /** The frame's values, dropping it and any frame a throw left above it. */
  const take = (id: unknown): unknown[] => {
    if (id === 0) return [];
    for (let index = frames.length - 1; index >= 0; index--) {
      const found = frames[index];
      if (found === undefined || found.id !== id) continue;
      frames.length = index;
      return found.values;
    }
    return [];
  };

  const entriesOf = (tableIndex: unknown, literalIndex: unknown): { file: string; entries: readonly LiteralEntry[] } | undefined => {
    const found = typeof tableIndex === 'number' ? tables[tableIndex] : undefined;
    const entries = typeof literalIndex === 'number' ? found?.literals[literalIndex] : undefined;
    return found === undefined || entries === undefined ? undefined : { file: found.file, entries };
  };

  const object = (frameId: unknown, value: unknown, tableIndex: unknown, literalIndex: unknown): unknown => {
    const values = take(frameId);
    const literal = entriesOf(tableIndex, literalIndex);
    if (literal === undefined || typeof value !== 'object' || value === null) return value;
    const positions = new Map<string, SourceLocation>();
    let next = 0;
    for (const [kind, line, column, key] of literal.entries) {
      const loc: SourceLocation = { file: literal.file, line, column };
      if (kind === entryKind.key && key !== undefined) positions.set(key, loc);
      else if (kind === entryKind.computedKey) {
        const computed = values[next++];
        if (typeof computed === 'string' || typeof computed === 'number') positions.set(String(computed), loc);
      } else if (kind === entryKind.spread) spreadInto(positions, values[next++], loc);
    }
    known.set(value, positions);
    return value;
  };

  /** Keys a spread copies keep the position their source had, or else the spread's own. */
  const spreadInto = (positions: Map<string, SourceLocation>, source: unknown, loc: SourceLocation): void => {
    if (typeof source !== 'object' || source === null) return;
    const from = known.get(source);
    for (const key of Object.keys(source)) positions.set(key, from?.get(key) ?? loc);
  };

  const array = (frameId: unknown, value: unknown, tableIndex: unknown, literalIndex: unknown): unknown => {
    const values = take(frameId);
    const literal = entriesOf(tableIndex, literalIndex);
    if (literal === undefined || !Array.isArray(value)) return value;
    const positions = new Map<string, SourceLocation>();
    let index = 0;
    let next = 0;
    for (const [kind, line, column] of literal.entries) {
      const loc: SourceLocation = { file: literal.file, line, column };
      if (kind === entryKind.element) positions.set(String(index++), loc);
      else if (kind === entryKind.spread) {
        const source = values[next++];
        // Only an array says how many elements it spread; past anything else no index is certain.
        if (!Array.isArray(source)) break;
        const from = known.get(source);
        for (let i = 0; i < source.length; i++) positions.set(String(index++), from?.get(String(i)) ?? loc);
      }
    }
    known.set(value, positions);
    return value;
  };

  const adopt = (value: unknown, positions: ReadonlyMap<string, SourceLocation>): void => {
    walk(value, (node, path) => {
      const own = new Map<string, SourceLocation>();
      for (const key of childKeys(node)) {
        const loc = positions.get(pathKey([...path, key]));
        if (loc !== undefined) own.set(key, loc);
      }
      known.set(node, own);
    });
  };

  const positionsBelow = (value: unknown): Map<string, SourceLocation> => {
    const out = new Map<string, SourceLocation>();
    walk(value, (node, path) => {
      const own = known.get(node);
      if (own === undefined) return;
      for (const [key, loc] of own) {
        if (out.size >= maxPositions) return;
        if (Object.prototype.hasOwnProperty.call(node, key)) out.set(pathKey([...path, Array.isArray(node) ? Number(key) : key]), loc);
      }
    });
    return out;
  };

  return {
    globals: {
      [trackerGlobals.table]: table,
      [trackerGlobals.frame]: frame,
      [trackerGlobals.spread]: record,
      [trackerGlobals.key]: record,
      [trackerGlobals.object]: object,
      [trackerGlobals.array]: array,
    },
    adopt,
    positionsBelow,
  };
}

/**
 * Visits every object and array under `value` with its path, through own data properties only (a getter
 * is not run again); a value that contains itself is visited once per path down to it.
 */
function walk(value: unknown, visit: (node: object, path: readonly PathSegment[]) => void): void {
  const ancestors = new Set<object>();
  const path: PathSegment[] = [];
  let visited = 0;
  const descend = (node: unknown): void => {
    if (typeof node !== 'object' || node === null || ancestors.has(node) || path.length > maxDepth || visited++ > maxPositions) return;
    visit(node, path);
    ancestors.add(node);
    for (const key of childKeys(node)) {
      const descriptor = Object.getOwnPropertyDescriptor(node, key);
      if (descriptor === undefined || !('value' in descriptor)) continue;
      path.push(Array.isArray(node) ? Number(key) : key);
      descend(descriptor.value);
      path.pop();
    }
    ancestors.delete(node);
  };
  descend(value);
}

function childKeys(node: object): string[] {
  if (!Array.isArray(node)) return Object.keys(node);
  const keys: string[] = [];
  for (let index = 0; index < node.length; index++) keys.push(String(index));
  return keys;
}
