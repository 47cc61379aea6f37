/**
 * Dangerous changes, with stable codes (src/errors/codes/diff.ts) and the config line that caused each.
 * The rules know what Rivven and Kubernetes do with a change that a plain diff shows as one changed line:
 * partitions never decrease, a removed RivvenTopic with deleteOnRemove deletes its data, a StatefulSet's
 * claim templates cannot be updated, volumes never shrink.
 */
import { finding } from '../errors/catalog.js';
import type { SourceLocation } from '../errors/diagnostic.js';
import type { ResolvedEnvironment } from '../model/types.js';
import { brokerNames } from '../render/names.js';
import { rivvenGroup } from '../core/rivven.js';
import { formatPath } from '../core/path.js';
import { configPathFor, locateChange } from './config-paths.js';
import { isAtOrUnder } from './field-path.js';
import { getIn, getString } from './json-value.js';
import { describeRef, isKind } from '../core/object-ref.js';
import { compareQuantities } from './quantity.js';
import { summarizeChange } from './summary.js';
import { clusterTable } from '../fields/cluster.js';
import type { KindTable } from '../fields/row.js';
import { topicDeleteOnRemove, topicTable } from '../fields/topic.js';
import type { DangerCode } from '../errors/codes/diff.js';
import type { Danger, EnvironmentDiff, ResourceChange, ResourceReport } from './types.js';
import { compareText } from '../core/order.js';


interface Context {
  readonly change: ResourceChange;
  readonly env: ResolvedEnvironment | undefined;
  readonly out: Danger[];
}

function add(ctx: Context, code: DangerCode, severity: 'error' | 'warning', message: string, fieldPath?: string): void {
  const { change, env } = ctx;
  const configPath = env === undefined ? undefined : configPathFor(change.ref, env, fieldPath);
  const loc: SourceLocation | undefined = locateChange(change.ref, env, fieldPath);
  const base = finding(code, {
    severity,
    path: configPath === undefined ? change.id : formatPath(configPath),
    message,
    ...(loc ? { loc } : {}),
  });
  ctx.out.push({ ...base, resource: change.id });
}


/**
 * Argo CD does not prune an object annotated with sync option Prune=false (the Namespace and the
 * RivvenCluster are rendered so): the deletion then waits for someone to delete it by hand, with the
 * same consequences.
 */
function pruneNote(obj: unknown): string {
  const options = getString(obj, ['metadata', 'annotations', 'argocd.argoproj.io/sync-options']) ?? '';
  return /(^|,)\s*Prune=false\s*(,|$)/.test(options) ? ' Argo CD will not prune it (sync option Prune=false): it stays until deleted by hand, and deleting it then does this.' : '';
}
const isRivven = (change: ResourceChange, kind: string) => change.ref.group === rivvenGroup && change.ref.kind === kind;

function num(value: unknown): number | undefined {
  return typeof value === 'number' ? value : undefined;
}

/** The dangers of the table rows that classify changes, in the table's order. */
function classifyRows(ctx: Context, table: KindTable, subject: string): void {
  const { change } = ctx;
  for (const row of table.classifyOrder) {
    const path = row.crd.split('.');
    const verdicts =
      row.danger?.({
        before: getIn(change.before, path),
        after: getIn(change.after, path),
        subject,
        listed: change.fields.some((f) => f.path === row.crd),
        compareQuantities,
      }) ?? [];
    for (const v of verdicts) add(ctx, v.code, v.severity, v.message, row.crd);
  }
}

function classifyTopic(ctx: Context): void {
  const { change } = ctx;
  const topic = `Topic "${change.ref.name}"`;
  if (change.action === 'delete') {
    if (getIn(change.before, topicDeleteOnRemove.crd.split('.')) !== false) {
      add(ctx, 'RG703', 'error', `${topic} is removed and its RivvenTopic has deleteOnRemove: true: the operator deletes the topic and all its records.${pruneNote(change.before)}`);
    }
    return;
  }
  if (change.action !== 'update' && change.action !== 'replace') return;
  classifyRows(ctx, topicTable, topic);
}

function classifyCluster(ctx: Context): void {
  const { change } = ctx;
  const cluster = `RivvenCluster "${change.ref.name}"`;
  if (change.action === 'delete') {
    add(ctx, 'RG711', 'error', `${cluster} is removed: the operator's finalizer deletes its PersistentVolumeClaims and with them all broker data.${pruneNote(change.before)}`);
    return;
  }
  if (change.action !== 'update' && change.action !== 'replace') return;
  classifyRows(ctx, clusterTable, cluster);
}

function claimTemplates(obj: unknown): Map<string, unknown> {
  const list = getIn(obj, ['spec', 'volumeClaimTemplates']);
  const out = new Map<string, unknown>();
  if (Array.isArray(list)) for (const t of list) out.set(getString(t, ['metadata', 'name']) ?? '', t);
  return out;
}

function classifyClaimSpec(ctx: Context, what: string, before: unknown, after: unknown, fieldPath: string): void {
  const [s0, s1] = [getIn(before, ['resources', 'requests', 'storage']), getIn(after, ['resources', 'requests', 'storage'])];
  const order = compareQuantities(s1, s0);
  if (order !== undefined && order < 0) {
    add(ctx, 'RG706', 'error', `${what} storage shrinks from ${String(s0)} to ${String(s1)}: the API server refuses it.`, fieldPath);
  }
  const [k0, k1] = [getString(before, ['storageClassName']), getString(after, ['storageClassName'])];
  if (k0 !== k1 && (k0 !== undefined || k1 !== undefined)) {
    add(ctx, 'RG707', 'error', `${what} storage class changes from ${k0 ?? '(cluster default)'} to ${k1 ?? '(cluster default)'}: it is immutable.`, fieldPath);
  }
}

