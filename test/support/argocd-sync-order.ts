/**
 * Argo CD's sync order, as gitops-engine sorts sync tasks (pkg/sync/sync_tasks.go): phase (PreSync,
 * Sync, PostSync, SyncFail), then sync wave, then kind (kindOrder, from Helm's install order; kinds not
 * listed, custom resources included, come last), then name; then a Namespace is moved before the first
 * object in it, and a CRD before the first object of its kind. IngressClass sits before Ingress as in
 * current gitops-engine.
 */
import type { K8sObject } from '../../src/render/k8s-object.js';

const kinds = [
  'Namespace', 'NetworkPolicy', 'ResourceQuota', 'LimitRange', 'PodSecurityPolicy', 'PodDisruptionBudget', 'ServiceAccount',
  'Secret', 'SecretList', 'ConfigMap', 'StorageClass', 'PersistentVolume', 'PersistentVolumeClaim', 'CustomResourceDefinition',
  'ClusterRole', 'ClusterRoleList', 'ClusterRoleBinding', 'ClusterRoleBindingList', 'Role', 'RoleList', 'RoleBinding',
  'RoleBindingList', 'Service', 'DaemonSet', 'Pod', 'ReplicationController', 'ReplicaSet', 'Deployment',
  'HorizontalPodAutoscaler', 'StatefulSet', 'Job', 'CronJob', 'IngressClass', 'Ingress', 'APIService',
];
/** Listed kinds are negative, so an unlisted kind (0) sorts after all of them. */
const kindOrder = new Map(kinds.map((k, i) => [k, i - kinds.length]));
const phaseOrder: Readonly<Record<string, number>> = { PreSync: -1, Sync: 0, PostSync: 1, SyncFail: 2 };

export interface SyncTask {
  readonly obj: K8sObject;
  readonly phase: string;
  readonly wave: number;
}

function phaseOf(obj: K8sObject): string {
  const hook = obj.metadata.annotations?.['argocd.argoproj.io/hook'];
  return hook === undefined ? 'Sync' : (hook.split(',')[0] ?? 'Sync').trim();
}

function waveOf(obj: K8sObject): number {
  const wave = Number(obj.metadata.annotations?.['argocd.argoproj.io/sync-wave'] ?? '0');
  return Number.isFinite(wave) ? wave : 0;
}

function groupKind(obj: K8sObject): string {
  return `${obj.apiVersion.includes('/') ? obj.apiVersion.split('/')[0] : ''}/${obj.kind}`;
}

/** gitops-engine's adjustDeps: a dependency moves before its first dependant and takes its wave and phase. */
function adjustDeps(tasks: SyncTask[], isDep: (o: K8sObject) => string | undefined, refersTo: (o: K8sObject) => string | undefined): SyncTask[] {
  const first = new Map<string, number>();
  const s = [...tasks];
  for (let i = 0; i < s.length; i += 1) {
    const t = s[i];
    if (t === undefined) continue;
    const dep = isDep(t.obj);
    if (dep !== undefined) {
      const index = first.get(dep);
      if (index !== undefined) {
        const at = s[index];
        const moved = { ...t, wave: at?.wave ?? t.wave, phase: at?.phase ?? t.phase };
        for (let j = i; j > index; j -= 1) s[j] = s[j - 1] as SyncTask;
        s[index] = moved;
        for (const [key, value] of first) if (value >= index) first.set(key, value + 1);
      }
    } else {
      const ref = refersTo(t.obj);
      if (ref !== undefined && !first.has(ref)) first.set(ref, i);
    }
  }
  return s;
}

export function argoSyncOrder(objects: readonly K8sObject[]): SyncTask[] {
  const sorted = objects
    .map((obj) => ({ obj, phase: phaseOf(obj), wave: waveOf(obj) }))
    .sort((a, b) =>
      (phaseOrder[a.phase] ?? 0) - (phaseOrder[b.phase] ?? 0)
      || a.wave - b.wave
      || (kindOrder.get(a.obj.kind) ?? 0) - (kindOrder.get(b.obj.kind) ?? 0)
      || (a.obj.metadata.name < b.obj.metadata.name ? -1 : a.obj.metadata.name > b.obj.metadata.name ? 1 : 0));
  const byNamespace = adjustDeps(sorted,
    (o) => (o.kind === 'Namespace' && !o.apiVersion.includes('/') ? o.metadata.name : undefined),
    (o) => o.metadata.namespace);
  return adjustDeps(byNamespace, (o) => {
    if (o.kind !== 'CustomResourceDefinition') return undefined;
    const spec = o['spec'] as { group?: string; names?: { kind?: string } } | undefined;
    return spec?.group && spec.names?.kind ? `${spec.group}/${spec.names.kind}` : undefined;
  }, (o) => groupKind(o));
}
