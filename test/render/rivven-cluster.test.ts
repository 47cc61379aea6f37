import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { findRivvenClusterIssues, renderRivvenCluster } from '../../src/render/rivven-cluster.js';
import { compact, type K8sObject } from '../../src/render/k8s-object.js';
import type { UserConfig } from '../../src/model/types.js';
import { resolvedEnvironment } from '../support/resolved.js';
import { checkCrGolden } from '../support/crd-schema.js';
import { validateBuiltin } from '../support/k8s-schema.js';

/** Every RivvenCluster-related field of the model set to something other than its default. */
const rich: UserConfig = {
  project: 'shop',
  namespace: 'shop-prod',
  labels: { 'cost-center': 'platform' },
  cluster: {
    name: 'events',
    replicas: 5,
    // The guide's spec.version: rendered as the image tag, never as a field.
    version: '0.0.21',
    imagePullSecrets: ['ghcr-pull'],
    storage: { size: '500Gi', storageClassName: 'premium-ssd', accessModes: ['ReadWriteOnce'] },
    resources: { requests: { cpu: '2', memory: '8Gi' }, limits: { cpu: '4', memory: '16Gi' } },
    placement: {
      antiAffinity: 'required',
      zoneSpread: true,
      nodeSelector: { 'node-role.kubernetes.io/rivven': 'true' },
      tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'rivven', effect: 'NoSchedule' }],
    },
    tls: { enabled: true, certManager: { issuerRef: { name: 'letsencrypt-prod' } }, mtls: { clientCASecret: 'rivven-events-tls' } },
    auth: { enabled: false },
    clusterAuthToken: { secretName: 'rivven-cluster-token', key: 'token' },
    datacenter: 'eu-west-1',
    broker: {
      segmentSize: '512Mi',
      retentionSize: '100Gi',
      retention: '3d',
      compressionEnabled: true,
      compressionLevel: 6,
      indexIntervalBytes: 8192,
      ackTimeoutMs: 15_000,
      maxMessageSize: '4Mi',
      clientPort: 9092,
      // The guide's ports: rivvend does not listen there, so they are not rendered.
      clusterPort: 9393,
      metricsPort: 9090,
    },
    // The guide's spec.config: no RivvenCluster field.
    config: { defaultPartitions: 6, minInsyncReplicas: 2 },
    pdb: { minAvailable: 3 },
    probes: {
      liveness: { initialDelaySeconds: 60, periodSeconds: 20, timeoutSeconds: 5, failureThreshold: 6 },
      readiness: { initialDelaySeconds: 15, periodSeconds: 10, successThreshold: 2 },
    },
    podAnnotations: { 'prometheus.io/scrape': 'false' },
    podLabels: { tier: 'data' },
    env: [
      { name: 'RUST_LOG', value: 'info,rivvend=debug' },
      { name: 'RIVVEN_RACK', configMapKeyRef: { name: 'rack-map', key: 'rack' } },
    ],
    serviceAccountName: 'rivven-broker',
  },
};

function spec(obj: K8sObject | undefined): Record<string, unknown> {
  const s = obj?.['spec'];
  if (s === null || typeof s !== 'object' || Array.isArray(s)) throw new Error('no spec');
  return Object.fromEntries(Object.entries(s));
}

function renderOne(config: UserConfig): Record<string, unknown> {
  const objects = renderRivvenCluster(resolvedEnvironment(config));
  assert.is(objects.length, 1);
  return spec(objects[0]);
}

test('defaults: a valid RivvenCluster with the pinned rivvend image and hardened pods', () => {
  assert.equal(checkCrGolden(renderRivvenCluster(resolvedEnvironment({})), 'rivven-cluster/defaults'), []);
});

test('rich config: every field maps onto the real CRD', () => {
  assert.equal(checkCrGolden(renderRivvenCluster(resolvedEnvironment(rich, 'prod')), 'rivven-cluster/rich'), []);
});

