/**
 * Provenance after the merge: locating a path in the user's files, and naming the defaults. A value
 * no layer wrote came from a default; a topic field no topic wrote came from `topicDefaults` when that
 * set it, which is the line a user has to change.
 */
import type { SourceLocation } from '../errors/diagnostic.js';
import type { LeafProvenance, Provenance } from '../model/types.js';
import { escapeSegment, parsePathKey, pathKey, type PathSegment } from '../core/path.js';
import { valueAt } from './value-at.js';
import { isPlainObject } from '../core/json.js';

/**
 * The position of the value at `path`, or of its closest ancestor that has one (a default inside a
 * topic points at the topic). Undefined when nothing on the way was written in a file.
 */
export function locateIn(provenance: Provenance, path: readonly PathSegment[]): SourceLocation | undefined {
  for (let length = path.length; length > 0; length--) {
    const loc = provenance.get(pathKey(path.slice(0, length)))?.origin.loc;
    if (loc !== undefined) return loc;
  }
  return undefined;
}

/**
 * Like locateIn, for something that may no longer exist (a deleted topic): while the config holds a
 * value at `path` the closest written ancestor still answers; once it is gone, only the `null` that
 * removed it does. A topic whose lines were deleted from the base has no line to point at, and the
 * environment file's `topics:` line did not remove it.
 */
export function locatePresentOrRemoved(provenance: Provenance, config: unknown, path: readonly PathSegment[]): SourceLocation | undefined {
  if (valueAt(config, path) !== undefined) return locateIn(provenance, path);
  return provenance.get(pathKey(path))?.origin.loc;
}

const defaultOrigin: LeafProvenance = { origin: { layer: 'default' }, overridden: [] };

/**
 * The provenance of a resolved config: what the layers wrote, plus an entry for every path of the config
 * that no layer set (layer `default`; a topic field from `topicDefaults` when that set it), and a removal
 * that a default filled again turned into a default that overrode the removal.
 */
export function addDefaultProvenance(config: unknown, written: Map<string, LeafProvenance>, removed: ReadonlySet<string>): Provenance {
  return new DefaultedProvenance(config, written, removed);
}

/**
 * A resolved config of a few thousand topics has a hundred thousand paths, and a build asks for a few
 * hundred of them; so the default entries are worked out when asked for (and kept), and only iterating
 * the map makes them all. `get` answers exactly what the complete map (see `complete`) holds.
 */
class DefaultedProvenance implements ReadonlyMap<string, LeafProvenance> {
  private readonly answered = new Map<string, LeafProvenance | undefined>();
  private all: Map<string, LeafProvenance> | undefined;

  constructor(
    private readonly config: unknown,
    private readonly written: ReadonlyMap<string, LeafProvenance>,
    private readonly removed: ReadonlySet<string>,
  ) {}

  get(key: string): LeafProvenance | undefined {
    if (this.all !== undefined) return this.all.get(key);
    if (this.answered.has(key)) return this.answered.get(key);
    const path = key === '' ? undefined : pathInConfig(this.config, key);
    const entry = path === undefined ? this.written.get(key) : this.entryAt(key, path);
    this.answered.set(key, entry);
    return entry;
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  get size(): number {
    return this.complete().size;
  }

  entries(): MapIterator<[string, LeafProvenance]> {
    return this.complete().entries();
  }

  keys(): MapIterator<string> {
    return this.complete().keys();
  }

  values(): MapIterator<LeafProvenance> {
    return this.complete().values();
  }

  forEach(callback: (value: LeafProvenance, key: string, map: ReadonlyMap<string, LeafProvenance>) => void, thisArg?: unknown): void {
    for (const [key, value] of this.complete()) callback.call(thisArg, value, key, this);
  }

  [Symbol.iterator](): MapIterator<[string, LeafProvenance]> {
    return this.entries();
  }

  /** The entry of a path the config has. */
  private entryAt(key: string, path: readonly PathSegment[]): LeafProvenance {
    const entry = this.written.get(key);
    if (entry === undefined) return fromTopicDefaults(path, this) ?? defaultOrigin;
    if (this.removed.has(key)) return { origin: { layer: 'default' }, overridden: [entry.origin, ...entry.overridden] };
    return entry;
  }

  /** Every entry, in the order a walk over the config adds them after the written ones. */
  private complete(): Map<string, LeafProvenance> {
    if (this.all !== undefined) return this.all;
    const all = new Map(this.written);
    const path: PathSegment[] = [];
    const walk = (value: unknown, key: string): void => {
      if (path.length > 0) all.set(key, this.get(key) ?? defaultOrigin);
      if (Array.isArray(value)) {
        value.forEach((element: unknown, index) => {
          path.push(index);
          walk(element, `${key}/${index}`);
          path.pop();
        });
      } else if (isPlainObject(value)) {
        for (const k of Object.keys(value)) {
          path.push(k);
          walk(value[k], `${key}/${escapeSegment(k)}`);
          path.pop();
        }
      }
    };
    walk(this.config, '');
    this.all = all;
    return all;
  }
}

/** The segments of `key` if the config has a value there (array elements by index, own keys of objects). */
function pathInConfig(config: unknown, key: string): PathSegment[] | undefined {
  const segments = parsePathKey(key);
  let value: unknown = config;
  for (const segment of segments) {
    if (Array.isArray(value)) {
      if (!/^(?:0|[1-9][0-9]*)$/.test(segment) || Number(segment) >= value.length) return undefined;
      value = value[Number(segment)];
    } else if (isPlainObject(value)) {
      if (!Object.prototype.hasOwnProperty.call(value, segment)) return undefined;
      value = value[segment];
    } else {
      return undefined;
    }
  }
  return segments;
}

function fromTopicDefaults(path: readonly PathSegment[], provenance: Provenance): LeafProvenance | undefined {
  const [root, , field, ...rest] = path;
  if (root !== 'topics' || path.length < 3 || field === undefined) return undefined;
  const entry = provenance.get(pathKey(['topicDefaults', field, ...rest]));
  return entry === undefined ? undefined : { origin: entry.origin, overridden: [] };
}
