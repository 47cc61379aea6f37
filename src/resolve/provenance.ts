/**
 * Provenance after the merge: locating a path in the user's files, and naming the defaults. A value
 * no layer wrote came from a default; a topic field no topic wrote came from `topicDefaults` when that
 * set it, which is the line a user has to change.
 */
import type { SourceLocation } from '../errors/diagnostic.js';
import type { LeafProvenance, Provenance } from '../model/types.js';
import { pathKey, type PathSegment } from './path.js';
import { isPlainObject } from './merge.js';

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

const defaultOrigin: LeafProvenance = { origin: { layer: 'default' }, overridden: [] };

/**
 * Adds an entry for every path of the resolved config that no layer set (layer `default`), and turns
 * a removal that a default filled again into a default that overrode the removal.
 */
export function addDefaultProvenance(
  config: unknown,
  provenance: Map<string, LeafProvenance>,
  removed: ReadonlySet<string>,
): Map<string, LeafProvenance> {
  const walk = (value: unknown, path: PathSegment[]): void => {
    if (path.length > 0) {
      const key = pathKey(path);
      const entry = provenance.get(key);
      if (entry === undefined) provenance.set(key, fromTopicDefaults(path, provenance) ?? defaultOrigin);
      else if (removed.has(key)) provenance.set(key, { origin: { layer: 'default' }, overridden: [entry.origin, ...entry.overridden] });
    }
    if (Array.isArray(value)) value.forEach((element: unknown, index) => walk(element, [...path, index]));
    else if (isPlainObject(value)) for (const k of Object.keys(value)) walk(value[k], [...path, k]);
  };
  walk(config, []);
  return provenance;
}

function fromTopicDefaults(path: readonly PathSegment[], provenance: Provenance): LeafProvenance | undefined {
  const [root, , field, ...rest] = path;
  if (root !== 'topics' || path.length < 3 || field === undefined) return undefined;
  const entry = provenance.get(pathKey(['topicDefaults', field, ...rest]));
  return entry === undefined ? undefined : { origin: entry.origin, overridden: [] };
}
