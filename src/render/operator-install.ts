/**
 * Installing the Rivven operator (target `operator`, `operator.install`): ServiceAccount, RBAC and
 * Deployment, with the flags `rivven-operator` really has (RUNTIME.md, crates/rivven-operator/src/main.rs).
 *
 * Scope `namespace` (default): a Role in the environment's namespace and `--namespace=<ns>`, so several
 * environments share a cluster without sharing anything cluster-scoped. Scope `cluster`: a ClusterRole
 * and ClusterRoleBinding named per environment (cluster-scoped names survive kustomize unchanged, so a
 * shared name would make environments overwrite each other), and the operator watches all namespaces.
 * The binding's subject namespace is rendered per environment because kustomize does not rewrite it.
 */
import type { Finding } from '../errors/diagnostic.js';
import { finding } from '../errors/catalog.js';
import { defaults } from '../model/defaults.js';
import type { ResolvedEnvironment } from '../model/types.js';
import { k8sObject, type K8sObject } from './k8s-object.js';
import { commonLabels, images, restrictedContainerSecurityContext, restrictedPodSecurityContext } from './names.js';
import { rivvenGroup } from '../core/rivven.js';

export const operatorName = 'rivven-operator';
export const operatorPorts = { metrics: 8080, health: 8081 } as const;

/** The upstream chart's defaults (charts/rivven-operator/values.yaml). */
const defaultResources = { requests: { cpu: '10m', memory: '64Mi' }, limits: { cpu: '500m', memory: '256Mi' } };

const allVerbs = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'];
const readVerbs = ['get', 'list', 'watch'];
const crdResources = ['rivvenclusters', 'rivventopics', 'rivvenconnects', 'rivvenschemaregistries'];

/**
 * Selector labels of the operator pods. Their `name` is `rivven-operator`, not `rivven`: the operator's
 * broker pods carry only `name=rivven` and `instance`, so anything selecting brokers by those two
 * (the external Service, NetworkPolicies) must never match the operator.
 */
export function operatorSelector(env: ResolvedEnvironment): Record<string, string> {
  return {
    'app.kubernetes.io/name': operatorName,
    'app.kubernetes.io/instance': env.config.cluster.name,
    'app.kubernetes.io/component': 'operator',
  };
}

/** Labels of every operator object: the common ones, with the operator's own name. */
function operatorLabels(env: ResolvedEnvironment): Record<string, string> {
  return { ...commonLabels(env, 'operator'), ...operatorSelector(env) };
}

/** What the operator does, and no more. */
export function operatorRules(): Record<string, unknown>[] {
  return [
    // It reconciles the four kinds and writes their status and finalizers; it never creates or deletes them.
    { apiGroups: [rivvenGroup], resources: crdResources, verbs: ['get', 'list', 'watch', 'update', 'patch'] },
    { apiGroups: [rivvenGroup], resources: crdResources.map((r) => `${r}/status`), verbs: ['get', 'update', 'patch'] },
    { apiGroups: [rivvenGroup], resources: crdResources.map((r) => `${r}/finalizers`), verbs: ['update'] },
    // What it creates from them (server-side apply needs patch).
    { apiGroups: ['apps'], resources: ['statefulsets', 'deployments'], verbs: allVerbs },
    { apiGroups: [''], resources: ['services', 'configmaps'], verbs: allVerbs },
    { apiGroups: ['policy'], resources: ['poddisruptionbudgets'], verbs: allVerbs },
    // It reads the TLS and credential Secrets the resources reference; it never writes one, so a
    // compromised operator cannot plant credentials.
    { apiGroups: [''], resources: ['secrets'], verbs: readVerbs },
    // The RivvenCluster finalizer deletes the cluster's PVCs (deletecollection grants nothing that
    // list + delete do not).
    { apiGroups: [''], resources: ['persistentvolumeclaims'], verbs: [...readVerbs, 'delete', 'deletecollection'] },
    { apiGroups: [''], resources: ['pods'], verbs: readVerbs },
    { apiGroups: ['', 'events.k8s.io'], resources: ['events'], verbs: ['create', 'patch'] },
    // Leader election: the Lease `rivven-operator-leader` in its own namespace (get, create, merge-patch).
    { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['get', 'create', 'update', 'patch'] },
  ];
}

function renderRbac(env: ResolvedEnvironment): K8sObject[] {
  const { config } = env;
  const ns = config.namespace;
  const labels = operatorLabels(env);
  const subjects = [{ kind: 'ServiceAccount', name: operatorName, namespace: ns }];
  if (config.operator.scope === 'cluster') {
    const name = `${operatorName}-${ns}`;
    return [
      k8sObject('rbac.authorization.k8s.io/v1', 'ClusterRole', { name, labels }, { rules: operatorRules() }),
      k8sObject('rbac.authorization.k8s.io/v1', 'ClusterRoleBinding', { name, labels }, {
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name },
        subjects,
      }),
    ];
  }
  return [
    k8sObject('rbac.authorization.k8s.io/v1', 'Role', { name: operatorName, namespace: ns, labels }, { rules: operatorRules() }),
    k8sObject('rbac.authorization.k8s.io/v1', 'RoleBinding', { name: operatorName, namespace: ns, labels }, {
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: operatorName },
      subjects,
    }),
  ];
}

