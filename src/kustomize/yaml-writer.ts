/**
 * The one YAML writer of rivven-gitops: every file under out/ goes through it, so the bytes depend only
 * on the data. Rules (pinned, because a reviewer reads the diffs they produce):
 * - `apiVersion`, `kind`, `metadata` first, then the other keys in code-unit order; inside the top-level
 *   `metadata`, `name` and `namespace` first; every other mapping fully sorted. Callers writing other
 *   file kinds (kustomization.yaml) pass their own top-level order.
 * - nodes are built by hand, so there are no anchors or aliases even when the input shares objects;
 * - no line folding (a long annotation stays on one line and diffs cleanly);
 * - strings a YAML 1.1 or 1.2 reader could take for a bool, null, number or date are double-quoted;
 *   other strings are plain when they can be; multi-line strings are block literals (`|`);
 * - sequences are not indented under their key, as `kubectl` prints them;
 * - documents are separated by `---` lines (no leading `---`), and every file ends with a newline.
 */
import { Document, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import type { Node, ToStringOptions } from 'yaml';
import { InternalError } from '../errors/diagnostic.js';
import { isAmbiguousScalar } from './yaml-scalars.js';

export interface YamlOptions {
  /** Keys written first, in this order, in the top-level mapping. @default ['apiVersion', 'kind', 'metadata'] */
  readonly keyOrder?: readonly string[];
}

const objectKeyOrder = ['apiVersion', 'kind', 'metadata'] as const;
const metadataKeyOrder = ['name', 'namespace'] as const;

const stringifyOptions: ToStringOptions = {
  lineWidth: 0,
  minContentWidth: 0,
  indentSeq: false,
  singleQuote: false,
  defaultStringType: 'PLAIN',
  defaultKeyType: 'PLAIN',
};

/** Code-unit order: locale-independent, so every machine sorts alike. */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function orderKeys(keys: readonly string[], first: readonly string[]): string[] {
  const head = first.filter((k) => keys.includes(k));
  const tail = keys.filter((k) => !first.includes(k)).sort(compareCodeUnits);
  return [...head, ...tail];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function stringScalar(value: string, isKey: boolean): Scalar {
  const scalar = new Scalar(value);
  if (isAmbiguousScalar(value)) scalar.type = 'QUOTE_DOUBLE';
  else if (!isKey && value.includes('\n')) scalar.type = 'BLOCK_LITERAL';
  return scalar;
}

function buildNode(value: unknown, first: readonly string[], ancestors: Set<object>, depth: number): Node {
  if (value === null || value === undefined) return new Scalar(null);
  if (typeof value === 'string') return stringScalar(value, false);
  if (typeof value === 'number' || typeof value === 'boolean') return new Scalar(value);
  if (typeof value !== 'object') throw new InternalError(`cannot write a ${typeof value} as YAML`);
  if (ancestors.has(value)) throw new InternalError('cannot write a cyclic value as YAML');
  ancestors.add(value);
  try {
    if (Array.isArray(value)) {
      const seq = new YAMLSeq();
      for (const item of value) seq.items.push(buildNode(item, [], ancestors, depth + 1));
      return seq;
    }
    if (!isPlainObject(value)) throw new InternalError(`cannot write a ${value.constructor.name} as YAML`);
    const map = new YAMLMap();
    for (const key of orderKeys(Object.keys(value), first)) {
      const child = value[key];
      if (child === undefined) continue;
      const childFirst = depth === 0 && key === 'metadata' ? metadataKeyOrder : [];
      map.items.push(new Pair(stringScalar(key, true), buildNode(child, childFirst, ancestors, depth + 1)));
    }
    return map;
  } finally {
    ancestors.delete(value);
  }
}

/** One YAML document, ending with a newline. */
export function toYaml(value: unknown, options: YamlOptions = {}): string {
  const doc = new Document();
  doc.contents = buildNode(value, options.keyOrder ?? objectKeyOrder, new Set(), 0);
  return doc.toString(stringifyOptions);
}

/** Several documents in one stream, separated by `---` lines. */
export function toYamlDocuments(values: readonly unknown[], options: YamlOptions = {}): string {
  return values.map((v) => toYaml(v, options)).join('---\n');
}
