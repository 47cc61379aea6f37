/**
 * Objects in a namespace that nobody rendered and that must never be reported as deletions: the API
 * server and controllers create them (every namespace has a `kube-root-ca.crt` ConfigMap and a `default`
 * ServiceAccount; `default/kubernetes` is the API server's own Service), and the Rivven operator creates a
 * StatefulSet, Services, a ConfigMap and a PDB per RivvenCluster. Applying our manifests never prunes
 * them, so a diff that listed them as "delete" would be wrong.
 */
import type { K8sObject } from '../render/k8s-object.js';
import { getString } from './json-value.js';
import { isKind, refOf } from '../core/object-ref.js';

/** The label every object rivven-gitops renders carries (render/names.ts commonLabels). */
export const managedByLabel = 'app.kubernetes.io/managed-by';
export const managedByValue = 'rivven-gitops';

const serverKinds = ['Endpoints', 'discovery.k8s.io/EndpointSlice', 'Event', 'events.k8s.io/Event', 'coordination.k8s.io/Lease', 'Pod', 'apps/ReplicaSet', 'apps/ControllerRevision'];

/** Why a source-only object is not ours to delete, or undefined when it may be. */
export function serverOwnedReason(obj: K8sObject): string | undefined {
  const ref = refOf(obj);
  if (isKind(ref, 'ConfigMap') && ref.name === 'kube-root-ca.crt') return 'created in every namespace by the root CA publisher';
  if (isKind(ref, 'ServiceAccount') && ref.name === 'default') return 'created in every namespace by the service account controller';
  if (isKind(ref, 'Service') && ref.namespace === 'default' && ref.name === 'kubernetes') return "the API server's own Service";
  if (serverKinds.some((k) => isKind(ref, k))) return `${ref.kind} objects are created by controllers`;
  const owners: unknown = Reflect.get(obj.metadata, 'ownerReferences');
  if (Array.isArray(owners) && owners.length > 0) {
    const first: unknown = owners[0];
    const kind = getString(first, ['kind']) ?? 'another object';
    const name = getString(first, ['name']);
    return `owned by ${kind}${name === undefined ? '' : ` ${name}`}`;
  }
  const managedBy = obj.metadata.labels?.[managedByLabel];
  if (managedBy !== undefined && managedBy !== managedByValue) return `managed by ${managedBy}`;
  return undefined;
}

/** True for objects rivven-gitops rendered (and so may delete when it no longer renders them). */
export function isRenderedByUs(obj: K8sObject): boolean {
  return obj.metadata.labels?.[managedByLabel] === managedByValue;
}
