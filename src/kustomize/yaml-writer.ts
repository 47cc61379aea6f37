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
import { isPlainObject } from '../core/json.js';
import { compareText } from '../core/order.js';

export interface YamlOptions {
  /** Keys written first, in this order, in the top-level mapping. @default ['apiVersion', 'kind', 'metadata'] */
  readonly keyOrder?: readonly string[];
}

const objectKeyOrder = ['apiVersion', 'kind', 'metadata'] as const;
const metadataKeyOrder = ['name', 'namespace'] as const;
const noKeys: readonly string[] = [];

const stringifyOptions: ToStringOptions = {
  lineWidth: 0,
  minContentWidth: 0,
  indentSeq: false,
  singleQuote: false,
  defaultStringType: 'PLAIN',
  defaultKeyType: 'PLAIN',
};

/**
 * `first` (those present), then the rest in code-unit order. The sort has no comparator on purpose:
 * the default order of strings IS code-unit order, and without a JavaScript callback per comparison
 * the keys of every mapping of every file sort faster.
 */
function orderKeys(keys: string[], first: readonly string[]): string[] {
  if (first.length === 0) return keys.sort(); // in place: callers pass a fresh Object.keys array
  const head = first.filter((k) => keys.includes(k));
  const tail = keys.filter((k) => !first.includes(k)).sort();
  return [...head, ...tail];
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
  return writeDocument(value, options.keyOrder ?? objectKeyOrder) ?? toYamlThroughLibrary(value, options);
}

/** The reference: build `yaml` nodes and let the library write them. */
export function toYamlThroughLibrary(value: unknown, options: YamlOptions = {}): string {
  const doc = new Document();
  doc.contents = buildNode(value, options.keyOrder ?? objectKeyOrder, new Set(), 0);
  return doc.toString(stringifyOptions);
}

/*
 * Every file under out/ is written here, and building a node tree for the library to walk again was
 * most of the kustomize stage. For plain data, the writer below produces the library's bytes directly
 * (block mappings and sequences, `- ` at the parent's indentation, `{}`/`[]` when empty, plain or
 * double-quoted scalars, `|`/`|-` block literals). Whatever it is not sure about (escapes, a string
 * the library would fold, chomp-keep or indent-indicate, non-finite numbers, non-plain objects, cycles,
 * very long keys) makes it return undefined, and the library writes that document. A property test
 * holds the two to the same bytes.
 */

const indentStep = '  ';
const needsQuotes = /^[\n\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]$/;
const forcesDoubleQuotes = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u{D800}-\u{DFFF}]/u;
const documentMarker = /^(%|---|\.\.\.)/m;

/**
 * Nesting deeper than this is left to the library. Kubernetes objects stay far below it, and every
 * cycle reaches it, so the library (which refuses cycles) sees them without this writer keeping the
 * set of ancestors a cycle check would need at every node.
 */
const maxDirectDepth = 100;

function writeDocument(value: unknown, first: readonly string[]): string | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const body = writeCollection(value, first, 0, '');
  return body === undefined ? undefined : `${body}\n`;
}

/** A mapping or sequence whose lines start at `indent` (the first line's indentation is the caller's). */
function writeCollection(value: object, first: readonly string[], depth: number, indent: string): string | undefined {
  if (depth > maxDirectDepth) return undefined;
  if (Array.isArray(value)) return writeSequence(value, depth, indent);
  return isPlainObject(value) ? writeMapping(value, first, depth, indent) : undefined;
}

function writeSequence(items: readonly unknown[], depth: number, indent: string): string | undefined {
  if (items.length === 0) return '[]';
  const itemIndent = indent + indentStep;
  let text = '';
  for (let i = 0; i < items.length; i += 1) {
    const item = writeValue(items[i], depth + 1, itemIndent);
    if (item === undefined) return undefined;
    text += i === 0 ? `- ${item}` : `\n${indent}- ${item}`;
  }
  return text;
}

