/**
 * One environment's diff: rendered objects against a source (a git ref's output, a cluster, a dump).
 * Objects match by group/kind/namespace/name; the version is not part of the identity, so an apiVersion
 * bump is an update of the same object, never a delete plus a create.
 */
import { InternalError } from '../errors/diagnostic.js';
import type { K8sObject } from '../render/k8s-object.js';
import { compareObjects } from './compare.js';
import { immutableChanges } from './immutable-fields.js';
import { applyServerDefaults } from './kubernetes-defaults.js';
import { defaultAppliers, readOwnership } from './managed-fields.js';
import { dropServerAssigned, normalizeObject } from './normalize.js';
import { describeRef, idOf, isKind, refOf } from '../core/object-ref.js';
import { isRenderedByUs, serverOwnedReason } from './server-owned.js';
import type { EnvironmentDiff, IgnoredObject, ObjectRef, ResourceChange } from './types.js';
import { unifiedDiff } from './unified-diff.js';
import { compareText } from '../core/order.js';

/** A kind the source could not read (e.g. forbidden): its rendered objects are `unknown`. */
export interface UnreadableKind {
  readonly group: string;
  readonly kind: string;
  /** Only in this namespace; every namespace when absent. */
  readonly namespace?: string;
}

export interface SourceObjects {
  readonly objects: readonly K8sObject[];
  /**
   * `all`: every source-only object is ours to delete (a git ref holds only what we rendered);
   * `tracked`: only objects carrying our managed-by label, never server-owned ones (a cluster, a dump).
   */
  readonly deletions: 'all' | 'tracked';
  readonly unreadable?: readonly UnreadableKind[];
}

export interface DiffEnvironmentInput {
  readonly name: string;
  readonly namespace: string;
  readonly rendered: readonly K8sObject[];
  readonly source: SourceObjects;
}

export interface DiffOptions {
  /** Shown on the `---` side of unified diffs: `git:HEAD`, `live`, `file:dump.yaml`. */
  readonly sourceLabel: string;
  /** Field managers whose fields an apply of ours owns (managed-fields.ts). */
  readonly appliers?: readonly string[];
}

const renderedLabel = 'rendered';

function indexById(objects: readonly K8sObject[], what: string): Map<string, K8sObject> {
  const out = new Map<string, K8sObject>();
  for (const obj of objects) {
    const id = idOf(obj);
    if (out.has(id)) throw new InternalError(`${what} holds ${id} twice`);
    out.set(id, obj);
  }
  return out;
}

function isUnreadable(ref: ObjectRef, unreadable: readonly UnreadableKind[]): boolean {
  return unreadable.some((u) => u.group === ref.group && u.kind === ref.kind && (u.namespace === undefined || u.namespace === ref.namespace));
}

/** Secrets are never read from a cluster nor rendered with data: they are not compared. */
function isSecret(obj: K8sObject): boolean {
  return isKind(refOf(obj), 'Secret');
}

function labels(ref: ObjectRef, sourceLabel: string): readonly [string, string] {
  const what = describeRef(ref);
  return [`${sourceLabel} ${what}`, `${renderedLabel} ${what}`];
}

function compareOne(rendered: K8sObject, sourceRaw: K8sObject, options: DiffOptions): ResourceChange | undefined {
  const ref = refOf(rendered);
  const source = normalizeObject(sourceRaw);
  const desired = normalizeObject(rendered).object;
  dropServerAssigned(desired, source.object);
  const defaulted = applyServerDefaults(desired);
  applyServerDefaults(source.object);
  const ownership = source.managedFields ? readOwnership(sourceRaw, source.managedFields, options.appliers ?? defaultAppliers) : undefined;
  const comparison = compareObjects({
    desired,
    source: source.object,
    defaulted,
    ...(ownership ? { ownership } : {}),
    ...(source.lastApplied ? { lastApplied: source.lastApplied } : {}),
  });
  if (comparison.fields.length === 0) return undefined;
  const immutable = immutableChanges(ref, comparison.fields, source.object);
  const [from, to] = labels(ref, options.sourceLabel);
  return {
    id: idOf(rendered),
    ref,
    action: immutable.length > 0 ? 'replace' : 'update',
    apiVersion: { before: sourceRaw.apiVersion, after: rendered.apiVersion },
    fields: comparison.fields,
    immutable,
    diff: unifiedDiff(from, to, comparison.shownSource, comparison.shownDesired),
    before: source.object,
    after: desired,
  };
}

/** Compares one environment's rendered objects with the source's. Pure. */
export function diffEnvironment(input: DiffEnvironmentInput, options: DiffOptions): EnvironmentDiff {
  const rendered = indexById(input.rendered, `environment ${input.name}`);
  const source = indexById(
    input.source.objects.filter((o) => !isSecret(o)),
    `the source of environment ${input.name}`,
  );
  const unreadable = input.source.unreadable ?? [];
  const changes: ResourceChange[] = [];
  const ignored: IgnoredObject[] = [];
  let unchanged = 0;

  for (const [id, obj] of rendered) {
    const ref = refOf(obj);
    const counterpart = source.get(id);
    if (counterpart === undefined && isUnreadable(ref, unreadable)) {
      changes.push({ id, ref, action: 'unknown', apiVersion: { after: obj.apiVersion }, fields: [], immutable: [], diff: '', after: obj });
      continue;
    }
    if (counterpart === undefined) {
      const [from, to] = labels(ref, options.sourceLabel);
      changes.push({
        id,
        ref,
        action: 'create',
        apiVersion: { after: obj.apiVersion },
        fields: [],
        immutable: [],
        diff: unifiedDiff(from, to, undefined, obj),
        after: obj,
      });
      continue;
    }
    const change = compareOne(obj, counterpart, options);
    if (change === undefined) unchanged++;
    else changes.push(change);
  }

  for (const [id, obj] of source) {
    if (rendered.has(id)) continue;
    const ref = refOf(obj);
    const reason = serverOwnedReason(obj) ?? (input.source.deletions === 'tracked' && !isRenderedByUs(obj) ? 'not managed by rivven-gitops' : undefined);
    if (reason !== undefined) {
      ignored.push({ id, ref, reason });
      continue;
    }
    const shown = normalizeObject(obj).object;
    // Classification reads CRD defaults (a RivvenTopic without deleteOnRemove deletes its data); the diff
    // text shows the object as it is.
    const before = structuredClone(shown);
    applyServerDefaults(before);
    const [from, to] = labels(ref, options.sourceLabel);
    changes.push({
      id,
      ref,
      action: 'delete',
      apiVersion: { before: obj.apiVersion },
      fields: [],
      immutable: [],
      diff: unifiedDiff(from, to, shown, undefined),
      before,
    });
  }

  const byId = (a: { id: string }, b: { id: string }) => compareText(a.id, b.id);
  return { name: input.name, namespace: input.namespace, changes: changes.sort(byId), unchanged, ignored: ignored.sort(byId) };
}
