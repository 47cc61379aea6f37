/**
 * Walks the parts of an object a pattern names. A pattern is a dotted path whose `[]` segments mean
 * "every item of this list": `spec.template.spec.containers[].ports[]`. Only existing maps are visited,
 * which is how the API server defaults too (a default inside `spec.strategy` applies only when the
 * strategy map exists, or was created by an earlier rule).
 */
import { childPath, isNamedList, itemName, itemPath } from './field-path.js';
import { isRecord, type JsonObject } from '../core/json.js';

export type PatternSegment = { readonly key: string } | { readonly each: true };

export function parsePattern(pattern: string): PatternSegment[] {
  if (pattern === '') return [];
  const out: PatternSegment[] = [];
  for (const part of pattern.split('.')) {
    const key = part.endsWith('[]') ? part.slice(0, -2) : part;
    if (key !== '') out.push({ key });
    if (part.endsWith('[]')) out.push({ each: true });
  }
  return out;
}

/** Calls `visit` with every map the pattern reaches and its field path. */
export function forEachMapAt(root: unknown, pattern: readonly PatternSegment[], visit: (map: JsonObject, path: string) => void): void {
  const walk = (node: unknown, i: number, path: string): void => {
    const seg = pattern[i];
    if (seg === undefined) {
      if (isRecord(node)) visit(node, path);
      return;
    }
    if ('key' in seg) {
      if (isRecord(node)) walk(node[seg.key], i + 1, childPath(path, seg.key));
      return;
    }
    if (!Array.isArray(node)) return;
    const named = isNamedList(node);
    node.forEach((item, index) => walk(item, i + 1, itemPath(path, node, index, named)));
  };
  walk(root, 0, '');
}

/**
 * Walks two objects side by side: list items pair up by name in named lists, by index otherwise.
 * `visit` gets the map of `a` (possibly undefined) and of `b` at each reached place.
 */
export function forEachPairAt(
  a: unknown,
  b: unknown,
  pattern: readonly PatternSegment[],
  visit: (mapA: JsonObject | undefined, mapB: JsonObject) => void,
): void {
  const walk = (nodeA: unknown, nodeB: unknown, i: number): void => {
    const seg = pattern[i];
    if (seg === undefined) {
      if (isRecord(nodeB)) visit(isRecord(nodeA) ? nodeA : undefined, nodeB);
      return;
    }
    if ('key' in seg) {
      if (isRecord(nodeB)) walk(isRecord(nodeA) ? nodeA[seg.key] : undefined, nodeB[seg.key], i + 1);
      return;
    }
    if (!Array.isArray(nodeB)) return;
    const listA = Array.isArray(nodeA) ? nodeA : [];
    const named = isNamedList(nodeB) && (listA.length === 0 || isNamedList(listA));
    nodeB.forEach((itemB, index) => {
      const itemA = named ? listA.find((x) => itemName(x) === itemName(itemB)) : listA[index];
      walk(itemA, itemB, i + 1);
    });
  };
  walk(a, b, 0);
}
