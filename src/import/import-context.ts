/**
 * The bookkeeping every mapper shares: the config being built, where each value came from in the YAML,
 * the notes, and which input paths a mapper has dealt with. Mappers read the input through
 * `DocumentMapper.get` and write through `set` or `note`, so nothing is carried over silently changed.
 */
import type { SourceLocation } from '../errors/diagnostic.js';
import { formatPath, pathKey, type PathSegment } from '../core/path.js';
import { setOwn } from './values.js';
import type { ImportDocument, ImportNote } from './types.js';
import { isPlainObject } from '../core/json.js';
import { jsonEqual } from '../core/json-equal.js';

export interface ValueOrigin {
  readonly doc: ImportDocument;
  readonly from: readonly PathSegment[];
}

/** Counts the scalar leaves of a value (an empty object or array counts as one). */
export function countLeaves(value: unknown): number {
  if (Array.isArray(value)) return value.length === 0 ? 1 : value.reduce<number>((n, v) => n + countLeaves(v), 0);
  if (isPlainObject(value)) {
    const values = Object.values(value).filter((v) => v !== undefined);
    return values.length === 0 ? 1 : values.reduce<number>((n, v) => n + countLeaves(v), 0);
  }
  return value === undefined ? 0 : 1;
}

export function valueAtPath(root: unknown, path: readonly PathSegment[]): unknown {
  let node = root;
  for (const segment of path) {
    if (Array.isArray(node) && typeof segment === 'number') node = node[segment];
    else if (isPlainObject(node) && typeof segment === 'string' && Object.hasOwn(node, segment)) node = node[segment];
    else return undefined;
  }
  return node;
}

/** `a.b` is at or under `a`. */
export function isAtOrUnder(path: readonly PathSegment[], prefix: readonly PathSegment[]): boolean {
  return prefix.length <= path.length && prefix.every((s, i) => s === path[i]);
}

/** Where a document path is, for people: `file spec.replicas`, or `file#3 spec.replicas` past the first document. */
export function describeSource(doc: ImportDocument, from: readonly PathSegment[]): string {
  const where = from.length === 0 ? '(document)' : formatPath(from);
  return `${doc.file}${doc.index > 0 ? `#${doc.index + 1}` : ''} ${where}`;
}

/** The position of the nearest node at or above `from` that has one. */
export function locateSource(doc: ImportDocument, from: readonly PathSegment[]): SourceLocation | undefined {
  for (let n = from.length; n >= 0; n--) {
    const loc = doc.positions?.get(pathKey(from.slice(0, n)));
    if (loc !== undefined) return loc;
  }
  return undefined;
}

export class ImportBuilder {
  readonly config: Record<string, unknown> = {};
  readonly notes: ImportNote[] = [];
  /** By `pathKey` of the config path. */
  readonly origins = new Map<string, ValueOrigin & { readonly target: readonly PathSegment[] }>();
  mappedFields = 0;

  document(doc: ImportDocument): DocumentMapper {
    return new DocumentMapper(this, doc);
  }

  /** Input paths that have a note, per document: later, generic notes below them would only repeat it. */
  private readonly noted: { readonly doc: ImportDocument; readonly from: readonly PathSegment[]; readonly target: readonly PathSegment[] }[] = [];

  /**
   * Notes a value of `doc`. `covers` (the default) says the note explains everything at and below
   * `from`, so the verification adds no generic note there; a note about something added next to the
   * document (a Secret reference it lacks) explains nothing of it and covers nothing.
   */
  note(doc: ImportDocument, from: readonly PathSegment[], reason: string, target: readonly PathSegment[], covers = true): void {
    const loc = locateSource(doc, from);
    this.notes.push({ path: describeSource(doc, from), reason, target: [...target], ...(loc === undefined ? {} : { loc }) });
    if (covers) this.noted.push({ doc, from: [...from], target: [...target] });
  }

  /** A note about a config value: it points at the YAML the value came from, when there is one. */
  noteValue(origin: ValueOrigin | undefined, reason: string, target: readonly PathSegment[], covers = true): void {
    if (origin !== undefined) this.note(origin.doc, origin.from, reason, target, covers);
    else this.notes.push({ path: '(added by import)', reason, target: [...target] });
  }

  /** The config target of the note covering `from` of `doc`, if one does. */
  notedTarget(doc: ImportDocument, from: readonly PathSegment[]): readonly PathSegment[] | undefined {
    return this.noted.find((n) => n.doc === doc && isAtOrUnder(from, n.from))?.target;
  }

