/**
 * Argo CD objects for the fleet: an AppProject per (Argo CD namespace, project name) and, per
 * environment, an Application syncing `<path>/overlays/<env>`; one syncing the environment's objects
 * that live in other namespaces (`<path>/other-namespaces/<env>`, e.g. a Velero Schedule); and one per
 * destination cluster syncing `<path>/crds` when the CRDs come from pinned remote URLs.
 *
 * Settings come from each environment's resolved `argocd` block: the base sets them once, an
 * environment may send itself to another destination.
 */
import { defaults } from '../model/defaults.js';
import type { ResolvedEnvironment, ResolvedFleet } from '../model/types.js';
import { k8sObject, type K8sObject } from './k8s-object.js';
import { brokerNames, commonLabels } from './names.js';
import { crdUrls } from './operator-crds.js';
import { backupForeignNamespaces } from './backup.js';
import { syncWaveAnnotation, syncWaves } from './argocd-annotations.js';
import { compareText } from '../core/order.js';

export const argoApiVersion = 'argoproj.io/v1alpha1';
/** Deleting an Application deletes what it synced (except what carries `Delete=false`). */
export const resourcesFinalizer = 'resources-finalizer.argocd.argoproj.io';

export interface ArgoCdOptions {
  /** Output directory inside the repository (`output.dir`), used when `argocd.path` is unset. */
  readonly outDir: string;
  /**
   * Per environment, the namespaces other than its own that it renders objects into (from the rendered
   * objects). When absent for an environment, derived from its config (a Velero Schedule's namespace).
   */
  readonly foreignNamespaces?: ReadonlyMap<string, readonly string[]>;
}

export interface Destination {
  readonly server?: string;
  readonly name?: string;
}

export const syncOptions = [
  // Large objects (CRDs, dashboards) exceed the last-applied annotation; SSA also merges with the
  // fields controllers own instead of overwriting them.
  'ServerSideApply=true',
  // Delete removed objects only after everything else is healthy.
  'PruneLast=true',
  'ApplyOutOfSyncOnly=true',
  // Two Applications must never fight over one object (e.g. cluster-scoped RBAC of two environments).
  'FailOnSharedResource=true',
];

export function appProjectName(env: ResolvedEnvironment): string {
  return env.config.argocd.project ?? env.config.project;
}

export function applicationName(env: ResolvedEnvironment): string {
  return `${env.config.project}-${env.name}`;
}

/** Argo CD's destination is the environment's cluster: its server or its registered name. */
export function destinationOf(env: ResolvedEnvironment): Destination {
  const cluster = env.kubeCluster;
  if (cluster.name !== undefined) return { name: cluster.name };
  return { server: cluster.server ?? defaults.argocd.destinationServer };
}

export function rootPath(env: ResolvedEnvironment, options: ArgoCdOptions): string {
  const configured = env.config.argocd.path;
  return (configured === undefined ? options.outDir : rebaseArgoPath(configured, env.config.output.dir, options.outDir)).replace(/\/+$/, '');
}

const trimDir = (dir: string): string => dir.replace(/^(\.\/)+/, '').replace(/\/+$/, '');

/**
 * `argocd.path` names where `output.dir` lies in the repository (a fleet in a subfolder: `fleets/a/out`).
 * When the build writes elsewhere (`build --out`), the same prefix leads to that directory. A path that
 * does not end with `output.dir` is the user's own choice and is kept (`build` warns about it).
 */
export function rebaseArgoPath(argoPath: string, configuredOut: string, actualOut: string): string {
  const [path, from, to] = [trimDir(argoPath), trimDir(configuredOut), trimDir(actualOut)];
  if (from === to) return argoPath;
  if (path === from) return to;
  if (path.endsWith(`/${from}`)) return `${path.slice(0, path.length - from.length)}${to}`;
  return argoPath;
}

export function foreignNamespacesOf(env: ResolvedEnvironment, options: ArgoCdOptions): string[] {
  const given = options.foreignNamespaces?.get(env.name) ?? backupForeignNamespaces(env);
  return [...new Set(given)].filter((ns) => ns !== env.config.namespace).sort();
}

export function renderSyncPolicy(env: ResolvedEnvironment, extraOptions: readonly string[] = []): Record<string, unknown> {
  const policy = env.config.argocd.syncPolicy;
  return {
    automated: policy.automated ? { prune: policy.prune, selfHeal: policy.selfHeal } : undefined,
    retry: policy.retry
      ? { limit: policy.retry.limit, backoff: { duration: policy.retry.backoffDuration, factor: 2, maxDuration: policy.retry.maxDuration } }
      : undefined,
    syncOptions: [...syncOptions, ...extraOptions],
  };
}

/**
 * An HPA scales the broker StatefulSet (target `manifests`): Argo CD must neither show its replica
 * count as drift nor reset it on the next sync. jsonPointers on exactly that field, with
 * RespectIgnoreDifferences, does both whoever scaled it. `managedFieldsManagers:
 * [kube-controller-manager]` would depend on the scaler's field-manager name and on field ownership
 * that server-side apply by Argo CD itself takes back, so it is not used.
 */
export function hpaOwnsReplicas(env: ResolvedEnvironment): boolean {
  return env.config.target === 'manifests' && env.config.autoscaling?.enabled === true;
}