function writeMapping(value: Record<string, unknown>, first: readonly string[], depth: number, indent: string): string | undefined {
  const innerIndent = indent + indentStep;
  let text = '';
  for (const key of orderKeys(Object.keys(value), first)) {
    const child = value[key];
    if (child === undefined) continue;
    if (key.length > 1000) return undefined; // the library writes long keys as explicit `? key`
    const keyText = writeString(key);
    if (keyText === undefined) return undefined;
    let pair: string | undefined;
    if (child !== null && typeof child === 'object') {
      const childFirst = depth === 0 && key === 'metadata' ? metadataKeyOrder : noKeys;
      // A sequence's `- ` stands at the key's indentation, a mapping's keys one step in.
      const childIndent = Array.isArray(child) ? indent : innerIndent;
      const collection = writeCollection(child, childFirst, depth + 1, childIndent);
      if (collection === undefined) return undefined;
      pair = collection === '{}' || collection === '[]' ? `${keyText}: ${collection}` : `${keyText}:\n${childIndent}${collection}`;
    } else {
      const scalar = writeScalar(child, innerIndent);
      if (scalar === undefined) return undefined;
      pair = `${keyText}: ${scalar}`;
    }
    text += text === '' ? pair : `\n${indent}${pair}`;
  }
  return text === '' ? '{}' : text;
}

/** A sequence item at `indent` (the indentation of its continuation lines). */
function writeValue(value: unknown, depth: number, indent: string): string | undefined {
  if (value !== null && typeof value === 'object') return writeCollection(value, noKeys, depth, indent);
  return writeScalar(value, indent);
}

function writeScalar(value: unknown, indent: string): string | undefined {
  if (typeof value === 'string') return value.includes('\n') ? writeBlockLiteral(value, indent) : writeString(value);
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return Number.isFinite(value) ? JSON.stringify(value) : undefined;
  return undefined;
}

/**
 * How strings seen before are written. Keys and most values (names, labels, images) recur in every
 * object of a fleet, and deciding between plain and quoted runs half a dozen regular expressions; a
 * lookup is cheaper. The answer depends on the string alone, so the cache cannot change a byte. Long
 * strings are not kept, and the cache is emptied when full, so a long-lived process stays small.
 */
const writtenStrings = new Map<string, string>();
const maxWrittenStrings = 10_000;
const maxRememberedLength = 200;

/** A one-line string (or a key): plain when the library would write it plain, else double-quoted JSON. */
function writeString(value: string): string | undefined {
  const known = writtenStrings.get(value);
  if (known !== undefined) return known;
  const text = decideString(value);
  if (text !== undefined && value.length <= maxRememberedLength) {
    if (writtenStrings.size >= maxWrittenStrings) writtenStrings.clear();
    writtenStrings.set(value, text);
  }
  return text;
}

function decideString(value: string): string | undefined {
  if (forcesDoubleQuotes.test(value) || value.includes('\n')) return undefined;
  if (isAmbiguousScalar(value) || needsQuotes.test(value)) return jsonWithoutEscapes(value);
  // The library treats these specially depending on where they stand; leave them to it.
  if (documentMarker.test(value)) return undefined;
  return value;
}

/** The library's double-quoted form is JSON, rewritten where JSON escapes: those are left to it. */
function jsonWithoutEscapes(value: string): string | undefined {
  const json = JSON.stringify(value);
  return json.includes('\\') ? undefined : json;
}

/** `|` (one final newline) or `|-` (none); anything needing an indentation indicator or `|+` is left. */
function writeBlockLiteral(value: string, indent: string): string | undefined {
  if (isAmbiguousScalar(value) || forcesDoubleQuotes.test(value)) return undefined;
  if (value.startsWith(' ') || value.startsWith('\n')) return undefined;
  const clip = value.endsWith('\n');
  const body = clip ? value.slice(0, -1) : value;
  if (body === '' || /[\n\t ]$/.test(body)) return undefined;
  return `|${clip ? '' : '-'}\n${indent}${body.replace(/\n+/g, `$&${indent}`)}`;
}

/** Several documents in one stream, separated by `---` lines. */
export function toYamlDocuments(values: readonly unknown[], options: YamlOptions = {}): string {
  return values.map((v) => toYaml(v, options)).join('---\n');
}