test('the example fleet shape for production: required anti-affinity, zone spread, cert-manager TLS', () => {
  const env = resolvedEnvironment(
    {
      cluster: {
        replicas: 5,
        storage: { size: '500Gi', storageClassName: 'premium-ssd' },
        placement: { antiAffinity: 'required', zoneSpread: true },
        tls: { enabled: true, certManager: { issuerRef: { name: 'letsencrypt-prod', kind: 'ClusterIssuer' } }, mtls: { clientCASecret: 'rivven-client-ca' } },
        clusterAuthToken: { secretName: 'rivven-cluster-token', key: 'token' },
      },
    },
    'prod',
  );
  assert.equal(checkCrGolden(renderRivvenCluster(env), 'rivven-cluster/prod'), []);
});

test('the manifests target renders no RivvenCluster', () => {
  assert.equal(renderRivvenCluster(resolvedEnvironment({ ...rich, target: 'manifests' })), []);
});

test('object identity: named after the cluster, in the environment namespace, with the common labels', () => {
  const [obj] = renderRivvenCluster(resolvedEnvironment(rich, 'prod'));
  assert.is(obj?.apiVersion, 'rivven.hupe1980.github.io/v1alpha1');
  assert.is(obj?.metadata.name, 'events');
  assert.is(obj?.metadata.namespace, 'shop-prod');
  assert.is(obj?.metadata.labels?.['app.kubernetes.io/managed-by'], 'rivven-gitops');
  assert.is(obj?.metadata.labels?.['cost-center'], 'platform');
});

test("the guide's version becomes the image tag; neither version nor config is emitted", () => {
  const s = renderOne(rich);
  assert.is(s['image'], 'ghcr.io/hupe1980/rivvend:0.0.21');
  assert.not.ok('version' in s);
  assert.not.ok('config' in s);
  assert.is(renderOne({ rivvenVersion: '0.0.23' })['image'], 'ghcr.io/hupe1980/rivvend:0.0.23');
  assert.is(renderOne({ cluster: { image: 'registry.local/rivvend:patched' } })['image'], 'registry.local/rivvend:patched');
});

test('broker tuning: sizes in bytes, retention in seconds (at least 60), only the real ports', () => {
  assert.equal(renderOne(rich)['broker'], {
    segmentSizeBytes: 536_870_912,
    retentionSizeBytes: 107_374_182_400,
    retentionDurationSecs: 259_200,
    compressionEnabled: true,
    compressionLevel: 6,
    indexIntervalBytes: 8192,
    ackTimeoutMs: 15_000,
    maxMessageSizeBytes: 4_194_304,
    clientPort: 9092,
  });
  assert.equal(renderOne({ cluster: { broker: { retention: '30s' } } })['broker'], { retentionDurationSecs: 60 });
  assert.not.ok('broker' in renderOne({ cluster: { broker: { clientPort: 9292, clusterPort: 9393, metricsPort: 9090 } } }));
  assert.not.ok('broker' in renderOne({}));
});

test('placement: none, preferred, required and zone spread', () => {
  assert.not.ok('affinity' in renderOne({ cluster: { placement: { antiAffinity: 'none' } } }));
  // Operator-made broker pods carry name and instance only: a selector with component would match none.
  const selector = {
    matchLabels: { 'app.kubernetes.io/name': 'rivven', 'app.kubernetes.io/instance': 'main' },
    matchExpressions: [{ key: 'statefulset.kubernetes.io/pod-name', operator: 'Exists' }],
  };
  assert.equal(renderOne({})['affinity'], {
    podAntiAffinity: {
      preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: { labelSelector: selector, topologyKey: 'kubernetes.io/hostname' } }],
    },
  });
  assert.equal(renderOne({ cluster: { placement: { antiAffinity: 'none', zoneSpread: true } } })['affinity'], {
    podAntiAffinity: {
      preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: { labelSelector: selector, topologyKey: 'topology.kubernetes.io/zone' } }],
    },
  });
  assert.equal(renderOne({ cluster: { placement: { antiAffinity: 'required' } } })['affinity'], {
    podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: selector, topologyKey: 'kubernetes.io/hostname' }] },
  });
});

