/**
 * The structural comparison of one rendered object with its counterpart in the source. Besides the list
 * of field changes it returns the two objects as they should be shown in a unified diff: with everything
 * the comparison decided to ignore removed or made equal, so the YAML diff and the field list agree.
 *
 * What is ignored (see managed-fields.ts and normalize.ts for why):
 * - quantities equal by value (`1000m` = `1`);
 * - empty maps, empty lists and nulls against absent fields (the API server omits empty values);
 * - with managedFields: a field present only in the source that no applier owns (an apply keeps it);
 *   a differing field owned only by controllers (HPA replicas); a differing field our side only has as a
 *   default, where no applier owns the source's value (the server keeps the value it has);
 * - without managedFields but with kubectl's last-applied annotation: a source-only field that was
 *   never applied, and a defaulted field that was never applied.
 * Without either, everything not normalized away counts: a git ref or a dump is compared as it is.
 */
import { ancestorPaths, childPath, indexItemPath, isNamedList, itemName, itemPath, namedItemPath } from './field-path.js';
import { isEmptyValue } from './json-value.js';
import type { Ownership } from './managed-fields.js';
import { isQuantityField, quantitiesEqual } from './quantity.js';
import type { FieldChange } from './types.js';
import { isRecord, type JsonObject } from '../core/json.js';
import { jsonEqual } from '../core/json-equal.js';

export interface CompareInput {
  /** Rendered object, normalized and defaulted. */
  readonly desired: unknown;
  /** Source object, normalized and defaulted. */
  readonly source: unknown;
  /** Paths of `desired` that hold a default rather than a rendered value. */
  readonly defaulted?: ReadonlySet<string>;
  /** From the source object's managedFields. */
  readonly ownership?: Ownership;
  /** The source object's `kubectl.kubernetes.io/last-applied-configuration`, parsed. */
  readonly lastApplied?: JsonObject;
}

export interface Comparison {
  readonly fields: readonly FieldChange[];
  /** `desired` and `source` with ignored differences removed: what the unified diff shows. */
  readonly shownDesired: unknown;
  readonly shownSource: unknown;
}

/** Every path present in a value (maps, list items, leaves), for last-applied lookups. */
function allPaths(value: unknown): Set<string> {
  const out = new Set<string>();
  const walk = (node: unknown, path: string): void => {
    if (path !== '') out.add(path);
    if (isRecord(node)) for (const [k, v] of Object.entries(node)) walk(v, childPath(path, k));
    else if (Array.isArray(node)) {
      const named = isNamedList(node);
      node.forEach((item, i) => walk(item, itemPath(path, node, i, named)));
    }
  };
  walk(value, '');
  return out;
}

interface Walker {
  readonly fields: FieldChange[];
  sourceOnlyIgnored(path: string): boolean;
  changeIgnored(path: string): boolean;
}

function createWalker(input: CompareInput): Walker {
  const { ownership, defaulted } = input;
  const applied = input.lastApplied ? allPaths(input.lastApplied) : undefined;
  const isDefaulted = (path: string): boolean =>
    defaulted !== undefined && (defaulted.has(path) || ancestorPaths(path).some((a) => defaulted.has(a)));
  return {
    fields: [],
    sourceOnlyIgnored(path) {
      if (ownership) return !ownership.applier.has(path);
      if (applied) return !applied.has(path);
      return false;
    },
    changeIgnored(path) {
      if (ownership) {
        if (ownership.applier.has(path)) return false;
        if (isDefaulted(path)) return true;
        return ownership.controller.has(path) && !ownership.human.has(path);
      }
      if (applied) return isDefaulted(path) && !applied.has(path);
      return false;
    },
  };
}

type Shown = readonly [desired: unknown, source: unknown];

function walk(w: Walker, d: unknown, s: unknown, path: string, keys: readonly string[]): Shown {
  const dEmpty = isEmptyValue(d);
  const sEmpty = isEmptyValue(s);
  if (dEmpty && sEmpty) return [undefined, undefined];
  if (sEmpty) {
    w.fields.push({ path, op: 'add', after: d });
    return [d, undefined];
  }
  if (isRecord(s) && (dEmpty || isRecord(d))) return walkMaps(w, isRecord(d) ? d : undefined, s, path, keys);
  if (Array.isArray(s) && (dEmpty || Array.isArray(d))) return walkLists(w, Array.isArray(d) ? d : undefined, s, path, keys);
  if (dEmpty) {
    if (w.sourceOnlyIgnored(path)) return [undefined, undefined];
    w.fields.push({ path, op: 'remove', before: s });
    return [undefined, s];
  }
  if (jsonEqual(d, s) || (isQuantityField(keys) && quantitiesEqual(d, s))) return [d, d];
  if (w.changeIgnored(path)) return [d, d];
  w.fields.push({ path, op: 'change', before: s, after: d });
  return [d, s];
}

