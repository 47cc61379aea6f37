import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { findNetworkPolicyIssues, renderNetworkPolicies } from '../../src/render/network-policy.js';
import { renderOperatorInstall } from '../../src/render/operator-install.js';
import { backupPodLabels } from '../../src/render/backup.js';
import type { K8sObject } from '../../src/render/k8s-object.js';
import type { ResolvedEnvironment, UserConfig } from '../../src/model/types.js';
import { resolvedEnvironment } from '../support/resolved.js';
import { checkGolden, toGoldenYaml } from '../support/crd-schema.js';
import { validateAll } from '../support/k8s-schema.js';

// --- a small NetworkPolicy evaluator (Kubernetes semantics: both the sender's egress and the
// receiver's ingress must allow a connection; a pod no policy selects for a direction is open) ---

type Labels = Record<string, string>;
interface Pod {
  readonly name: string;
  readonly namespace: string;
  readonly labels: Labels;
  /** Named container ports, for policies that name their port. */
  readonly ports?: Readonly<Record<string, number>>;
}
/** A destination outside the pod network (the API server, a database). */
interface External {
  readonly ip: string;
}
type Endpoint = Pod | External;
type Protocol = 'TCP' | 'UDP';

function rec(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? Object.fromEntries(Object.entries(value)) : {};
}
function arr(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
function selects(selector: unknown, labels: Labels): boolean {
  const s = rec(selector);
  for (const [k, v] of Object.entries(rec(s['matchLabels']))) if (labels[k] !== v) return false;
  for (const e of arr(s['matchExpressions']).map(rec)) {
    const key = String(e['key']);
    const values = arr(e['values']).map(String);
    const has = key in labels;
    if (e['operator'] === 'Exists' && !has) return false;
    if (e['operator'] === 'DoesNotExist' && has) return false;
    if (e['operator'] === 'In' && !(has && values.includes(labels[key] ?? ''))) return false;
    if (e['operator'] === 'NotIn' && has && values.includes(labels[key] ?? '')) return false;
  }
  return true;
}
const isPod = (e: Endpoint): e is Pod => 'namespace' in e;
const nsLabels = (ns: string): Labels => ({ 'kubernetes.io/metadata.name': ns });

function peerMatches(peer: unknown, policyNamespace: string, other: Endpoint): boolean {
  const p = rec(peer);
  if (p['ipBlock'] !== undefined) {
    if (isPod(other)) return false;
    const cidr = String(rec(p['ipBlock'])['cidr']);
    return cidr === '0.0.0.0/0' ? !other.ip.includes(':') : cidr === '::/0' ? other.ip.includes(':') : cidr === `${other.ip}/32`;
  }
  if (!isPod(other)) return false;
  const nsOk = p['namespaceSelector'] === undefined ? other.namespace === policyNamespace : selects(p['namespaceSelector'], nsLabels(other.namespace));
  const podOk = p['podSelector'] === undefined || selects(p['podSelector'], other.labels);
  return nsOk && podOk;
}

function portMatches(rule: Record<string, unknown>, target: Endpoint, port: number, protocol: Protocol): boolean {
  const ports = arr(rule['ports']).map(rec);
  if (ports.length === 0) return true;
  return ports.some((p) => {
    if ((p['protocol'] ?? 'TCP') !== protocol) return false;
    const want = p['port'];
    if (typeof want === 'string') return isPod(target) && target.ports?.[want] === port;
    return want === undefined || want === port;
  });
}

function allowedBy(policies: readonly K8sObject[], self: Pod, other: Endpoint, dir: 'Ingress' | 'Egress', port: number, protocol: Protocol, target: Endpoint): boolean {
  const mine = policies.filter((p) => p.metadata.namespace === self.namespace).map((p) => rec(p['spec']));
  const applicable = mine.filter((s) => arr(s['policyTypes']).includes(dir) && selects(s['podSelector'], self.labels));
  if (applicable.length === 0) return true;
  const key = dir === 'Ingress' ? 'ingress' : 'egress';
  const peerKey = dir === 'Ingress' ? 'from' : 'to';
  return applicable.some((s) =>
    arr(s[key]).map(rec).some((rule) => {
      const peers = arr(rule[peerKey]);
      const peerOk = rule[peerKey] === undefined || peers.some((peer) => peerMatches(peer, self.namespace, other));
      return peerOk && portMatches(rule, target, port, protocol);
    }),
  );
}

function canConnect(policies: readonly K8sObject[], from: Pod, to: Endpoint, port: number, protocol: Protocol = 'TCP'): boolean {
  const egress = allowedBy(policies, from, to, 'Egress', port, protocol, to);
  const ingress = isPod(to) ? allowedBy(policies, to, from, 'Ingress', port, protocol, to) : true;
  return egress && ingress;
}

// --- the pods of an environment ---

const ns = 'rivven-prod';
const broker = (i: number): Pod => ({
  name: `rivven-main-${i}`,
  namespace: ns,
  // What the operator puts on its broker pods (selector labels) plus the StatefulSet controller's label.
  labels: { 'app.kubernetes.io/name': 'rivven', 'app.kubernetes.io/instance': 'main', 'statefulset.kubernetes.io/pod-name': `rivven-main-${i}` },
});
const connect: Pod = {
  name: 'rivven-connect-cdc-pipeline-abc',
  namespace: ns,
  labels: { 'app.kubernetes.io/name': 'rivven-connect', 'app.kubernetes.io/instance': 'cdc-pipeline', 'app.kubernetes.io/component': 'connect' },
  ports: { http: 8080, metrics: 9090 },
};
const registry: Pod = {
  name: 'rivven-schema-registry-schema-registry-abc',
  namespace: ns,
  labels: { 'app.kubernetes.io/name': 'rivven-schema-registry', 'app.kubernetes.io/instance': 'schema-registry' },
  ports: { http: 8081 },
};
const other = (namespace: string, labels: Labels = { app: 'client' }): Pod => ({ name: `pod-in-${namespace}`, namespace, labels });
const kubeDns: Pod = { name: 'coredns', namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' } };
const apiServer: External = { ip: '172.20.0.1' };
const database: External = { ip: '10.99.0.5' };

const config: UserConfig = {
  namespace: ns,
  cluster: { name: 'main', replicas: 3 },
  connect: { 'cdc-pipeline': { sources: { pg: { connector: 'postgres-cdc', topic: 'cdc.events' } } } },
  schemaRegistry: {},
  monitoring: {},
  networkPolicy: { allowedNamespaces: ['orders', 'analytics'], allowEgress: false },
  backup: { method: 'volume-snapshot' },
};

function env(c: UserConfig): ResolvedEnvironment {
  return resolvedEnvironment(c, 'prod');
}

/** The operator pod as the operator-install renderer labels it. */
function operatorPod(e: ResolvedEnvironment): Pod {
  const deployment = renderOperatorInstall(e).find((o) => o.kind === 'Deployment');
  const labels = rec(rec(rec(rec(deployment?.['spec'])['template'])['metadata'])['labels']);
  return { name: 'rivven-operator-abc', namespace: ns, labels: Object.fromEntries(Object.entries(labels).map(([k, v]) => [k, String(v)])) };
}

test('golden: every policy of a full environment is schema-valid', () => {
  const objects = renderNetworkPolicies(env(config));
  assert.equal(validateAll(objects), []);
  assert.equal(checkGolden(toGoldenYaml(objects), 'network-policy/full'), []);
});

test('nothing without a networkPolicy block or when disabled', () => {
  assert.equal(renderNetworkPolicies(env({ ...config, networkPolicy: undefined })), []);
  assert.equal(renderNetworkPolicies(env({ ...config, networkPolicy: { enabled: false } })), []);
});

test('default deny: unrelated pods of the namespace cannot talk, other namespaces cannot reach in', () => {
  const p = renderNetworkPolicies(env(config));
  assert.not.ok(canConnect(p, other(ns), other(ns, { app: 'web' }), 8080));
  assert.not.ok(canConnect(p, other('random'), connect, 8080));
  assert.not.ok(canConnect(p, other('random'), broker(0), 9092));
});

test('client port 9092: own namespace (connect, schema registry, operator) and allowedNamespaces only', () => {
  const e = env(config);
  const p = renderNetworkPolicies(e);
  assert.ok(canConnect(p, connect, broker(1), 9092), 'connect → broker');
  assert.ok(canConnect(p, registry, broker(2), 9092), 'schema registry → broker');
  assert.ok(canConnect(p, operatorPod(e), broker(0), 9092), 'operator → broker');
  assert.ok(canConnect(p, other('orders'), broker(0), 9092), 'allowed namespace');
  assert.ok(canConnect(p, other('analytics'), broker(0), 9092), 'allowed namespace');
  assert.not.ok(canConnect(p, other('orders'), broker(0), 9093), 'cluster port stays internal');
  assert.not.ok(canConnect(p, other('orders'), broker(0), 9094), 'HTTP API stays internal');
  assert.not.ok(canConnect(p, connect, broker(0), 9093));
});

test('brokers talk to each other on 9093 (TCP and UDP gossip), even without open egress', () => {
  const p = renderNetworkPolicies(env(config));
  assert.ok(canConnect(p, broker(0), broker(1), 9093, 'TCP'));
  assert.ok(canConnect(p, broker(2), broker(0), 9093, 'UDP'));
  assert.not.ok(canConnect(p, broker(0), database, 5432), 'allowEgress false');
});

test('monitoring namespace scrapes brokers on 9094 and connect on its metrics port', () => {
  const p = renderNetworkPolicies(env(config));
  assert.ok(canConnect(p, other('monitoring'), broker(0), 9094));
  assert.ok(canConnect(p, other('monitoring'), connect, 9090));
  assert.not.ok(canConnect(p, other('monitoring'), broker(0), 9092));
  const custom = renderNetworkPolicies(env({ ...config, monitoring: { namespace: 'observability' } }));
  assert.ok(canConnect(custom, other('observability'), broker(0), 9094));
  assert.not.ok(canConnect(custom, other('monitoring'), broker(0), 9094));
});

test('DNS to kube-system works for every pod; the API server only for the operator and the snapshot Job', () => {
  const e = env(config);
  const p = renderNetworkPolicies(e);
  for (const pod of [broker(0), connect, registry, operatorPod(e)]) {
    assert.ok(canConnect(p, pod, kubeDns, 53, 'UDP'), `${pod.name} DNS`);
    assert.ok(canConnect(p, pod, kubeDns, 53, 'TCP'), `${pod.name} DNS over TCP`);
  }
  const backup: Pod = { name: 'rivven-main-backup-x', namespace: ns, labels: backupPodLabels(e) };
  assert.ok(canConnect(p, operatorPod(e), apiServer, 443));
  assert.ok(canConnect(p, backup, apiServer, 6443));
  assert.not.ok(canConnect(p, broker(0), apiServer, 443));
  assert.not.ok(canConnect(p, connect, apiServer, 443));
});

test('the operator pod is not treated as a broker', () => {
  const e = env(config);
  const p = renderNetworkPolicies(e);
  assert.not.ok(canConnect(p, other('orders'), operatorPod(e), 9092));
  assert.not.ok(canConnect(p, broker(0), operatorPod(e), 9093));
});

test('allowEgress opens egress anywhere (connectors reach their databases)', () => {
  const closed = renderNetworkPolicies(env(config));
  const open = renderNetworkPolicies(env({ ...config, networkPolicy: { allowedNamespaces: ['orders'] } }));
  assert.not.ok(canConnect(closed, connect, database, 5432));
  assert.ok(canConnect(open, connect, database, 5432));
});

test('schema registry: its port from the namespace; from anywhere only when an Ingress exposes it', () => {
  const p = renderNetworkPolicies(env(config));
  assert.ok(canConnect(p, connect, registry, 8081));
  assert.not.ok(canConnect(p, other('ingress-nginx'), registry, 8081));
  const exposed = renderNetworkPolicies(env({ ...config, ingress: { schemaRegistry: { host: 'schemas.example.com' } } }));
  assert.ok(canConnect(exposed, other('ingress-nginx'), registry, 8081));
  const port = renderNetworkPolicies(env({ ...config, schemaRegistry: { server: { port: 9081 } } }));
  assert.ok(canConnect(port, connect, registry, 9081));
});

test('broker HTTP API reachable from the ingress controller only when ingress.brokerApi is set', () => {
  const p = renderNetworkPolicies(env(config));
  assert.not.ok(canConnect(p, other('ingress-nginx'), broker(0), 9094));
  const exposed = renderNetworkPolicies(env({ ...config, ingress: { brokerApi: { host: 'rivven.example.com' } } }));
  assert.ok(canConnect(exposed, other('ingress-nginx'), broker(0), 9094));
  assert.not.ok(canConnect(exposed, other('ingress-nginx'), broker(0), 9092));
});

test('allowedPodLabels admits labelled pods from any namespace to the client port', () => {
  const p = renderNetworkPolicies(env({ ...config, networkPolicy: { allowedPodLabels: { 'rivven-client': 'true' } } }));
  assert.ok(canConnect(p, other('payments', { 'rivven-client': 'true' }), broker(0), 9092));
  assert.not.ok(canConnect(p, other('payments'), broker(0), 9092));
});

test('manifests target: the rendered broker pod labels are selected the same way', () => {
  const p = renderNetworkPolicies(env({ ...config, target: 'manifests' }));
  const manifestsBroker: Pod = {
    name: 'rivven-main-0',
    namespace: ns,
    labels: { 'app.kubernetes.io/name': 'rivven', 'app.kubernetes.io/instance': 'main', 'app.kubernetes.io/component': 'broker', 'statefulset.kubernetes.io/pod-name': 'rivven-main-0' },
  };
  assert.ok(canConnect(p, other('orders'), manifestsBroker, 9092));
  assert.ok(canConnect(p, manifestsBroker, { ...manifestsBroker, name: 'rivven-main-1' }, 9093, 'UDP'));
});

test('RG530: closed egress is reported when connect pipelines or a backup command need the outside', () => {
  const codes = (c: UserConfig) => findNetworkPolicyIssues(env(c)).map((f) => `${f.code} ${f.severity} ${f.path}`);
  assert.equal(codes(config), ['RG530 warning networkPolicy.allowEgress']);
  assert.match(findNetworkPolicyIssues(env(config))[0]?.message ?? '', /"cdc-pipeline"/);
  assert.equal(codes({ ...config, networkPolicy: { allowEgress: true } }), []);
  assert.equal(codes({ ...config, connect: {} }), [], 'the snapshot Job needs only the API server, which is allowed');
  const command: UserConfig = { ...config, connect: {}, backup: { method: 'command', destination: 's3://b', command: { image: 'x:1', command: ['/b'] } } };
  assert.match(findNetworkPolicyIssues(env(command))[0]?.message ?? '', /backup command \(its destination s3:\/\/b\)/);
});

test.run();