test('env: RIVVEN_* the operator does not set, secrets only by reference, the user wins on a name clash', () => {
  const s = renderOne(rich);
  assert.equal(s['env'], [
    { name: 'RIVVEN_NO_REQUIRE_AUTH', value: 'true' },
    { name: 'RIVVEN_CLUSTER_AUTH_TOKEN', valueFrom: { secretKeyRef: { name: 'rivven-cluster-token', key: 'token' } } },
    { name: 'RIVVEN_DATACENTER', value: 'eu-west-1' },
    { name: 'RUST_LOG', value: 'info,rivvend=debug' },
    { name: 'RIVVEN_RACK', valueFrom: { configMapKeyRef: { name: 'rack-map', key: 'rack' } } },
  ]);
  assert.not.ok('env' in renderOne({}), 'auth on, no token, no datacenter: nothing to add');
  const own = renderOne({ cluster: { datacenter: 'a', env: [{ name: 'RIVVEN_DATACENTER', value: 'b' }] } });
  assert.equal(own['env'], [{ name: 'RIVVEN_DATACENTER', value: 'b' }]);
});

test('tls: off, existing secret, cert-manager certificate, mTLS as clientAuth', () => {
  assert.equal(renderOne({})['tls'], { enabled: false });
  assert.equal(renderOne({ cluster: { tls: { enabled: true, existingSecret: 'broker-tls' } } })['tls'], { enabled: true, secretName: 'broker-tls', clientAuth: false });
  assert.equal(renderOne(rich)['tls'], { enabled: true, secretName: 'rivven-events-tls', clientAuth: true });
});

test('metrics stay on without the operator ServiceMonitor; pdb takes one budget', () => {
  const s = renderOne({});
  assert.equal(s['metrics'], { enabled: true, serviceMonitor: false });
  assert.equal(s['pdb'], { enabled: true, maxUnavailable: 1 });
  assert.equal(renderOne(rich)['pdb'], { enabled: true, minAvailable: 3 });
  assert.equal(renderOne({ cluster: { pdb: { enabled: false, minAvailable: 2 } } })['pdb'], { enabled: false });
  assert.equal(renderOne({ cluster: { pdb: { maxUnavailable: '20%' } } })['pdb'], { enabled: true, maxUnavailable: '20%' });
});

test('the free-form parts (affinity, env, tolerations, security contexts, resources) are valid pod fields', () => {
  const s = renderOne(rich);
  const pod: K8sObject = compact({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'broker' },
    spec: {
      affinity: s['affinity'],
      tolerations: s['tolerations'],
      nodeSelector: s['nodeSelector'],
      securityContext: s['securityContext'],
      containers: [{ name: 'rivvend', image: s['image'], env: s['env'], resources: s['resources'], securityContext: s['containerSecurityContext'] }],
    },
  });
  assert.equal(validateBuiltin(pod), []);
});

test('findRivvenClusterIssues: what the CRD rejects, raises or cannot carry', () => {
  const codes = (config: UserConfig) => findRivvenClusterIssues(resolvedEnvironment(config)).map((f) => `${f.code} ${f.severity} ${f.path}`);
  assert.equal(codes({}), []);
  assert.equal(codes(rich), [], 'mTLS CA in the broker TLS secret is expressible');
  assert.equal(
    codes({
      cluster: {
        imagePullPolicy: 'Always',
        storage: { accessModes: ['ReadWriteOncePod'] },
        broker: { segmentSize: 4096, retention: '30s' },
        tls: { enabled: true, existingSecret: 'broker-tls', mtls: { clientCASecret: 'client-ca' } },
      },
    }),
    [
      'RG504 error cluster.storage.accessModes[0]',
      'RG504 error cluster.broker.segmentSize',
      'RG505 warning cluster.broker.retention',
      'RG506 warning cluster.imagePullPolicy',
      'RG506 warning cluster.tls.mtls.clientCASecret',
    ],
  );
  assert.equal(codes({ target: 'manifests', cluster: { imagePullPolicy: 'Always' } }), []);
});

test.run();