export function renderApplication(env: ResolvedEnvironment, options: ArgoCdOptions, repoURL: string): K8sObject {
  const argocd = env.config.argocd;
  const hpa = hpaOwnsReplicas(env);
  return k8sObject(
    argoApiVersion,
    'Application',
    {
      name: applicationName(env),
      namespace: argocd.namespace,
      labels: commonLabels(env, 'argocd'),
      annotations: { [syncWaveAnnotation]: '0' },
      finalizers: [resourcesFinalizer],
    },
    {
      spec: {
        project: appProjectName(env),
        source: { repoURL, targetRevision: argocd.targetRevision, path: `${rootPath(env, options)}/overlays/${env.name}` },
        destination: { ...destinationOf(env), namespace: env.config.namespace },
        syncPolicy: renderSyncPolicy(env, hpa ? ['RespectIgnoreDifferences=true'] : []),
        ignoreDifferences: hpa
          ? [
              {
                group: 'apps',
                kind: 'StatefulSet',
                name: brokerNames(env.config).statefulSet,
                namespace: env.config.namespace,
                jsonPointers: ['/spec/replicas'],
              },
            ]
          : undefined,
      },
    },
  );
}

export function renderForeignApplication(env: ResolvedEnvironment, options: ArgoCdOptions, repoURL: string, namespaces: readonly string[]): K8sObject {
  const argocd = env.config.argocd;
  return k8sObject(
    argoApiVersion,
    'Application',
    {
      name: `${applicationName(env)}-other-namespaces`,
      namespace: argocd.namespace,
      labels: commonLabels(env, 'argocd'),
      annotations: { [syncWaveAnnotation]: String(syncWaves.cluster) },
      finalizers: [resourcesFinalizer],
    },
    {
      spec: {
        project: appProjectName(env),
        source: { repoURL, targetRevision: argocd.targetRevision, path: `${rootPath(env, options)}/other-namespaces/${env.name}` },
        // Every object there names its namespace; this one is only the default Argo CD requires.
        destination: { ...destinationOf(env), namespace: namespaces[0] },
        syncPolicy: renderSyncPolicy(env),
      },
    },
  );
}

/**
 * CRDs for one destination cluster, shared by its environments. Never pruned, and no resources
 * finalizer: deleting this Application (or renaming it) must not delete the CRDs, which would delete
 * every Rivven object in the cluster.
 */
export function renderCrdApplication(envs: readonly ResolvedEnvironment[], options: ArgoCdOptions, repoURL: string): K8sObject | undefined {
  const first = envs[0];
  if (first === undefined) return undefined;
  const argocd = first.config.argocd;
  const dest = destinationOf(first);
  return k8sObject(
    argoApiVersion,
    'Application',
    {
      name: `${first.config.project}-crds-${first.kubeCluster.id}`,
      namespace: argocd.namespace,
      labels: commonLabels(first, 'argocd'),
      annotations: { [syncWaveAnnotation]: String(syncWaves.crds) },
    },
    {
      spec: {
        project: appProjectName(first),
        source: { repoURL, targetRevision: argocd.targetRevision, path: `${rootPath(first, options)}/crds` },
        // CRDs are cluster-scoped; a namespace the project already allows keeps the project minimal.
        destination: { ...dest, namespace: first.config.namespace },
        syncPolicy: { automated: { prune: false, selfHeal: true }, syncOptions: ['ServerSideApply=true'] },
      },
    },
  );
}

export function renderAppProject(envs: readonly ResolvedEnvironment[], options: ArgoCdOptions): K8sObject | undefined {
  const first = envs[0];
  if (first === undefined) return undefined;
  const repos = [...new Set(envs.map((e) => e.config.argocd.repoURL).filter((r): r is string => r !== undefined))].sort();
  const destinations = new Map<string, Record<string, string>>();
  for (const env of envs) {
    for (const namespace of [env.config.namespace, ...foreignNamespacesOf(env, options)]) {
      const dest = { ...destinationOf(env), namespace };
      destinations.set(JSON.stringify(dest), dest);
    }
  }
  const clusterResources = [{ group: '', kind: 'Namespace' }];
  if (envs.some((e) => e.config.target === 'operator' && e.config.operator.install && e.config.operator.scope === 'cluster')) {
    clusterResources.push({ group: 'rbac.authorization.k8s.io', kind: 'ClusterRole' }, { group: 'rbac.authorization.k8s.io', kind: 'ClusterRoleBinding' });
  }
  if (envs.some(syncsRemoteCrds)) clusterResources.push({ group: 'apiextensions.k8s.io', kind: 'CustomResourceDefinition' });
  return k8sObject(
    argoApiVersion,
    'AppProject',
    {
      name: appProjectName(first),
      namespace: first.config.argocd.namespace,
      labels: { ...(first.config.labels ?? {}), 'app.kubernetes.io/part-of': first.config.project, 'app.kubernetes.io/managed-by': 'rivven-gitops' },
    },
    {
      spec: {
        sourceRepos: repos,
        destinations: [...destinations.entries()].sort(([a], [b]) => compareText(a, b)).map(([, d]) => d),
        clusterResourceWhitelist: clusterResources,
      },
    },
  );
}

/**
 * Whether the environment syncs the CRDs from `<path>/crds`: pinned remote CRDs, and only with the
 * operator installed here (the layout writes the crds directory under the same condition).
 */
export function syncsRemoteCrds(env: ResolvedEnvironment): boolean {
  return env.config.operator.install && crdUrls(env).length > 0;
}

export function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return new Map([...groups.entries()].sort(([a], [b]) => compareText(a, b)));
}