/**
 * A subtree only the source has: its leaves are judged one by one (an applier may own some of them), and
 * when every leaf counts, the changes collapse into one `remove` of the subtree.
 */
function collapseRemoval(w: Walker, mark: number, d: unknown, s: unknown, shownSource: unknown, path: string): void {
  if (d !== undefined && !isEmptyValue(d)) return;
  if (w.fields.length > mark && jsonEqual(shownSource, s)) {
    w.fields.splice(mark);
    w.fields.push({ path, op: 'remove', before: s });
  }
}

function walkMaps(w: Walker, d: JsonObject | undefined, s: JsonObject, path: string, keys: readonly string[]): Shown {
  const mark = w.fields.length;
  const outD: JsonObject = {};
  const outS: JsonObject = {};
  const names = new Set([...Object.keys(d ?? {}), ...Object.keys(s)]);
  for (const key of [...names].sort()) {
    const [a, b] = walk(w, d?.[key], s[key], childPath(path, key), [...keys, key]);
    if (a !== undefined) outD[key] = a;
    if (b !== undefined) outS[key] = b;
  }
  collapseRemoval(w, mark, d, s, outS, path);
  return [d === undefined ? undefined : outD, Object.keys(outS).length === 0 && d === undefined ? undefined : outS];
}

function walkLists(w: Walker, d: readonly unknown[] | undefined, s: readonly unknown[], path: string, keys: readonly string[]): Shown {
  const mark = w.fields.length;
  const itemKeys = [...keys, '[]'];
  const outD: unknown[] = [];
  const outS: unknown[] = [];
  const dList = d ?? [];
  if (isNamedList(s) && (dList.length === 0 || isNamedList(dList))) {
    const nameOf = (item: unknown): string => itemName(item) ?? '';
    const sByName = new Map(s.map((item) => [nameOf(item), item]));
    const dByName = new Map(dList.map((item) => [nameOf(item), item]));
    const shownS = new Map<string, unknown>();
    for (const item of dList) {
      const name = nameOf(item);
      const [a, b] = walk(w, item, sByName.get(name), namedItemPath(path, name), itemKeys);
      if (a !== undefined) outD.push(a);
      if (b !== undefined) shownS.set(name, b);
    }
    for (const item of s) {
      const name = nameOf(item);
      if (dByName.has(name)) continue;
      const [, b] = walk(w, undefined, item, namedItemPath(path, name), itemKeys);
      if (b !== undefined) shownS.set(name, b);
    }
    // The source keeps its own order, so a reordering shows in the unified diff too.
    for (const item of s) {
      const shown = shownS.get(nameOf(item));
      if (shown !== undefined) outS.push(shown);
    }
    const common = (list: readonly unknown[], other: Map<string, unknown>) => list.map(nameOf).filter((n) => other.has(n));
    const dOrder = common(dList, sByName);
    const sOrder = common(s, dByName);
    if (!jsonEqual(dOrder, sOrder)) w.fields.push({ path, op: 'change', before: sOrder, after: dOrder });
  } else {
    const length = Math.max(dList.length, s.length);
    for (let i = 0; i < length; i++) {
      const [a, b] = walk(w, dList[i], s[i], indexItemPath(path, i), itemKeys);
      if (a !== undefined) outD.push(a);
      if (b !== undefined) outS.push(b);
    }
  }
  collapseRemoval(w, mark, d, s, outS, path);
  return [d === undefined ? undefined : outD, outS.length === 0 && d === undefined ? undefined : outS];
}

/** Compares a rendered object with the source's; both already normalized and defaulted. */
export function compareObjects(input: CompareInput): Comparison {
  const w = createWalker(input);
  const [shownDesired, shownSource] = walk(w, input.desired, input.source, '', []);
  return { fields: w.fields, shownDesired, shownSource };
}
