/**
 * The importer checks its own work: it resolves and renders the config it built (the real pure
 * stages) and compares every imported object with what rivven-gitops will emit for it, both with the
 * API server's defaults applied. Whatever differs and no mapper has explained yet gets a note, so no
 * value is ever changed silently. Values the model refuses are taken out first, each with a note.
 */
import type { z } from 'zod';
import { applyServerDefaults } from '../diff/kubernetes-defaults.js';
import { normalizeObject } from '../diff/normalize.js';
import type { K8sObject } from '../render/k8s-object.js';
import { formatPath, pathKey, type PathSegment } from '../core/path.js';
import { findDifferences } from './compare-values.js';
import { valueAtPath, type ImportBuilder } from './import-context.js';
import type { DocumentRole, ImportPlan } from './plan.js';
import { findRendered, renderConfig } from './render-config.js';
import type { ImportDocument } from './types.js';
import { asRecord, asString, isPlainObject } from './values.js';

export interface VerifiedDocument {
  readonly doc: ImportDocument;
  readonly role: DocumentRole;
  /** Where notes about the object go in the config. */
  readonly target: readonly PathSegment[];
}

const maxRepairRounds = 20;

function toSegments(path: readonly PropertyKey[]): PathSegment[] {
  return path.filter((s): s is string | number => typeof s === 'string' || typeof s === 'number');
}

/** Where a refused value is: the issue's path, or its parent when the value there is missing. */
function refusedPaths(config: unknown, issue: z.core.$ZodIssue): PathSegment[][] {
  const path = toSegments(issue.path);
  if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => [...path, key]);
  if (valueAtPath(config, path) === undefined && path.length > 0) return [path.slice(0, -1)];
  return [path];
}

/**
 * A refused value that YAML 1.1 reads differently (`enabled: yes` where a boolean is needed) gets the
 * YAML 1.1 reading, which is what kubectl and Helm gave it; the model then judges that value.
 */
function tryYaml11Reading(builder: ImportBuilder, path: readonly PathSegment[]): boolean {
  const origin = builder.originOf(path);
  if (origin === undefined) return false;
  const key = pathKey(origin.from);
  const scalar = origin.doc.yaml11?.get(key);
  const explained = builder.explainedYaml11.get(origin.doc) ?? new Set<string>();
  if (scalar === undefined || explained.has(key)) return false;
  explained.add(key);
  builder.explainedYaml11.set(origin.doc, explained);
  builder.overwrite(path, scalar.yaml11);
  builder.note(
    origin.doc,
    origin.from,
    `plain ${scalar.source} is ${JSON.stringify(scalar.yaml12)} in YAML 1.2 (as import reads YAML) but ${JSON.stringify(scalar.yaml11)} in YAML 1.1, which kubectl and Helm read; ${formatPath(path)} needs the latter, so ${JSON.stringify(scalar.yaml11)} was imported.`,
    path,
    false,
  );
  return true;
}

/** Removes what the model refuses until the config parses; each removal is noted. */
export function removeRefusedValues(builder: ImportBuilder): void {
  for (let round = 0; round < maxRepairRounds; round++) {
    const outcome = renderConfig(builder.config);
    if (outcome.ok) return;
    const seen = new Set<string>();
    for (const issue of outcome.issues) {
      for (const path of refusedPaths(builder.config, issue)) {
        const key = JSON.stringify(path);
        if (path.length === 0 || seen.has(key)) continue;
        seen.add(key);
        if (tryYaml11Reading(builder, path)) continue;
        const value = valueAtPath(builder.config, path);
        const origin = builder.remove(path);
        builder.noteValue(origin, `${formatPath(path)} ${JSON.stringify(value)} is not valid here (${issue.message}); not carried over.`, path.slice(0, -1));
      }
    }
  }
}

function serviceCounterpart(doc: ImportDocument, objects: readonly K8sObject[], plan: ImportPlan): K8sObject | undefined {
  const spec = asRecord(asRecord(doc.value)?.['spec']) ?? {};
  const type = asString(spec['type']) ?? 'ClusterIP';
  const base = `rivven-${plan.clusterName}`;
  const name = asString(asRecord(asRecord(doc.value)?.['metadata'])?.['name']) ?? '';
  if (type === 'LoadBalancer' || type === 'NodePort') return findRendered(objects, 'Service', `${base}-external`);
  if (spec['clusterIP'] === 'None') return findRendered(objects, 'Service', `${base}-headless`);
  if (name.endsWith('-api')) return findRendered(objects, 'Service', `${base}-api`);
  return findRendered(objects, 'Service', base);
}

