/**
 * NetworkPolicies of one environment: deny everything in the namespace, then allow exactly what Rivven
 * needs. Broker pods are selected by the labels both targets put on them plus the StatefulSet pod
 * label (see `brokerPodLabels`), so the operator's own pods, which share `name`/`instance`, are not
 * mistaken for brokers.
 *
 * Allowed:
 * - client port 9092 and HTTP API 9094 of the brokers from every pod of the namespace (connect, schema
 *   registry, the operator, a debug client pod), 9092 also from `allowedNamespaces` and, when set, from
 *   pods labelled `allowedPodLabels` in any namespace;
 * - cluster port 9093 (TCP, and UDP for membership gossip) between brokers;
 * - 9094 from the monitoring namespace, and from any namespace when an Ingress exposes it (the Ingress
 *   controller's namespace is not known here, and the Ingress publishes the port anyway);
 * - egress from every pod to the brokers, DNS to kube-system, the operator and the snapshot Job to
 *   the API server, and anywhere when `allowEgress` (connectors reach databases and object stores).
 * Kubelet probes and `kubectl port-forward` do not pass through NetworkPolicies.
 */
import type { Finding } from '../errors/diagnostic.js';
import { finding } from '../errors/catalog.js';
import type { ResolvedEnvironment } from '../model/types.js';
import { k8sObject, type K8sObject } from './k8s-object.js';
import { brokerPodExpressions, brokerPodLabels, brokerPorts, clusterObjectName, commonLabels } from './names.js';
import { connectPipelineNames } from './monitoring-scope.js';
import { operatorSelector } from './operator-install.js';
import { backupPodLabels } from './backup.js';

const namespaceLabel = 'kubernetes.io/metadata.name';
/** The API server's secure port as clients reach it (443 on the Service, 6443 on most endpoints). */
const apiServerPorts = [443, 6443] as const;

type Peer = Record<string, unknown>;
type PortRule = { protocol: 'TCP' | 'UDP'; port: number | string };

const tcp = (port: number | string): PortRule => ({ protocol: 'TCP', port });
const udp = (port: number | string): PortRule => ({ protocol: 'UDP', port });

function brokerPods(env: ResolvedEnvironment): Peer {
  return { matchLabels: brokerPodLabels(env.config), matchExpressions: [...brokerPodExpressions] };
}

function inNamespaces(names: readonly string[]): Peer {
  return { namespaceSelector: { matchExpressions: [{ key: namespaceLabel, operator: 'In', values: [...names].sort() }] } };
}

const anyNamespace: Peer = { namespaceSelector: {} };
const ownNamespacePods: Peer = { podSelector: {} };

export function networkPolicyNames(env: ResolvedEnvironment) {
  const base = clusterObjectName(env.config);
  return {
    defaultDeny: `${base}-default-deny`,
    dnsEgress: `${base}-dns-egress`,
    brokerIngress: `${base}-broker-ingress`,
    brokerEgress: `${base}-broker-egress`,
    clientEgress: `${base}-client-egress`,
    schemaRegistryIngress: `${base}-schema-registry-ingress`,
    connectMetricsIngress: `${base}-connect-metrics-ingress`,
    operatorApiServerEgress: `${base}-operator-apiserver-egress`,
    backupApiServerEgress: `${base}-backup-apiserver-egress`,
    allowEgress: `${base}-allow-egress`,
  };
}

function policy(env: ResolvedEnvironment, name: string, spec: Record<string, unknown>): K8sObject {
  return k8sObject(
    'networking.k8s.io/v1',
    'NetworkPolicy',
    { name, namespace: env.config.namespace, labels: commonLabels(env, 'network-policy') },
    { spec },
  );
}

/** The API server is not a pod: it is reachable only by IP, so any address on its ports. */
function apiServerEgress(env: ResolvedEnvironment, name: string, podLabels: Record<string, string>): K8sObject {
  return policy(env, name, {
    podSelector: { matchLabels: podLabels },
    policyTypes: ['Egress'],
    egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0' } }, { ipBlock: { cidr: '::/0' } }], ports: apiServerPorts.map((p) => tcp(p)) }],
  });
}

/** The operator's selector labels for the `rivven-schema-registry-<name>` pods. */
function schemaRegistryPods(name: string): Peer {
  return { matchLabels: { 'app.kubernetes.io/name': 'rivven-schema-registry', 'app.kubernetes.io/instance': name } };
}

/** The schema registry when one runs: only the operator creates it (RG328 under `manifests`). */
function runningSchemaRegistry(env: ResolvedEnvironment) {
  const registry = env.config.schemaRegistry;
  return env.config.target === 'operator' && registry?.enabled ? registry : undefined;
}

function clientEgressRules(env: ResolvedEnvironment): Record<string, unknown>[] {
  const rules: Record<string, unknown>[] = [{ to: [{ podSelector: brokerPods(env) }], ports: [tcp(brokerPorts.client), tcp(brokerPorts.http)] }];
  const registry = runningSchemaRegistry(env);
  if (registry) rules.push({ to: [{ podSelector: schemaRegistryPods(registry.name) }], ports: [tcp(registry.server.port)] });
  return rules;
}