  /** True when a note already covers `from` of `doc` (at it or above it). */
  isNoted(doc: ImportDocument, from: readonly PathSegment[]): boolean {
    return this.noted.some((n) => n.doc === doc && isAtOrUnder(from, n.from));
  }

  /** The config value at `target`, if set. */
  get(target: readonly PathSegment[]): unknown {
    return valueAtPath(this.config, target);
  }

  /**
   * Sets `value` at `target`, creating objects on the way. A different value already set there by
   * another document wins (first come, first kept) and this one is noted; the same value is fine.
   */
  set(target: readonly PathSegment[], value: unknown, origin: ValueOrigin | undefined): boolean {
    if (value === undefined) return false;
    const existing = this.get(target);
    if (existing !== undefined && !(isPlainObject(existing) && isPlainObject(value))) {
      if (jsonEqual(existing, value)) return true;
      const first = this.origins.get(pathKey(target));
      this.noteValue(
        origin,
        `${formatPath(target)} is already ${JSON.stringify(existing)}${first ? ` from ${describeSource(first.doc, first.from)}` : ''}; this value (${JSON.stringify(value)}) is not carried over.`,
        target,
      );
      return false;
    }
    let node: Record<string, unknown> = this.config;
    for (const segment of target.slice(0, -1)) {
      const key = String(segment);
      const child = node[key];
      if (isPlainObject(child)) node = child;
      else {
        const created: Record<string, unknown> = {};
        setOwn(node, key, created);
        node = created;
      }
    }
    const last = target[target.length - 1];
    if (last === undefined) return false;
    if (isPlainObject(existing) && isPlainObject(value)) for (const [k, v] of Object.entries(value)) setOwn(existing, k, v);
    else setOwn(node, String(last), value);
    if (origin !== undefined) {
      this.origins.set(pathKey(target), { ...origin, from: [...origin.from], target: [...target] });
      this.mappedFields += countLeaves(value);
    }
    return true;
  }

  /** YAML 1.1 readings already explained (by document, `pathKey` of the document path). */
  readonly explainedYaml11 = new Map<ImportDocument, Set<string>>();

  /** Replaces the value at an existing `target` (keeps its origin). */
  overwrite(target: readonly PathSegment[], value: unknown): void {
    const parent = valueAtPath(this.config, target.slice(0, -1));
    const last = target[target.length - 1];
    if (Array.isArray(parent) && typeof last === 'number') parent[last] = value;
    else if (isPlainObject(parent) && last !== undefined) setOwn(parent, String(last), value);
  }

  /** Removes the value at `target` (used when validation refuses it), returning where it came from. */
  remove(target: readonly PathSegment[]): ValueOrigin | undefined {
    const parent = valueAtPath(this.config, target.slice(0, -1));
    const last = target[target.length - 1];
    if (last === undefined) return undefined;
    const removed = valueAtPath(this.config, target);
    if (Array.isArray(parent) && typeof last === 'number') parent.splice(last, 1);
    else if (isPlainObject(parent)) delete parent[String(last)];
    this.mappedFields -= Math.min(this.mappedFields, countLeaves(removed));
    return this.originOf(target);
  }

  /** The origin recorded at `target` or the nearest config path above or below it. */
  originOf(target: readonly PathSegment[]): ValueOrigin | undefined {
    for (let n = target.length; n > 0; n--) {
      const origin = this.origins.get(pathKey(target.slice(0, n)));
      if (origin !== undefined) {
        // A value set as a whole object: point into it when the rest of the path is the same in the YAML.
        return { doc: origin.doc, from: [...origin.from, ...target.slice(n)] };
      }
    }
    for (const origin of this.origins.values()) if (isAtOrUnder(origin.target, target)) return origin;
    return undefined;
  }
}

/** One input document being mapped: reads come from it, notes point into it. */
export class DocumentMapper {
  constructor(
    readonly builder: ImportBuilder,
    readonly doc: ImportDocument,
  ) {}

  get(from: readonly PathSegment[]): unknown {
    return valueAtPath(this.doc.value, from);
  }

  /** Carries the input value at `from` (or `value`, when given) to `target`. */
  set(target: readonly PathSegment[], from: readonly PathSegment[], value: unknown = this.get(from)): boolean {
    return this.builder.set(target, value, { doc: this.doc, from });
  }

  note(from: readonly PathSegment[], reason: string, target: readonly PathSegment[]): void {
    this.builder.note(this.doc, from, reason, target);
  }

  isNoted(from: readonly PathSegment[]): boolean {
    return this.builder.isNoted(this.doc, from);
  }
}
