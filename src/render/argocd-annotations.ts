/**
 * Argo CD annotations on rendered objects: the sync wave (what is applied before what) and protection
 * of everything whose deletion loses data.
 *
 * Protection is `argocd.argoproj.io/sync-options: Prune=false,Delete=false`:
 * - `Prune=false`: removing such an object from Git leaves it running (Argo CD shows it as orphaned)
 *   instead of deleting it on the next automated sync;
 * - `Delete=false`: deleting the Application (whose `resources-finalizer` cascades) keeps it too.
 * Protected: the Namespace (deleting it deletes everything in it), RivvenCluster (its finalizer deletes
 * the broker PVCs), RivvenTopic unless `deleteOnRemove: false` (the operator deletes the topic and its
 * data with the CR), the broker StatefulSet and any PersistentVolumeClaim (the data volumes), and CRDs
 * (deleting a CRD deletes every object of its kind). Removing them is a deliberate `kubectl delete`.
 */
import type { ResolvedEnvironment } from '../model/types.js';
import type { K8sObject } from './k8s-object.js';
import { rivvenGroup } from '../core/rivven.js';

export const syncWaveAnnotation = 'argocd.argoproj.io/sync-wave';
export const syncOptionsAnnotation = 'argocd.argoproj.io/sync-options';
export const protectOptions = ['Prune=false', 'Delete=false'] as const;

/**
 * The sync waves, in one place. Lower waves are applied (and must be healthy) first: CRDs, the
 * namespace, the Secrets' deliveries (ExternalSecrets, with the operator's RBAC), the operator, policies before any workload pod starts, the
 * cluster, what needs the cluster (topics, schema registry), connect pipelines (need topics), then
 * monitoring and backups of what exists.
 */
export const syncWaves = {
  crds: -10,
  namespace: -3,
  operatorRbac: -2,
  /** Objects that deliver Secrets (ExternalSecrets, SealedSecrets, a Certificate): every workload mounts them later. */
  secrets: -2,
  operator: -1,
  networkPolicy: 0,
  cluster: 1,
  topics: 2,
  schemaRegistry: 2,
  connect: 3,
  monitoring: 4,
  backup: 5,
} as const;

export type SyncStage = keyof typeof syncWaves;

const rbacKinds = new Set(['ServiceAccount', 'Role', 'RoleBinding', 'ClusterRole', 'ClusterRoleBinding']);

/** Stage of an object: by kind where the kind says it all, else by its `app.kubernetes.io/component` label. */
export function syncStageOf(obj: K8sObject): SyncStage {
  const group = obj.apiVersion.includes('/') ? obj.apiVersion.split('/')[0] : '';
  if (obj.kind === 'CustomResourceDefinition') return 'crds';
  if (obj.kind === 'Namespace') return 'namespace';
  if (obj.kind === 'NetworkPolicy') return 'networkPolicy';
  // Before every workload that mounts them: a pod whose Secret is missing does not start.
  if (group === 'external-secrets.io' || group === 'bitnami.com' || (obj.kind === 'Secret' && group === '')) return 'secrets';
  if (group === 'cert-manager.io' && obj.kind === 'Certificate') return 'secrets';
  if (group === rivvenGroup) {
    if (obj.kind === 'RivvenTopic') return 'topics';
    if (obj.kind === 'RivvenSchemaRegistry') return 'schemaRegistry';
    if (obj.kind === 'RivvenConnect') return 'connect';
    return 'cluster';
  }
  if (group === 'monitoring.coreos.com') return 'monitoring';
  if (group === 'velero.io') return 'backup';
  const component = obj.metadata.labels?.['app.kubernetes.io/component'];
  switch (component) {
    case 'operator':
      return rbacKinds.has(obj.kind) ? 'operatorRbac' : 'operator';
    case 'namespace':
      return 'namespace';
    case 'network-policy':
      return 'networkPolicy';
    case 'topic':
      return 'topics';
    case 'schema-registry':
      return 'schemaRegistry';
    case 'connect':
      return 'connect';
    case 'monitoring':
      return 'monitoring';
    case 'backup':
      return 'backup';
    default:
      // The broker component and anything unlabelled belong with the cluster.
      return 'cluster';
  }
}

/** Whether removing the object (from Git, or with its Application) would delete data. */
export function isDataBearing(obj: K8sObject): boolean {
  if (['Namespace', 'PersistentVolumeClaim', 'CustomResourceDefinition', 'RivvenCluster'].includes(obj.kind)) return true;
  if (obj.kind === 'RivvenTopic') {
    const spec = obj['spec'];
    // The CRD defaults deleteOnRemove to true: only an explicit false keeps the data.
    const deleteOnRemove = spec !== null && typeof spec === 'object' ? Reflect.get(spec, 'deleteOnRemove') : undefined;
    return deleteOnRemove !== false;
  }
  if (obj.kind === 'StatefulSet') {
    const spec = obj['spec'];
    const templates = spec !== null && typeof spec === 'object' ? Reflect.get(spec, 'volumeClaimTemplates') : undefined;
    return Array.isArray(templates) && templates.length > 0;
  }
  return false;
}

/** Existing options stay; the protection options are added, replacing any other value of their keys. */
function mergeSyncOptions(existing: string | undefined, protect: readonly string[]): string {
  const keyOf = (option: string) => option.split('=')[0];
  const protectedKeys = new Set(protect.map(keyOf));
  const kept = (existing ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter((o) => o !== '' && !protectedKeys.has(keyOf(o)));
  return [...kept, ...protect].join(',');
}

/**
 * New objects with the sync wave (kept when a renderer already set one) and, on data-bearing objects,
 * the protection options merged into any sync options already present (protection wins over a
 * `Prune=true` set elsewhere). The input is not modified.
 */
export function annotateForArgoCd(objects: readonly K8sObject[], env: ResolvedEnvironment): K8sObject[] {
  if (!env.config.argocd.enabled) return objects.map((o) => ({ ...o }));
  return objects.map((obj) => {
    const annotations: Record<string, string> = { ...(obj.metadata.annotations ?? {}) };
    if (annotations[syncWaveAnnotation] === undefined) annotations[syncWaveAnnotation] = String(syncWaves[syncStageOf(obj)]);
    if (isDataBearing(obj)) annotations[syncOptionsAnnotation] = mergeSyncOptions(annotations[syncOptionsAnnotation], protectOptions);
    return { ...obj, metadata: { ...obj.metadata, annotations } };
  });
}
