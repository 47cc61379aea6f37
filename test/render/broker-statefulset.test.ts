import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { UserConfig } from '../../src/model/types.js';
import { brokerSeeds, findBrokerStatefulSetIssues, renderBrokerStatefulSet } from '../../src/render/broker-statefulset.js';
import type { K8sObject } from '../../src/render/k8s-object.js';
import { resolvedEnvironment } from '../support/resolved.js';
import { checkRestrictedPodSecurity, validateBuiltin } from '../support/k8s-schema.js';
import { containerEnv, expectGoldenObjects, field } from '../support/render-fixtures.js';

const token = { secretName: 'rivven-cluster-token', key: 'token' };

const threeBrokers: UserConfig = {
  target: 'manifests',
  labels: { team: 'platform' },
  cluster: {
    replicas: 3,
    clusterAuthToken: token,
    storage: { size: '100Gi', storageClassName: 'premium-ssd' },
    resources: { requests: { cpu: '1', memory: '4Gi' }, limits: { memory: '4Gi' } },
    placement: {
      antiAffinity: 'required',
      zoneSpread: true,
      nodeSelector: { 'node-role/streaming': 'true' },
      tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'streaming', effect: 'NoSchedule' }],
    },
    imagePullSecrets: ['ghcr-pull'],
    podAnnotations: { 'example.com/owner': 'platform' },
    podLabels: { tier: 'data' },
    datacenter: 'eu-west-1',
    config: { defaultPartitions: 6, defaultReplicationFactor: 3, minInsyncReplicas: 2 },
    env: [{ name: 'RUST_LOG', value: 'info,rivven_cluster=debug' }],
  },
};

function render(config: UserConfig, envName = 'prod'): K8sObject[] {
  return renderBrokerStatefulSet(resolvedEnvironment(config, envName));
}

function only(objects: K8sObject[]): K8sObject {
  assert.is(objects.length, 1);
  const [first] = objects;
  if (first === undefined) throw new Error('no object');
  return first;
}

function container(sts: K8sObject): unknown {
  return field(sts, 'spec', 'template', 'spec', 'containers', 0);
}

function portNumber(c: unknown, name: string): unknown {
  const ports = field(c, 'ports');
  return Array.isArray(ports) ? field(ports.find((p) => field(p, 'name') === name), 'containerPort') : undefined;
}

test('the operator target renders no StatefulSet (the operator creates it)', () => {
  assert.equal(render({ ...threeBrokers, target: 'operator' }), []);
});

test('golden: three brokers with placement, storage, resources and extra env', () => {
  expectGoldenObjects('broker-statefulset/three-brokers.yaml', render(threeBrokers));
});

test('golden: one broker runs standalone without seeds', () => {
  expectGoldenObjects('broker-statefulset/standalone.yaml', render({ target: 'manifests', cluster: { replicas: 1, auth: { enabled: false } } }, 'dev'));
});

test('golden: TLS from cert-manager, and mTLS with a client CA', () => {
  const tls = (mtls: boolean): UserConfig => ({
    target: 'manifests',
    cluster: {
      clusterAuthToken: token,
      tls: { enabled: true, certManager: { issuerRef: { name: 'internal-ca' } }, ...(mtls ? { mtls: { clientCASecret: 'rivven-client-ca' } } : {}) },
    },
  });
  expectGoldenObjects('broker-statefulset/tls-cert-manager.yaml', render(tls(false)));
  expectGoldenObjects('broker-statefulset/tls-mtls.yaml', render(tls(true)));
});

test('every broker joins the others by their stable DNS names in its own namespace', () => {
  const seeds = (envName: string) => containerEnv(container(only(render(threeBrokers, envName)))).byName.get('RIVVEN_SEEDS');
  assert.is(
    seeds('prod'),
    [0, 1, 2].map((i) => `rivven-main-${i}.rivven-main-headless.rivven-prod.svc.cluster.local:9093`).join(','),
  );
  assert.is(seeds('dev'), [0, 1, 2].map((i) => `rivven-main-${i}.rivven-main-headless.rivven-dev.svc.cluster.local:9093`).join(','));
});

