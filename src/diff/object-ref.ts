/** Object identity across sources: group/kind/namespace/name (the version is not part of it). */
import type { K8sObject } from '../render/k8s-object.js';
import type { ObjectRef } from './types.js';

/** API group of an apiVersion (`''` for the core group `v1`). */
export function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash === -1 ? '' : apiVersion.slice(0, slash);
}

export function refOf(obj: Pick<K8sObject, 'apiVersion' | 'kind' | 'metadata'>): ObjectRef {
  return { group: groupOf(obj.apiVersion), kind: obj.kind, namespace: obj.metadata.namespace ?? '', name: obj.metadata.name };
}

export function idOfRef(ref: ObjectRef): string {
  return `${ref.group}/${ref.kind}/${ref.namespace}/${ref.name}`;
}

export function idOf(obj: Pick<K8sObject, 'apiVersion' | 'kind' | 'metadata'>): string {
  return idOfRef(refOf(obj));
}

/** `Kind namespace/name` (or `Kind name` when cluster-scoped), as kubectl users read it. */
export function describeRef(ref: ObjectRef): string {
  return `${ref.kind} ${ref.namespace === '' ? '' : `${ref.namespace}/`}${ref.name}`;
}

/** True for `group/kind` given as `apps/StatefulSet` or `StatefulSet` for the core group. */
export function isKind(ref: Pick<ObjectRef, 'group' | 'kind'>, groupKind: string): boolean {
  const slash = groupKind.lastIndexOf('/');
  const group = slash === -1 ? '' : groupKind.slice(0, slash);
  const kind = slash === -1 ? groupKind : groupKind.slice(slash + 1);
  return ref.group === group && ref.kind === kind;
}