function renderArgs(env: ResolvedEnvironment): string[] {
  const op = env.config.operator;
  return [
    `--metrics-addr=0.0.0.0:${operatorPorts.metrics}`,
    `--health-addr=0.0.0.0:${operatorPorts.health}`,
    `--log-level=${op.logLevel}`,
    ...(op.logJson ? ['--log-json'] : []),
    ...(op.scope === 'namespace' ? [`--namespace=${env.config.namespace}`] : []),
    // Never `--leader-election=true`: the flag is a switch that takes no value, and it is on by default.
  ];
}

function renderDeployment(env: ResolvedEnvironment): K8sObject {
  const { config } = env;
  const op = config.operator;
  const selector = operatorSelector(env);
  const downward = (name: string, fieldPath: string) => ({ name, valueFrom: { fieldRef: { fieldPath } } });
  const probe = (initialDelaySeconds: number, periodSeconds: number) => ({
    // The health server answers 200 on any path; /healthz is what the upstream chart probes.
    httpGet: { path: '/healthz', port: 'health' },
    initialDelaySeconds,
    periodSeconds,
    timeoutSeconds: 5,
    failureThreshold: 3,
  });
  return k8sObject('apps/v1', 'Deployment', { name: operatorName, namespace: config.namespace, labels: operatorLabels(env) }, {
    spec: {
      replicas: op.replicas,
      selector: { matchLabels: selector },
      template: {
        metadata: { labels: operatorLabels(env) },
        spec: {
          serviceAccountName: operatorName,
          securityContext: restrictedPodSecurityContext(),
          containers: [
            {
              name: 'operator',
              image: images(config).operator,
              imagePullPolicy: 'IfNotPresent',
              args: renderArgs(env),
              env: [
                // The Lease holder identity and namespace: without them every replica is the same holder
                // and the Lease lands in kube-system.
                downward('POD_NAME', 'metadata.name'),
                downward('POD_NAMESPACE', 'metadata.namespace'),
                ...(op.leaderElection ? [] : [{ name: 'LEADER_ELECTION', value: 'false' }]),
              ],
              ports: [
                { name: 'metrics', containerPort: operatorPorts.metrics, protocol: 'TCP' },
                { name: 'health', containerPort: operatorPorts.health, protocol: 'TCP' },
              ],
              livenessProbe: probe(15, 20),
              readinessProbe: probe(5, 10),
              resources: op.resources ?? defaultResources,
              securityContext: restrictedContainerSecurityContext({ readOnlyRootFilesystem: true }),
            },
          ],
        },
      },
    },
  });
}

/** The operator's ServiceAccount, RBAC and Deployment; nothing under `manifests` or without `operator.install`. */
export function renderOperatorInstall(env: ResolvedEnvironment): K8sObject[] {
  const { config } = env;
  if (config.target !== 'operator' || !config.operator.install) return [];
  return [
    k8sObject('v1', 'ServiceAccount', { name: operatorName, namespace: config.namespace, labels: operatorLabels(env) }),
    ...renderRbac(env),
    renderDeployment(env),
  ];
}

function installsOperator(env: ResolvedEnvironment): boolean {
  return env.config.target === 'operator' && env.config.operator.install;
}

/** Operator settings that would make replicas fight (RG513). */
export function findOperatorInstallIssues(env: ResolvedEnvironment): Finding[] {
  const op = env.config.operator;
  if (!installsOperator(env) || op.leaderElection || op.replicas <= 1) return [];
  return [
    finding('RG513', {
      path: 'operator.replicas',
      message: `operator.replicas is ${op.replicas} with leader election off: every replica would reconcile the same resources at once.`,
    }),
  ];
}

/**
 * Cluster-scoped operators of environments that deploy to the same Argo CD destination (RG514): each
 * watches every namespace and elects its leader in its own, so they reconcile each other's resources.
 */
export function findOperatorScopeConflicts(environments: readonly ResolvedEnvironment[]): Finding[] {
  const byDestination = new Map<string, ResolvedEnvironment[]>();
  for (const env of environments) {
    if (!installsOperator(env) || env.config.operator.scope !== 'cluster') continue;
    const dest = env.kubeCluster;
    const key = dest.name !== undefined ? `name:${dest.name}` : `server:${dest.server ?? defaults.argocd.destinationServer}`;
    byDestination.set(key, [...(byDestination.get(key) ?? []), env]);
  }
  const findings: Finding[] = [];
  for (const group of byDestination.values()) {
    if (group.length < 2) continue;
    const names = group.map((e) => e.name).sort();
    for (const env of group) {
      findings.push(
        finding('RG514', {
          severity: 'warning',
          path: 'operator.scope',
          message: `Environment "${env.name}" installs a cluster-scoped operator, as do ${names.filter((n) => n !== env.name).map((n) => `"${n}"`).join(', ')}, on the same Argo CD destination: the operators would reconcile each other's resources.`,
        }),
      );
    }
  }
  return findings;
}