test('cluster identity: mode, node id from the pod name, advertise address from the pod IP', () => {
  const { order, byName } = containerEnv(container(only(render(threeBrokers))));
  assert.is(byName.get('RIVVEN_MODE'), 'cluster');
  assert.equal(byName.get('RIVVEN_NODE_ID'), { fieldRef: { fieldPath: 'metadata.name' } });
  assert.equal(byName.get('POD_IP'), { fieldRef: { fieldPath: 'status.podIP' } });
  // rivvend parses the advertise address as IP:port; Kubernetes only expands $(POD_IP) if defined earlier.
  assert.is(byName.get('RIVVEN_ADVERTISE_ADDR'), '$(POD_IP):9093');
  assert.ok(order.indexOf('POD_IP') < order.indexOf('RIVVEN_ADVERTISE_ADDR'));
  assert.is(byName.get('RIVVEN_CLUSTER_NAME'), 'main');
  assert.equal(byName.get('RIVVEN_CLUSTER_AUTH_TOKEN'), { secretKeyRef: { name: 'rivven-cluster-token', key: 'token' } });
  assert.is(byName.get('RIVVEN_BIND'), '0.0.0.0:9092');
  assert.is(byName.get('RIVVEN_CLUSTER_BIND'), '0.0.0.0:9093');
  assert.is(byName.get('RIVVEN_API_BIND'), '0.0.0.0:9094');
  assert.is(byName.get('RIVVEN_DATA_DIR'), '/data');
  assert.is(byName.get('RIVVEN_DATACENTER'), 'eu-west-1');
  assert.is(byName.get('RIVVEN_DEFAULT_PARTITIONS'), '6');
  assert.is(byName.get('RIVVEN_REPLICATION_FACTOR'), '3');
  assert.is(byName.get('RIVVEN_MIN_ISR'), '2');
  assert.not.ok(byName.has('RIVVEN_NO_REQUIRE_AUTH'), 'auth stays on unless disabled');
});

test('a single broker runs standalone: no seeds, no advertise address, auth switch honoured', () => {
  const { byName } = containerEnv(container(only(render({ target: 'manifests', cluster: { replicas: 1, auth: { enabled: false } } }))));
  assert.is(byName.get('RIVVEN_MODE'), 'standalone');
  assert.not.ok(byName.has('RIVVEN_SEEDS'));
  assert.not.ok(byName.has('RIVVEN_ADVERTISE_ADDR'));
  assert.is(byName.get('RIVVEN_NO_REQUIRE_AUTH'), 'true');
});

test('with an HPA a single broker still runs in cluster mode, seeded by the brokers that always exist', () => {
  const config: UserConfig = { target: 'manifests', cluster: { replicas: 3, clusterAuthToken: token }, autoscaling: { minReplicas: 2, maxReplicas: 6 } };
  const env = resolvedEnvironment(config, 'prod');
  assert.is(brokerSeeds(env.config).length, 2);
  const one = resolvedEnvironment({ ...config, cluster: { replicas: 1, clusterAuthToken: token }, autoscaling: { minReplicas: 1, maxReplicas: 3 } }, 'prod');
  assert.is(containerEnv(container(only(renderBrokerStatefulSet(one)))).byName.get('RIVVEN_MODE'), 'cluster');
});

test('ports are the ones rivvend listens on, and probes point at the HTTP port', () => {
  const sts = only(render(threeBrokers));
  const c = container(sts);
  assert.is(portNumber(c, 'client'), 9092);
  assert.is(portNumber(c, 'cluster'), 9093);
  assert.is(portNumber(c, 'gossip'), 9093);
  assert.is(portNumber(c, 'http'), 9094);
  // Readiness needs a Raft leader (/health is 503 without one); liveness must not, or a quorum loss
  // would turn into restarts of every broker.
  assert.equal(field(c, 'readinessProbe', 'httpGet'), { path: '/health', port: 'http', scheme: 'HTTP' });
  assert.equal(field(c, 'livenessProbe', 'tcpSocket'), { port: 'http' });
  assert.equal(field(c, 'startupProbe', 'tcpSocket'), { port: 'http' });
  assert.ok(Number(field(c, 'startupProbe', 'failureThreshold')) * Number(field(c, 'startupProbe', 'periodSeconds')) >= 300);
  assert.is(field(sts, 'spec', 'serviceName'), 'rivven-main-headless');
  assert.is(field(sts, 'spec', 'podManagementPolicy'), 'Parallel');
});

test('with TLS the readiness probe speaks HTTPS, because rivvend serves its HTTP API over TLS too', () => {
  const sts = only(render({ target: 'manifests', cluster: { replicas: 1, tls: { enabled: true, existingSecret: 'broker-tls' } } }));
  assert.is(field(container(sts), 'readinessProbe', 'httpGet', 'scheme'), 'HTTPS');
  const { byName } = containerEnv(container(sts));
  assert.is(byName.get('RIVVEN_TLS_CERT'), '/etc/rivven/tls/tls.crt');
  assert.not.ok(byName.has('RIVVEN_TLS_CA'), 'an existing Secret may lack ca.crt; a missing file would stop rivvend');
});

test('probe timing overrides apply on top of the defaults', () => {
  const sts = only(render({ ...threeBrokers, cluster: { ...threeBrokers.cluster, probes: { liveness: { failureThreshold: 20 }, readiness: { periodSeconds: 5 } } } }));
  assert.is(field(container(sts), 'livenessProbe', 'failureThreshold'), 20);
  assert.equal(field(container(sts), 'livenessProbe', 'tcpSocket'), { port: 'http' });
  assert.is(field(container(sts), 'readinessProbe', 'periodSeconds'), 5);
});

