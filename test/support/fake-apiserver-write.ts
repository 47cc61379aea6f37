/**
 * A writable test cluster for bring-up tests: objects are created or updated (server-side apply
 * semantics: the last write wins) in memory, under the rules an empty cluster imposes on a first sync.
 * It answers like the API server, with an HTTP status and a Status message, but in-process (no HTTP).
 *
 * Rules, in the order the API server applies them:
 * - 404 when the kind is not served: built-in kinds are; a custom kind only once its
 *   CustomResourceDefinition was applied (or installed as a platform CRD);
 * - 404 when the object's namespace does not exist yet (`namespaces "x" not found`);
 * - 422 when the object does not validate: built-in kinds against their models, Rivven kinds against
 *   the pinned CRD schemas (src/conform);
 * - 422 when a Pod-template workload (Deployment, StatefulSet, DaemonSet, Job, CronJob, Pod) reads a
 *   Secret that does not exist yet (not optional). Stricter than a real API server, which accepts the
 *   workload and leaves its pods in CreateContainerConfigError / ContainerCreating: here that is a
 *   rejection, so a test sees "pods would not start" at the step that causes it.
 * Controllers are modelled where they create Secrets others wait for: applying an ExternalSecret
 * creates its target Secret (External Secrets Operator), a Certificate its secretName (cert-manager,
 * when its issuer exists), a SealedSecret its Secret (the Sealed Secrets controller).
 */
import type { K8sObject } from '../../src/render/k8s-object.js';
import { findSecretProducers, findSecretReferences } from '../../src/render/secret-references.js';
import { podSpecOf } from './pod-spec.js';
import { validateAgainstCrd } from './crd-schema.js';
import { validateBuiltin } from './k8s-schema.js';

export interface WriteResult {
  readonly status: 200 | 201 | 404 | 422;
  readonly message: string;
}

export interface CustomKind {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  readonly namespaced: boolean;
}

export interface WritableCluster {
  /** Creates or updates an object, as `kubectl apply --server-side` or an Argo CD sync would. */
  apply(obj: K8sObject): WriteResult;
  /** Serves a custom kind, as installing its CRD out of band (Helm, the platform team) would. */
  installCrd(kind: CustomKind): void;
  has(apiVersion: string, kind: string, namespace: string | undefined, name: string): boolean;
  readonly stored: readonly K8sObject[];
}

/** Built-in kinds of Kubernetes 1.32 rendered by the fleet or its platform: apiVersion/kind → namespaced. */
const builtIns: ReadonlyMap<string, boolean> = new Map([
  ['v1/Namespace', false], ['v1/ConfigMap', true], ['v1/Secret', true], ['v1/Service', true], ['v1/ServiceAccount', true],
  ['v1/PersistentVolumeClaim', true], ['v1/Pod', true], ['apps/v1/Deployment', true], ['apps/v1/StatefulSet', true],
  ['apps/v1/DaemonSet', true], ['batch/v1/Job', true], ['batch/v1/CronJob', true], ['policy/v1/PodDisruptionBudget', true],
  ['networking.k8s.io/v1/NetworkPolicy', true], ['networking.k8s.io/v1/Ingress', true], ['networking.k8s.io/v1/IngressClass', false],
  ['rbac.authorization.k8s.io/v1/Role', true], ['rbac.authorization.k8s.io/v1/RoleBinding', true],
  ['rbac.authorization.k8s.io/v1/ClusterRole', false], ['rbac.authorization.k8s.io/v1/ClusterRoleBinding', false],
  ['autoscaling/v2/HorizontalPodAutoscaler', true], ['storage.k8s.io/v1/StorageClass', false],
  ['apiextensions.k8s.io/v1/CustomResourceDefinition', false],
]);

const rivvenGroupSuffix = 'rivven.hupe1980.github.io';

function groupOf(apiVersion: string): string {
  return apiVersion.includes('/') ? apiVersion.split('/')[0] ?? '' : '';
}

