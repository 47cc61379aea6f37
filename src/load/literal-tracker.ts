/**
 * The runtime half of track-literals.ts: remembers, for every object and array a config's literals
 * make, where each of its keys or elements was written, and walks an evaluated value to give every path
 * its position. Objects are remembered weakly; nothing here runs user code except reading the own keys
 * of spread sources, which the spread itself has just done.
 */
import type { SourceLocation } from '../errors/diagnostic.js';
import { escapeSegment } from '../core/path.js';
import { entryKind, trackerGlobals, type LiteralEntry } from './track-literals.js';
import { toProjectPath } from './paths.js';

export interface LiteralTracker {
  /**
   * The functions the transpiled code calls, by name: passed to each module as parameters (local
   * variables are found at once; a global of a vm context goes through its interceptor on every call).
   */
  readonly runtime: Readonly<Record<string, unknown>>;
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
  // What a literal recorded as it was made, turned into key positions only when a walk asks (most
  // literals of a large fleet are never asked about twice, and a build should not pay for a Map each).
  const made = new WeakMap<object, Made | Map<string, SourceLocation>>();
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
  const take = (id: unknown): readonly unknown[] => {
    if (id === 0) return noValues;
    for (let index = frames.length - 1; index >= 0; index--) {
      const found = frames[index];
      if (found === undefined || found.id !== id) continue;
      frames.length = index;
      return found.values;
    }
    return noValues;
  };

  const literal = (frameId: unknown, value: unknown, tableIndex: unknown, literalIndex: unknown): unknown => {
    const values = take(frameId);
    if (typeof value !== 'object' || value === null || typeof tableIndex !== 'number' || typeof literalIndex !== 'number') return value;
    const found = tables[tableIndex];
    const entries = found?.literals[literalIndex];
    if (found !== undefined && entries !== undefined) made.set(value, { file: found.file, entries, values, array: Array.isArray(value) });
    return value;
  };

  /** The key positions of a tracked object or array (keys of arrays are indexes as strings). */
  const positionsOf = (value: object): Map<string, SourceLocation> | undefined => {
    const entry = made.get(value);
    if (entry === undefined || entry instanceof Map) return entry;
    const positions = entry.array ? arrayPositions(entry) : objectPositions(entry);
    made.set(value, positions);
    return positions;
  };

  const objectPositions = ({ file, entries, values }: Made): Map<string, SourceLocation> => {
    const positions = new Map<string, SourceLocation>();
    let next = 0;
    for (const [kind, line, column, key] of entries) {
      const loc: SourceLocation = { file, line, column };
      if (kind === entryKind.key && key !== undefined) positions.set(key, loc);
      else if (kind === entryKind.computedKey) {
        const computed = values[next++];
        if (typeof computed === 'string' || typeof computed === 'number') positions.set(String(computed), loc);
      } else if (kind === entryKind.spread) {
        // Keys a spread copies keep the position their source had, or else the spread's own.
        const source = values[next++];
        if (typeof source !== 'object' || source === null) continue;
        const from = positionsOf(source);
        for (const key of Object.keys(source)) positions.set(key, from?.get(key) ?? loc);
      }
    }
    return positions;
  };

  const arrayPositions = ({ file, entries, values }: Made): Map<string, SourceLocation> => {
    const positions = new Map<string, SourceLocation>();
    let index = 0;
    let next = 0;
    for (const [kind, line, column] of entries) {
      const loc: SourceLocation = { file, line, column };
      if (kind === entryKind.element) positions.set(String(index++), loc);
      else if (kind === entryKind.spread) {
        const source = values[next++];
        // Only an array says how many elements it spread; past anything else no index is certain.
        if (!Array.isArray(source)) break;
        const from = positionsOf(source);
        for (let i = 0; i < source.length; i++) positions.set(String(index++), from?.get(String(i)) ?? loc);
      }
    }
    return positions;
  };

  const adopt = (value: unknown, positions: ReadonlyMap<string, SourceLocation>): void => {
    walk(value, (node, key) => {
      const own = new Map<string, SourceLocation>();
      for (const child of childKeys(node)) {
        const loc = positions.get(`${key}/${escapeSegment(child)}`);
        if (loc !== undefined) own.set(child, loc);
      }
      made.set(node, own);
    });
  };

  const positionsBelow = (value: unknown): Map<string, SourceLocation> => {
    const out = new Map<string, SourceLocation>();
    walk(value, (node, key) => {
      const own = positionsOf(node);
      if (own === undefined) return;
      for (const [child, loc] of own) {
        if (out.size >= maxPositions) return;
        if (Object.prototype.hasOwnProperty.call(node, child)) out.set(`${key}/${escapeSegment(child)}`, loc);
      }
    });
    return out;
  };

  return {
    runtime: {
      [trackerGlobals.table]: table,
      [trackerGlobals.frame]: frame,
      [trackerGlobals.spread]: record,
      [trackerGlobals.key]: record,
      [trackerGlobals.object]: literal,
      [trackerGlobals.array]: literal,
    },
    adopt,
    positionsBelow,
  };
}

/** A literal as it was made: where its entries were written, and the runtime values they took. */
interface Made {
  readonly file: string;
  readonly entries: readonly LiteralEntry[];
  readonly values: readonly unknown[];
  readonly array: boolean;
}

const noValues: readonly unknown[] = [];

/**
 * Visits every object and array under `value` with its `pathKey`, through own data properties only (a
 * getter is not run again); a value that contains itself is visited once per path down to it.
 */
function walk(value: unknown, visit: (node: object, key: string) => void): void {
  const ancestors = new Set<object>();
  let visited = 0;
  const descend = (node: unknown, key: string, depth: number): void => {
    if (typeof node !== 'object' || node === null || ancestors.has(node) || depth > maxDepth || visited++ > maxPositions) return;
    visit(node, key);
    ancestors.add(node);
    for (const child of childKeys(node)) {
      const descriptor = Object.getOwnPropertyDescriptor(node, child);
      if (descriptor === undefined || !('value' in descriptor)) continue;
      const childValue: unknown = descriptor.value;
      if (typeof childValue === 'object' && childValue !== null) descend(childValue, `${key}/${escapeSegment(child)}`, depth + 1);
    }
    ancestors.delete(node);
  };
  descend(value, '', 0);
}

function childKeys(node: object): string[] {
  if (!Array.isArray(node)) return Object.keys(node);
  const keys: string[] = [];
  for (let index = 0; index < node.length; index++) keys.push(String(index));
  return keys;
}
