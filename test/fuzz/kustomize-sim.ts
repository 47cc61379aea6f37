/**
 * A pure stand-in for `kubectl kustomize` over the trees the layout writes, so a fuzz run can check the
 * invariant hundreds of times in a second: resources (files and `../../base`), RFC 6902 patches by
 * target (applied before the namespace transform, as kustomize does) and `namespace:` through
 * `simulateNamespaceTransform`, the model of kustomize that test/kustomize/scope.test.ts measures
 * against the real binary. The fuzz test cross-checks this stand-in with the real kubectl a few times.
 */
import path from 'node:path';
import { parse } from 'yaml';
import { applyJsonPatch } from '../../src/kustomize/json-patch.js';
import type { JsonPatchOperation } from '../../src/kustomize/json-patch.js';
import { simulateNamespaceTransform } from '../../src/kustomize/scope.js';
import type { K8sObject } from '../../src/render/k8s-object.js';

interface Kustomization {
  readonly namespace?: string;
  readonly resources: readonly string[];
  readonly patches: readonly { readonly path: string; readonly target: Readonly<Record<string, string>> }[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function readKustomization(tree: ReadonlyMap<string, string>, dir: string): Kustomization {
  const text = tree.get(`${dir}/kustomization.yaml`);
  if (text === undefined) throw new Error(`${dir}/kustomization.yaml is missing`);
  const doc: unknown = parse(text);
  if (!isRecord(doc)) throw new Error(`${dir}/kustomization.yaml is not a mapping`);
  const resources = Array.isArray(doc['resources']) ? doc['resources'].map(String) : [];
  const patches = Array.isArray(doc['patches'])
    ? doc['patches'].map((p: unknown) => {
        if (!isRecord(p) || typeof p['path'] !== 'string' || !isRecord(p['target'])) throw new Error(`${dir}: a patch without path or target`);
        return { path: p['path'], target: Object.fromEntries(Object.entries(p['target']).map(([k, v]) => [k, String(v)])) };
      })
    : [];
  return { ...(typeof doc['namespace'] === 'string' ? { namespace: doc['namespace'] } : {}), resources, patches };
}

function readObject(tree: ReadonlyMap<string, string>, file: string): K8sObject {
  const text = tree.get(file);
  if (text === undefined) throw new Error(`${file} is listed but missing`);
  const doc: unknown = parse(text);
  if (!isRecord(doc) || typeof doc['apiVersion'] !== 'string' || typeof doc['kind'] !== 'string' || !isRecord(doc['metadata'])) {
    throw new Error(`${file} is not a Kubernetes object`);
  }
  const value: K8sObject = JSON.parse(JSON.stringify(doc));
  return value;
}

/** Kustomize targets are anchored regular expressions. */
function matches(pattern: string | undefined, value: string): boolean {
  return pattern === undefined || new RegExp(`^(?:${pattern})$`).test(value);
}

function targets(target: Readonly<Record<string, string>>, obj: K8sObject): boolean {
  const slash = obj.apiVersion.indexOf('/');
  const group = slash === -1 ? '' : obj.apiVersion.slice(0, slash);
  const version = slash === -1 ? obj.apiVersion : obj.apiVersion.slice(slash + 1);
  return (
    matches(target['group'], group) &&
    matches(target['version'], version) &&
    matches(target['kind'], obj.kind) &&
    matches(target['name'], obj.metadata.name) &&
    matches(target['namespace'], obj.metadata.namespace ?? '')
  );
}

/** The objects `kubectl kustomize <dir>` would print for a directory of the tree. */
export function simulateKustomize(tree: ReadonlyMap<string, string>, dir: string): K8sObject[] {
  const kustomization = readKustomization(tree, dir);
  let objects: K8sObject[] = [];
  for (const resource of kustomization.resources) {
    const target = path.posix.normalize(path.posix.join(dir, resource));
    if (tree.has(`${target}/kustomization.yaml`)) objects.push(...simulateKustomize(tree, target));
    else objects.push(readObject(tree, target));
  }
  const ids = objects.map((o) => `${o.apiVersion.split('/')[0]}|${o.kind}|${o.metadata.namespace ?? ''}|${o.metadata.name}`);
  const twice = ids.find((id, i) => ids.indexOf(id) !== i);
  if (twice !== undefined) throw new Error(`${dir}: kustomize refuses the duplicate resource ${twice}`);
  for (const patch of kustomization.patches) {
    const operations: unknown = parse(tree.get(path.posix.join(dir, patch.path)) ?? 'null');
    if (!Array.isArray(operations)) throw new Error(`${dir}/${patch.path} is not a list of operations`);
    const ops: JsonPatchOperation[] = JSON.parse(JSON.stringify(operations));
    const hits = objects.filter((o) => targets(patch.target, o));
    if (hits.length !== 1) throw new Error(`${dir}/${patch.path} targets ${hits.length} objects`);
    objects = objects.map((o) => (targets(patch.target, o) ? applyJsonPatch(o, ops) : o));
  }
  const namespace = kustomization.namespace;
  return namespace === undefined ? objects : objects.map((o) => simulateNamespaceTransform(o, namespace));
}