export function createWritableCluster(): WritableCluster {
  const custom = new Map<string, boolean>();
  const store = new Map<string, K8sObject>();
  const key = (apiVersion: string, kind: string, namespace: string | undefined, name: string) => `${groupOf(apiVersion)}/${kind}/${namespace ?? ''}/${name}`;
  const has = (apiVersion: string, kind: string, namespace: string | undefined, name: string) => store.has(key(apiVersion, kind, namespace, name));
  const served = (obj: K8sObject): boolean | undefined => builtIns.get(`${obj.apiVersion}/${obj.kind}`) ?? custom.get(`${obj.apiVersion}/${obj.kind}`);
  const installCrd = (k: CustomKind) => void custom.set(`${k.group}/${k.version}/${k.kind}`, k.namespaced);

  function put(obj: K8sObject, namespaced: boolean): boolean {
    const namespace = namespaced ? obj.metadata.namespace ?? 'default' : undefined;
    const id = key(obj.apiVersion, obj.kind, namespace, obj.metadata.name);
    const existed = store.has(id);
    store.set(id, structuredClone({ ...obj, metadata: { ...obj.metadata, ...(namespace === undefined ? {} : { namespace }) } }));
    return existed;
  }

  /** The controllers that turn an applied object into a Secret. */
  function reconcile(obj: K8sObject): void {
    const delivered = findSecretProducers([obj])[0];
    if (delivered === undefined || obj.kind === 'Secret') return;
    if (obj.kind === 'Certificate') {
      const ref = (obj['spec'] as { issuerRef?: { kind?: string; name?: string } } | undefined)?.issuerRef;
      const issuerKind = ref?.kind === 'ClusterIssuer' ? 'ClusterIssuer' : 'Issuer';
      const issuerNamespace = issuerKind === 'ClusterIssuer' ? undefined : obj.metadata.namespace;
      if (!has('cert-manager.io/v1', issuerKind, issuerNamespace, ref?.name ?? '')) return;
    }
    put({ apiVersion: 'v1', kind: 'Secret', metadata: { name: delivered.name, namespace: delivered.namespace }, type: 'Opaque' }, true);
  }

  function apply(obj: K8sObject): WriteResult {
    const namespaced = served(obj);
    const label = `${obj.kind} ${obj.metadata.namespace ? `${obj.metadata.namespace}/` : ''}${obj.metadata.name}`;
    if (namespaced === undefined) return { status: 404, message: `${label}: the server could not find the requested resource (no ${obj.apiVersion} ${obj.kind}: is its CRD applied?)` };
    const namespace = namespaced ? obj.metadata.namespace ?? 'default' : undefined;
    if (namespace !== undefined && !has('v1', 'Namespace', undefined, namespace)) return { status: 404, message: `${label}: namespaces "${namespace}" not found` };
    const problems = groupOf(obj.apiVersion).endsWith(rivvenGroupSuffix) ? validateAgainstCrd(obj) : builtIns.has(`${obj.apiVersion}/${obj.kind}`) ? validateBuiltin(obj) : [];
    if (problems.length > 0) return { status: 422, message: `${label} is invalid: ${problems.join('; ')}` };
    if (podSpecOf(obj) !== undefined || obj.kind === 'Pod') {
      const missing = [...new Set(findSecretReferences([obj]).filter((r) => !r.optional && !has('v1', 'Secret', r.namespace ?? namespace, r.name)).map((r) => r.name))];
      if (missing.length > 0) return { status: 422, message: `${label}: its pods would not start: Secret ${missing.join(', ')} does not exist yet in ${namespace}` };
    }
    if (obj.kind === 'CustomResourceDefinition') {
      const spec = obj['spec'] as { group: string; scope: string; names: { kind: string }; versions: { name: string; served: boolean }[] };
      for (const v of spec.versions) if (v.served) installCrd({ group: spec.group, version: v.name, kind: spec.names.kind, namespaced: spec.scope === 'Namespaced' });
    }
    const existed = put(obj, namespaced);
    reconcile(obj);
    return existed ? { status: 200, message: `${label} configured` } : { status: 201, message: `${label} created` };
  }

  return { apply, installCrd, has, get stored() { return [...store.values()]; } };
}
