/**
 * Diff reports built by hand, for sizes and contents the example fleet does not reach (thousands of
 * topics, emoji, backticks, secrets). Diff texts come from the engine's own unified-diff writer, and
 * dangers from the catalog, so they look exactly like real ones.
 */
import { countActions } from '../../src/diff/environment-report.js';
import { idOfRef } from '../../src/core/object-ref.js';
import type { ChangeAction, Danger, DiffReport, EnvironmentReport, FieldChange, ObjectRef, ResourceReport } from '../../src/diff/types.js';
import { unifiedDiff } from '../../src/diff/unified-diff.js';
import { finding } from '../../src/errors/catalog.js';
import type { K8sObject } from '../../src/render/k8s-object.js';

const group = 'rivven.hupe1980.github.io';

export function topicObject(namespace: string, name: string, spec: Record<string, unknown>): K8sObject {
  return { apiVersion: `${group}/v1alpha1`, kind: 'RivvenTopic', metadata: { name, namespace }, spec };
}

export interface ResourceInput {
  readonly kind?: string;
  readonly group?: string;
  readonly namespace: string;
  readonly name: string;
  readonly action: ChangeAction;
  readonly before?: K8sObject;
  readonly after?: K8sObject;
  readonly fields?: readonly FieldChange[];
  readonly summary: string;
  readonly line?: number;
  readonly dangerCodes?: readonly string[];
  readonly diff?: string;
}

export function resource(input: ResourceInput): ResourceReport {
  const ref: ObjectRef = { group: input.group ?? group, kind: input.kind ?? 'RivvenTopic', namespace: input.namespace, name: input.name };
  const what = `${ref.kind} ${ref.namespace}/${ref.name}`;
  return {
    id: idOfRef(ref),
    ref,
    action: input.action,
    apiVersion: { ...(input.before ? { before: input.before.apiVersion } : {}), ...(input.after ? { after: input.after.apiVersion } : {}) },
    fields: input.fields ?? [],
    immutable: [],
    diff: input.diff ?? unifiedDiff(`git:origin/main ${what}`, `rendered ${what}`, input.before, input.after),
    ...(input.before ? { before: input.before } : {}),
    ...(input.after ? { after: input.after } : {}),
    summary: input.summary,
    ...(input.line === undefined ? {} : { loc: { file: `environments/${input.namespace}.ts`, line: input.line, column: 5 } }),
    dangerCodes: input.dangerCodes ?? [],
  };
}

export function danger(code: 'RG701' | 'RG703', r: ResourceReport, message: string, severity: 'error' | 'warning'): Danger {
  const loc = r.loc;
  return { ...finding(code, { severity, path: `topics.${r.ref.name}`, message, ...(loc ? { loc } : {}) }), resource: r.id };
}

export function environment(name: string, namespace: string, resources: readonly ResourceReport[], dangers: readonly Danger[] = [], unchanged = 10): EnvironmentReport {
  const counts = countActions(resources);
  return {
    name,
    namespace,
    status: resources.length === 0 ? 'unchanged' : 'changed',
    counts,
    unchanged,
    dangers,
    problems: [],
    resources,
    ignored: [],
  };
}

export function report(environments: readonly EnvironmentReport[]): DiffReport {
  return { against: 'git:origin/main', environments, problems: [] };
}

const retentionSpec = (retentionMs: number) => ({
  clusterRef: { name: 'main' },
  config: { cleanupPolicy: 'delete', retentionMs, minInsyncReplicas: 2 },
  partitions: 12,
  replicationFactor: 3,
});
const retentionDiffs = new Map<string, string>();

/** A topic's retention going from 7d to 3d. */
export function retentionChange(namespace: string, name: string): ResourceReport {
  const before = topicObject(namespace, name, retentionSpec(604800000));
  const after = topicObject(namespace, name, retentionSpec(259200000));
  // Thousands of these differ only in the name: the diff is written once per namespace (fast tests).
  let template = retentionDiffs.get(namespace);
  if (template === undefined) {
    const what = `RivvenTopic ${namespace}/@NAME@`;
    template = unifiedDiff(`git:origin/main ${what}`, `rendered ${what}`, topicObject(namespace, '@NAME@', retentionSpec(604800000)), topicObject(namespace, '@NAME@', retentionSpec(259200000)));
    retentionDiffs.set(namespace, template);
  }
  return resource({
    namespace,
    name,
    action: 'update',
    before,
    after,
    fields: [{ path: 'spec.config.retentionMs', op: 'change', before: 604800000, after: 259200000 }],
    summary: `${name}: retention 7d → 3d`,
    line: 12,
    diff: template.split('@NAME@').join(name),
  });
}

/** A topic label changing to any text (emoji, CJK): shown in the summary and in the diff. */
export function labelChange(namespace: string, name: string, label: string): ResourceReport {
  const spec = (team: string) => ({ clusterRef: { name: 'main' }, partitions: 3, topicLabels: { team } });
  return resource({
    namespace,
    name,
    action: 'update',
    before: topicObject(namespace, name, spec('orders')),
    after: topicObject(namespace, name, spec(label)),
    fields: [{ path: 'spec.topicLabels.team', op: 'change', before: 'orders', after: label }],
    summary: `${name}: topicLabels.team orders → ${label}`,
    line: 14,
  });
}

/** A topic growing from 12 to 24 partitions, with its RG701 warning. */
export function partitionIncrease(namespace: string, name: string): { resource: ResourceReport; danger: Danger } {
  const spec = (partitions: number) => ({ clusterRef: { name: 'main' }, partitions, replicationFactor: 3 });
  const base = resource({
    namespace,
    name,
    action: 'update',
    before: topicObject(namespace, name, spec(12)),
    after: topicObject(namespace, name, spec(24)),
    fields: [{ path: 'spec.partitions', op: 'change', before: 12, after: 24 }],
    summary: `${name}: partitions 12 → 24`,
    line: 20,
    dangerCodes: ['RG701'],
  });
  return { resource: base, danger: danger('RG701', base, `Topic "${name}" grows from 12 to 24 partitions: keys map to different partitions from now on.`, 'warning') };
}

/** A topic removed while deleteOnRemove is true, with its RG703 error. */
export function dataDeletingRemoval(namespace: string, name: string): { resource: ResourceReport; danger: Danger } {
  const base = resource({
    namespace,
    name,
    action: 'delete',
    before: topicObject(namespace, name, { clusterRef: { name: 'main' }, partitions: 6, replicationFactor: 3, deleteOnRemove: true }),
    summary: `${name}: topic removed and its data deleted (deleteOnRemove)`,
    line: 30,
    dangerCodes: ['RG703'],
  });
  return {
    resource: base,
    danger: danger('RG703', base, `Topic "${name}" is removed and its RivvenTopic has deleteOnRemove: true: the operator deletes the topic and all its records.`, 'error'),
  };
}