function classifyStatefulSet(ctx: Context, env: ResolvedEnvironment | undefined): void {
  const { change } = ctx;
  if (change.action !== 'update' && change.action !== 'replace') return;
  const what = describeRef(change.ref);
  if (change.immutable.length > 0) {
    const fields = [...new Set(change.immutable.map((p) => /^spec\.[A-Za-z]+/.exec(p)?.[0] ?? p))];
    add(ctx, 'RG705', 'error', `${what}: ${fields.join(', ')} cannot be updated, so the sync fails.`, change.immutable[0]);
  }
  const before = claimTemplates(change.before);
  for (const [name, template] of claimTemplates(change.after)) {
    const old = before.get(name);
    if (old === undefined) continue;
    classifyClaimSpec(ctx, `${what} claim template ${name}`, getIn(old, ['spec']), getIn(template, ['spec']), `spec.volumeClaimTemplates[name=${name}]`);
  }
  const [n0, n1] = [num(getIn(change.before, ['spec', 'replicas'])), num(getIn(change.after, ['spec', 'replicas']))];
  if (env !== undefined && change.ref.name === brokerNames(env.config).statefulSet && n0 !== undefined && n1 !== undefined && n1 < n0) {
    add(ctx, 'RG710', 'warning', `${what} shrinks from ${n0} to ${n1} brokers.`, 'spec.replicas');
  }
}

function classifyService(ctx: Context): void {
  const { change } = ctx;
  if (change.action !== 'update' && change.action !== 'replace') return;
  const what = describeRef(change.ref);
  const type = change.fields.find((f) => f.path === 'spec.type');
  if (type) add(ctx, 'RG708', 'warning', `${what} type changes from ${String(type.before ?? 'ClusterIP')} to ${String(type.after ?? 'ClusterIP')}.`, 'spec.type');
  const ip = change.fields.find((f) => isAtOrUnder(f.path, 'spec.clusterIP') || isAtOrUnder(f.path, 'spec.clusterIPs'));
  if (ip) add(ctx, 'RG709', 'error', `${what} clusterIP changes from ${String(getIn(change.before, ['spec', 'clusterIP']) ?? '(allocated)')} to ${String(getIn(change.after, ['spec', 'clusterIP']) ?? '(allocated)')}.`, 'spec.clusterIP');
}

function classifyOne(ctx: Context): void {
  const { change, env } = ctx;
  const ref = change.ref;
  if (isRivven(change, topicTable.kind)) classifyTopic(ctx);
  else if (isRivven(change, clusterTable.kind)) classifyCluster(ctx);
  else if (isKind(ref, 'apps/StatefulSet')) classifyStatefulSet(ctx, env);
  else if (isKind(ref, 'Service')) classifyService(ctx);
  else if (isKind(ref, 'Namespace') && change.action === 'delete') {
    add(ctx, 'RG714', 'error', `Namespace ${ref.name} is removed: every object in it is deleted, including volumes.${pruneNote(change.before)}`);
  } else if (isKind(ref, 'PersistentVolumeClaim')) {
    if (change.action === 'delete') add(ctx, 'RG715', 'error', `${describeRef(ref)} is removed: its volume and data may be deleted.`);
    else if (change.action === 'update' || change.action === 'replace') {
      classifyClaimSpec(ctx, describeRef(ref), getIn(change.before, ['spec']), getIn(change.after, ['spec']), 'spec');
    }
  }
  // Any other refused update (a Deployment selector, a RoleBinding roleRef, …).
  const covered = isKind(ref, 'apps/StatefulSet') || (isKind(ref, 'Service') && change.immutable.every((p) => p.startsWith('spec.clusterIP')));
  if (change.action === 'replace' && !covered && !ctx.out.some((d) => d.code === 'RG706' || d.code === 'RG707')) {
    add(ctx, 'RG713', 'error', `${describeRef(ref)}: ${change.immutable.join(', ')} cannot be updated; the object must be deleted and created again.`, change.immutable[0]);
  }
}

const severityRank = { error: 0, warning: 1, info: 2 } as const;

/** Dangers first by severity, then by resource and code: the order reports show them in. */
export function sortDangers(dangers: readonly Danger[]): Danger[] {
  return [...dangers].sort(
    (a, b) => severityRank[a.severity] - severityRank[b.severity] || (a.resource < b.resource ? -1 : a.resource > b.resource ? 1 : 0) || compareText(a.code, b.code),
  );
}

export interface Classification {
  readonly dangers: readonly Danger[];
  readonly resources: readonly ResourceReport[];
}

/**
 * Classifies every change of an environment. `env` is the resolved environment rendered now (for
 * provenance); undefined for an environment that no longer exists.
 */
export function classifyEnvironment(diff: EnvironmentDiff, env: ResolvedEnvironment | undefined): Classification {
  const dangers: Danger[] = [];
  const resources: ResourceReport[] = [];
  for (const change of diff.changes) {
    const out: Danger[] = [];
    classifyOne({ change, env, out });
    dangers.push(...out);
    const firstField = change.fields.find((f) => f.path !== 'apiVersion')?.path;
    const loc = change.action === 'delete' ? locateChange(change.ref, env) : locateChange(change.ref, env, firstField);
    resources.push({ ...change, summary: summarizeChange(change), ...(loc ? { loc } : {}), dangerCodes: [...new Set(out.map((d) => d.code))] });
  }
  return { dangers: sortDangers(dangers), resources };
}