test('runs as the image user 65532, non-root, read-only root, no capabilities', () => {
  const sts = only(render(threeBrokers));
  const podSc = field(sts, 'spec', 'template', 'spec', 'securityContext');
  assert.is(field(podSc, 'runAsUser'), 65532);
  assert.is(field(podSc, 'runAsGroup'), 65532);
  assert.is(field(podSc, 'fsGroup'), 65532);
  assert.is(field(podSc, 'runAsNonRoot'), true);
  assert.is(field(podSc, 'seccompProfile', 'type'), 'RuntimeDefault');
  const sc = field(container(sts), 'securityContext');
  assert.equal(sc, { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } });
  assert.is(field(sts, 'spec', 'template', 'spec', 'automountServiceAccountToken'), false);
  assert.equal(checkRestrictedPodSecurity(sts), []);
});

test('each broker gets its own volume at /data, sized and classed as configured', () => {
  const sts = only(render(threeBrokers));
  assert.equal(field(sts, 'spec', 'volumeClaimTemplates', 0, 'spec'), {
    accessModes: ['ReadWriteOnce'],
    storageClassName: 'premium-ssd',
    resources: { requests: { storage: '100Gi' } },
  });
  assert.is(field(sts, 'spec', 'volumeClaimTemplates', 0, 'metadata', 'name'), 'data');
  assert.equal(field(container(sts), 'volumeMounts', 0), { name: 'data', mountPath: '/data' });
});

test('placement: hostname anti-affinity and zone spread select the brokers', () => {
  const spec = field(only(render(threeBrokers)), 'spec', 'template', 'spec');
  const selector = { 'app.kubernetes.io/name': 'rivven', 'app.kubernetes.io/instance': 'main', 'app.kubernetes.io/component': 'broker' };
  assert.equal(field(spec, 'affinity', 'podAntiAffinity', 'requiredDuringSchedulingIgnoredDuringExecution'), [
    { labelSelector: { matchLabels: selector }, topologyKey: 'kubernetes.io/hostname' },
  ]);
  assert.equal(field(spec, 'topologySpreadConstraints'), [
    { maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: selector } },
  ]);
  const preferred = field(only(render({ target: 'manifests', cluster: { clusterAuthToken: token } })), 'spec', 'template', 'spec', 'affinity');
  assert.is(field(preferred, 'podAntiAffinity', 'preferredDuringSchedulingIgnoredDuringExecution', 0, 'weight'), 100);
  assert.is(field(only(render({ target: 'manifests', cluster: { clusterAuthToken: token, placement: { antiAffinity: 'none' } } })), 'spec', 'template', 'spec', 'affinity'), undefined);
});

test('a variable the user sets replaces the generated one and comes after POD_IP', () => {
  const config: UserConfig = { ...threeBrokers, cluster: { ...threeBrokers.cluster, env: [{ name: 'RIVVEN_ADVERTISE_ADDR', value: '$(POD_IP):19093' }] } };
  const { order, byName } = containerEnv(container(only(render(config))));
  assert.is(order.filter((n) => n === 'RIVVEN_ADVERTISE_ADDR').length, 1);
  assert.is(byName.get('RIVVEN_ADVERTISE_ADDR'), '$(POD_IP):19093');
  assert.is(order.at(-1), 'RIVVEN_ADVERTISE_ADDR');
});

test('a replication factor of 1 brings min ISR down with it; a min ISR above the factor is refused (RG510)', () => {
  const rf1 = only(render({ target: 'manifests', cluster: { replicas: 1, config: { defaultReplicationFactor: 1 } } }));
  assert.is(containerEnv(container(rf1)).byName.get('RIVVEN_MIN_ISR'), '1');
  const bad = resolvedEnvironment({ target: 'manifests', cluster: { clusterAuthToken: token, config: { minInsyncReplicas: 4 } } }, 'prod');
  const findings = findBrokerStatefulSetIssues(bad);
  assert.equal(findings.map((f) => [f.code, f.severity, f.path]), [['RG510', 'error', 'cluster.config.minInsyncReplicas']]);
  assert.match(findings[0]?.message ?? '', "default replication factor 3 (rivvend's default)");
  assert.equal(findBrokerStatefulSetIssues(resolvedEnvironment(threeBrokers, 'prod')), []);
});

test('every rendered StatefulSet passes strict Kubernetes validation', () => {
  const cases: UserConfig[] = [
    threeBrokers,
    { target: 'manifests', cluster: { replicas: 1 } },
    { target: 'manifests', cluster: { clusterAuthToken: token, tls: { enabled: true, certManager: { issuerRef: { name: 'ca' } }, mtls: { clientCASecret: 'client-ca' } } } },
  ];
  for (const config of cases) assert.equal(validateBuiltin(only(render(config))), []);
});

test.run();