function ingressCounterpart(doc: ImportDocument, objects: readonly K8sObject[]): K8sObject | undefined {
  const rules = asRecord(asRecord(doc.value)?.['spec'])?.['rules'];
  const host = Array.isArray(rules) ? asString(asRecord(rules[0])?.['host']) : undefined;
  return objects.find((o) => {
    const renderedRules = asRecord(o['spec'])?.['rules'];
    return o.kind === 'Ingress' && Array.isArray(renderedRules) && asRecord(renderedRules[0])?.['host'] === host;
  });
}

/** The rendered object that stands for an imported one. */
function counterpartOf(item: VerifiedDocument, objects: readonly K8sObject[], plan: ImportPlan): K8sObject | undefined {
  const name = asString(asRecord(asRecord(item.doc.value)?.['metadata'])?.['name']);
  const { role } = item;
  if (role.type === 'rivven') {
    if (role.kind === 'RivvenTopic' || role.kind === 'RivvenConnect') return findRendered(objects, role.kind, name);
    return findRendered(objects, role.kind);
  }
  if (role.type !== 'workload') return undefined;
  switch (role.kind) {
    case 'StatefulSet':
    case 'HorizontalPodAutoscaler':
    case 'Namespace':
      return findRendered(objects, role.kind);
    case 'Service':
      return serviceCounterpart(item.doc, objects, plan);
    case 'Ingress':
      return ingressCounterpart(item.doc, objects);
    case 'ConfigMap':
      return undefined;
  }
}

/**
 * Where the input has a map the rendered object leaves out, gives the rendered copy an empty one: the
 * API server fills both with the same defaults, so `broker: { adminPort: 9095 }` (all defaults) and no
 * broker block at all are stored alike, while a non-default value still differs.
 */
export function mirrorMaps(input: unknown, rendered: Record<string, unknown>): void {
  if (!isPlainObject(input)) return;
  for (const [key, value] of Object.entries(input)) {
    if (!isPlainObject(value)) continue;
    const target = rendered[key];
    if (target === undefined) rendered[key] = {};
    const next = rendered[key];
    if (isPlainObject(next)) mirrorMaps(value, next);
  }
}

function withDefaults(obj: K8sObject): K8sObject {
  const copy = normalizeObject(obj).object;
  applyServerDefaults(copy);
  return copy;
}

function isK8sObject(value: unknown): value is K8sObject {
  return isPlainObject(value) && typeof value['apiVersion'] === 'string' && typeof value['kind'] === 'string' && isPlainObject(value['metadata']);
}

function short(value: unknown): string {
  const text = JSON.stringify(value) ?? 'nothing';
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** Notes every value of an imported object that the rendered counterpart does not reproduce. */
export function verifyRendered(builder: ImportBuilder, documents: readonly VerifiedDocument[], plan: ImportPlan): void {
  const outcome = renderConfig(builder.config);
  if (!outcome.ok) return;
  for (const item of documents) {
    if (item.role.type === 'values' || item.role.type === 'unknown') continue;
    if (item.role.type === 'workload' && item.role.kind === 'ConfigMap') continue;
    if (builder.isNoted(item.doc, []) || !isK8sObject(item.doc.value)) continue;
    const rendered = counterpartOf(item, outcome.objects, plan);
    if (rendered === undefined) {
      if (!builder.isNoted(item.doc, ['spec'])) builder.note(item.doc, [], `rivven-gitops renders nothing that stands for this ${item.role.kind}; not carried over.`, item.target);
      continue;
    }
    const input = withDefaults(item.doc.value);
    const mirrored = structuredClone(rendered);
    const spec = isPlainObject(mirrored['spec']) ? mirrored['spec'] : {};
    mirrored['spec'] = spec;
    mirrorMaps(item.doc.value['spec'], spec);
    const output = withDefaults(mirrored);
    for (const difference of findDifferences(input['spec'], output['spec'], ['spec'])) {
      if (builder.isNoted(item.doc, difference.path)) continue;
      const reason =
        difference.rendered === undefined
          ? `no rivven-gitops setting renders ${formatPath(difference.path)} (${short(difference.input)}); not carried over.`
          : `rivven-gitops renders ${short(difference.rendered)} here instead of ${short(difference.input)}.`;
      builder.note(item.doc, difference.path, reason, item.target);
    }
  }
}