function brokerIngressRules(env: ResolvedEnvironment): Record<string, unknown>[] {
  const config = env.config;
  const net = config.networkPolicy;
  const clientPeers: Peer[] = [ownNamespacePods];
  if (net && net.allowedNamespaces.length > 0) clientPeers.push(inNamespaces(net.allowedNamespaces));
  if (net?.allowedPodLabels && Object.keys(net.allowedPodLabels).length > 0) {
    clientPeers.push({ ...anyNamespace, podSelector: { matchLabels: { ...net.allowedPodLabels } } });
  }
  const rules: Record<string, unknown>[] = [
    { from: clientPeers, ports: [tcp(brokerPorts.client)] },
    { from: [ownNamespacePods], ports: [tcp(brokerPorts.http)] },
    { from: [{ podSelector: brokerPods(env) }], ports: [tcp(brokerPorts.cluster), udp(brokerPorts.cluster)] },
  ];
  if (config.monitoring?.enabled) {
    rules.push({ from: [inNamespaces([config.monitoring.namespace])], ports: [tcp(brokerPorts.http)] });
  }
  if (config.ingress?.enabled && config.ingress.brokerApi) {
    rules.push({ from: [anyNamespace], ports: [tcp(brokerPorts.http)] });
  }
  return rules;
}

/** Every NetworkPolicy of the environment; none unless `networkPolicy` is present and enabled. */
export function renderNetworkPolicies(env: ResolvedEnvironment): K8sObject[] {
  const config = env.config;
  const net = config.networkPolicy;
  if (!net?.enabled) return [];
  const names = networkPolicyNames(env);
  const all = {};
  const objects: K8sObject[] = [
    policy(env, names.defaultDeny, { podSelector: all, policyTypes: ['Ingress', 'Egress'] }),
    policy(env, names.dnsEgress, {
      podSelector: all,
      policyTypes: ['Egress'],
      egress: [{ to: [inNamespaces(['kube-system'])], ports: [udp(53), tcp(53)] }],
    }),
    policy(env, names.brokerIngress, { podSelector: brokerPods(env), policyTypes: ['Ingress'], ingress: brokerIngressRules(env) }),
    policy(env, names.brokerEgress, {
      podSelector: brokerPods(env),
      policyTypes: ['Egress'],
      egress: [{ to: [{ podSelector: brokerPods(env) }], ports: [tcp(brokerPorts.cluster), udp(brokerPorts.cluster)] }],
    }),
    // Connect workers, the schema registry, the operator and client pods all talk to the brokers
    // (and to the schema registry, when there is one).
    policy(env, names.clientEgress, { podSelector: all, policyTypes: ['Egress'], egress: clientEgressRules(env) }),
  ];

  const registry = runningSchemaRegistry(env);
  if (registry) {
    const from: Peer[] = config.ingress?.enabled && config.ingress.schemaRegistry ? [ownNamespacePods, anyNamespace] : [ownNamespacePods];
    objects.push(
      policy(env, names.schemaRegistryIngress, {
        podSelector: schemaRegistryPods(registry.name),
        policyTypes: ['Ingress'],
        ingress: [{ from, ports: [tcp(registry.server.port)] }],
      }),
    );
  }

  const pipelines = connectPipelineNames(env);
  if (config.monitoring?.enabled && pipelines.length > 0) {
    objects.push(
      policy(env, names.connectMetricsIngress, {
        podSelector: {
          matchLabels: { 'app.kubernetes.io/name': 'rivven-connect' },
          matchExpressions: [{ key: 'app.kubernetes.io/instance', operator: 'In', values: pipelines }],
        },
        policyTypes: ['Ingress'],
        // The container port the operator names `metrics` on connect workers (what the PodMonitor scrapes).
        ingress: [{ from: [inNamespaces([config.monitoring.namespace])], ports: [tcp('metrics')] }],
      }),
    );
  }

  if (config.target === 'operator' && config.operator.install) {
    objects.push(apiServerEgress(env, names.operatorApiServerEgress, operatorSelector(env)));
  }
  if (config.backup?.enabled && config.backup.method === 'volume-snapshot') {
    objects.push(apiServerEgress(env, names.backupApiServerEgress, backupPodLabels(env)));
  }

  if (net.allowEgress) {
    objects.push(policy(env, names.allowEgress, { podSelector: all, policyTypes: ['Egress'], egress: [{}] }));
  }
  return objects;
}

/** Workloads that need egress beyond the brokers while `allowEgress` is off (RG530). */
export function findNetworkPolicyIssues(env: ResolvedEnvironment): Finding[] {
  const net = env.config.networkPolicy;
  if (!net?.enabled || net.allowEgress) return [];
  const needs: string[] = [];
  const pipelines = connectPipelineNames(env);
  if (pipelines.length > 0) needs.push(`connect pipeline${pipelines.length === 1 ? '' : 's'} ${pipelines.map((p) => `"${p}"`).join(', ')} (sources and sinks outside the cluster)`);
  const backup = env.config.backup;
  if (backup?.enabled && backup.method === 'command') needs.push(`the backup command (its destination${backup.destination ? ` ${backup.destination}` : ''})`);
  if (needs.length === 0) return [];
  return [
    finding('RG530', {
      severity: 'warning',
      path: 'networkPolicy.allowEgress',
      message: `networkPolicy.allowEgress is false: pods may reach only the brokers, the schema registry and DNS, so ${needs.join(' and ')} cannot connect.`,
    }),
  ];
}
