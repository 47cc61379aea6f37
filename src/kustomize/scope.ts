/**
 * The one list of cluster-scoped kinds, and what Kustomize's `namespace:` transformer does to an
 * object. Kustomize decides scope from its built-in OpenAPI schema by exact apiVersion and kind; for
 * anything it does not know (custom resources, newer API versions) it assumes "namespaced" and ADDS a
 * namespace — so a cluster-scoped custom resource such as a cert-manager ClusterIssuer must never pass
 * through an overlay. `kustomizeKnows` records what was measured with kubectl 1.32.4 / kustomize 5.5.0
 * (test/kustomize/scope.test.ts re-measures every entry against the real binary).
 */
import type { K8sObject } from '../render/k8s-object.js';
import { cloneJson } from '../core/json.js';
import { jsonEqual } from '../core/json-equal.js';

export interface ClusterScopedKind {
  readonly apiVersion: string;
  readonly kind: string;
  /** Kustomize leaves these without a namespace; for the others it adds one. */
  readonly kustomizeKnows: boolean;
}

export const clusterScopedKinds: readonly ClusterScopedKind[] = [
  { apiVersion: 'v1', kind: 'Namespace', kustomizeKnows: true },
  { apiVersion: 'v1', kind: 'Node', kustomizeKnows: true },
  { apiVersion: 'v1', kind: 'PersistentVolume', kustomizeKnows: true },
  { apiVersion: 'v1', kind: 'ComponentStatus', kustomizeKnows: true },
  { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', kustomizeKnows: true },
  { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', kustomizeKnows: true },
  { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', kustomizeKnows: true },
  { apiVersion: 'apiregistration.k8s.io/v1', kind: 'APIService', kustomizeKnows: true },
  { apiVersion: 'admissionregistration.k8s.io/v1', kind: 'MutatingWebhookConfiguration', kustomizeKnows: true },
  { apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingWebhookConfiguration', kustomizeKnows: true },
  { apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingAdmissionPolicy', kustomizeKnows: false },
  { apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingAdmissionPolicyBinding', kustomizeKnows: false },
  { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', kustomizeKnows: true },
  { apiVersion: 'storage.k8s.io/v1', kind: 'CSIDriver', kustomizeKnows: true },
  { apiVersion: 'storage.k8s.io/v1', kind: 'CSINode', kustomizeKnows: true },
  { apiVersion: 'storage.k8s.io/v1', kind: 'VolumeAttachment', kustomizeKnows: true },
  { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', kustomizeKnows: true },
  { apiVersion: 'node.k8s.io/v1', kind: 'RuntimeClass', kustomizeKnows: true },
  { apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass', kustomizeKnows: true },
  { apiVersion: 'certificates.k8s.io/v1', kind: 'CertificateSigningRequest', kustomizeKnows: true },
  { apiVersion: 'flowcontrol.apiserver.k8s.io/v1', kind: 'FlowSchema', kustomizeKnows: false },
  { apiVersion: 'flowcontrol.apiserver.k8s.io/v1', kind: 'PriorityLevelConfiguration', kustomizeKnows: false },
  { apiVersion: 'snapshot.storage.k8s.io/v1', kind: 'VolumeSnapshotClass', kustomizeKnows: false },
  { apiVersion: 'cert-manager.io/v1', kind: 'ClusterIssuer', kustomizeKnows: false },
  { apiVersion: 'external-secrets.io/v1beta1', kind: 'ClusterSecretStore', kustomizeKnows: false },
];

/** By `apiVersion/kind`: every rendered object is looked up here. */
const clusterScopedByType = new Map(clusterScopedKinds.map((k) => [`${k.apiVersion}/${k.kind}`, k]));

function findKind(apiVersion: string, kind: string): ClusterScopedKind | undefined {
  return clusterScopedByType.get(`${apiVersion}/${kind}`);
}

/** True for kinds listed as cluster-scoped (they carry no metadata.namespace). */
export function isClusterScoped(obj: Pick<K8sObject, 'apiVersion' | 'kind'>): boolean {
  return findKind(obj.apiVersion, obj.kind) !== undefined;
}

/**
 * Kinds whose spec holds namespaces Kustomize rewrites (APIService `spec.service`, CRD conversion
 * webhooks) or might (webhook configurations): never routed through a `namespace:` transform, so we
 * do not depend on the details.
 */
const neverTransformed = new Set(['APIService', 'CustomResourceDefinition', 'MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration']);

function isBinding(obj: Pick<K8sObject, 'apiVersion' | 'kind'>): boolean {
  return obj.apiVersion.startsWith('rbac.authorization.k8s.io/') && (obj.kind === 'RoleBinding' || obj.kind === 'ClusterRoleBinding');
}

/** A ServiceAccount of a build as kustomize's name-reference rule sees it: name, namespace before the transform. */
export interface ServiceAccountRef {
  readonly name: string;
  readonly namespace?: string | undefined;
}

function isServiceAccount(obj: Pick<K8sObject, 'apiVersion' | 'kind'>): boolean {
  return obj.apiVersion === 'v1' && obj.kind === 'ServiceAccount';
}

/**
 * Whether a binding subject gets the transform's namespace: when it is named `default` (any kind), or
 * when it names a ServiceAccount of the build and has no namespace or that ServiceAccount's namespace
 * before the transform (the name-reference rule, which does not look at the subject's kind).
 */
function subjectFollows(subject: Record<string, unknown>, serviceAccounts: readonly ServiceAccountRef[]): boolean {
  const name = subject['name'];
  if (name === 'default') return true;
  const ns = subject['namespace'];
  return serviceAccounts.some((sa) => sa.name === name && (ns === undefined || ns === sa.namespace));
}

/**
 * What `namespace: <ns>` in a kustomization does to one object of a build whose ServiceAccounts are
 * `serviceAccounts`, as measured (test/kustomize/scope.test.ts, test/live/kustomize-lite.test.ts):
 * - every `v1` Namespace is renamed to `<ns>` (two Namespaces in one overlay collide);
 * - metadata.namespace is set on everything Kustomize does not know as cluster-scoped;
 * - RoleBinding / ClusterRoleBinding subjects that follow (see subjectFollows) get namespace `<ns>`;
 *   other subjects and fields inside specs are left alone.
 */
export function simulateNamespaceTransform(obj: K8sObject, namespace: string, serviceAccounts: readonly ServiceAccountRef[] = []): K8sObject {
  const out = cloneJson(obj);
  if (out.apiVersion === 'v1' && out.kind === 'Namespace') {
    out.metadata.name = namespace;
    return out;
  }
  if (findKind(out.apiVersion, out.kind)?.kustomizeKnows !== true) out.metadata.namespace = namespace;
  if (isBinding(out)) {
    const subjects = out['subjects'];
    if (Array.isArray(subjects)) {
      for (const subject of subjects) {
        if (subject !== null && typeof subject === 'object' && !Array.isArray(subject) && subjectFollows(subject, serviceAccounts)) {
          Object.assign(subject, { namespace });
        }
      }
    }
  }
  return out;
}

/** The `namespace:` transform of a whole build (what a kustomization with `namespace:` prints). */
export function transformNamespace(objects: readonly K8sObject[], namespace: string): K8sObject[] {
  const serviceAccounts = objects.filter(isServiceAccount).map((o) => ({ name: o.metadata.name, namespace: o.metadata.namespace }));
  return objects.map((obj) => simulateNamespaceTransform(obj, namespace, serviceAccounts));
}

/** The ServiceAccounts an environment's overlay build holds: its own, in its namespace. */
export function overlayServiceAccounts(objects: readonly K8sObject[], envNamespace: string): ServiceAccountRef[] {
  return objects.filter((o) => isServiceAccount(o) && o.metadata.namespace === envNamespace).map((o) => ({ name: o.metadata.name, namespace: envNamespace }));
}

/**
 * An object may live in an overlay with `namespace: <envNamespace>` only if the transform, applied to
 * its namespace-less form, gives back exactly the object. Everything else (objects in another
 * namespace, cluster-scoped custom resources, a second Namespace, bindings of a `default` subject
 * in another namespace, subjects without a namespace that name one of `serviceAccounts`, the
 * environment's) is written where no namespace transform runs.
 */
export function survivesNamespaceTransform(obj: K8sObject, envNamespace: string, serviceAccounts: readonly ServiceAccountRef[] = []): boolean {
  if (neverTransformed.has(obj.kind)) return false;
  // Almost every object is namespaced, not a Namespace and not a binding: the transform then only sets
  // metadata.namespace, so it survives exactly when it already is in the environment's namespace. This
  // runs for every rendered object; the simulation below (two deep copies and a comparison) is for the rest.
  if (!isClusterScoped(obj) && !(obj.apiVersion === 'v1' && obj.kind === 'Namespace') && !isBinding(obj)) {
    return obj.metadata.namespace === envNamespace;
  }
  const bare = cloneJson(obj);
  delete bare.metadata.namespace;
  return jsonEqual(simulateNamespaceTransform(bare, envNamespace, serviceAccounts), obj);
}
