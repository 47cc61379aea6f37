import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { findConnectRenderIssues, renderConnect } from '../../src/render/rivven-connect.js';
import { compact, type K8sObject } from '../../src/render/k8s-object.js';
import type { UserConfig, UserConnectPipeline } from '../../src/model/types.js';
import { resolvedEnvironment } from '../support/resolved.js';
import { checkCrGolden } from '../support/crd-schema.js';
import { validateBuiltin } from '../support/k8s-schema.js';

/** The guide's CDC pipeline as the example fleet writes it: typed postgres-cdc source, S3 archive sink. */
const guidePipeline: UserConnectPipeline = {
  replicas: 2,
  sources: {
    'postgres-cdc': {
      connector: 'postgres-cdc',
      topic: 'cdc.events',
      configSecretRef: 'postgres-credentials',
      config: { host: 'postgres.databases.svc', port: 5432, database: 'shop', user: 'rivven_cdc' },
      postgresCdc: {
        slotName: 'rivven_slot',
        publication: 'rivven_pub',
        snapshotMode: 'initial',
        tables: [
          { schema: 'public', table: 'orders', columns: ['id', 'customer_id', 'total'] },
          { schema: 'public', table: 'customers', columnMasks: { email: '***@***.***' } },
        ],
        snapshot: { batchSize: 20000, parallelTables: 8 },
        heartbeat: { intervalSecs: 5 },
        transactionTopic: { topicName: 'cdc.transactions' },
        schemaChangeTopic: { topicName: 'cdc.schema-changes' },
      },
    },
  },
  sinks: {
    's3-archive': {
      connector: 's3',
      topics: ['cdc.*'],
      consumerGroup: 's3-archiver',
      configSecretRef: 's3-credentials',
      config: { bucket: 'data-lake', format: 'parquet', compression: 'zstd' },
    },
  },
};

/** Every RivvenConnect field of the model. */
const richPipeline: UserConnectPipeline = {
  cluster: 'analytics',
  replicas: 3,
  image: 'registry.local/rivven-connect:0.0.22-patched',
  imagePullPolicy: 'Always',
  imagePullSecrets: ['ghcr-pull'],
  resources: { requests: { cpu: '500m', memory: '1Gi' }, limits: { memory: '2Gi' } },
  logLevel: 'debug',
  stateDir: '/state',
  sources: {
    'z-http': {
      connector: 'http',
      topic: 'webhooks',
      topicRouting: 'webhooks.{table}',
      enabled: false,
      config: { listen: '0.0.0.0:8080', paths: ['/hooks'] },
      topicConfig: { partitions: 6, replicationFactor: 3, autoCreate: false },
    },
    'a-mysql': { connector: 'mysql-cdc', topic: 'cdc.mysql', configSecretRef: 'mysql-credentials', config: { host: 'mysql' } },
  },
  sinks: {
    snowflake: {
      connector: 'snowflake',
      topics: ['cdc.mysql', 'webhooks'],
      consumerGroup: 'snowflake-loader',
      enabled: true,
      startOffset: 'earliest',
      config: { warehouse: 'LOAD_WH', table: { create: true } },
      configSecretRef: 'snowflake-credentials',
      rateLimit: { eventsPerSecond: 5000, burstCapacity: 10000 },
    },
  },
  settings: {
    topic: { autoCreate: false, defaultPartitions: 6, defaultReplicationFactor: 3 },
    retry: { maxRetries: 20, initialBackoffMs: 200, maxBackoffMs: 60000 },
    health: { enabled: true, port: 8080 },
    metrics: { enabled: true, port: 9091 },
  },
  tls: { enabled: true, certSecretName: 'connect-tls', mtlsEnabled: true, caSecretName: 'rivven-ca', insecure: false },
  podAnnotations: { 'example.com/owner': 'data' },
  podLabels: { tier: 'integration' },
  env: [
    { name: 'RUST_LOG', value: 'info' },
    { name: 'API_TOKEN', secretKeyRef: { name: 'api-token', key: 'token' } },
  ],
  nodeSelector: { pool: 'integration' },
  tolerations: [{ key: 'integration', operator: 'Exists', effect: 'NoSchedule' }],
  serviceAccount: 'rivven-connect',
};

function specOf(obj: K8sObject | undefined): Record<string, unknown> {
  const s = obj?.['spec'];
  if (s === null || typeof s !== 'object' || Array.isArray(s)) throw new Error('no spec');
  return Object.fromEntries(Object.entries(s));
}

function render(config: UserConfig): K8sObject[] {
  return renderConnect(resolvedEnvironment(config));
}

test("the guide's CDC pipeline: typed postgres-cdc config merged with the connection keys (golden)", () => {
  assert.equal(checkCrGolden(render({ connect: { 'cdc-pipeline': guidePipeline } }), 'rivven-connect/guide-cdc'), []);
});

test('rich config: every field maps onto the real CRD, pipelines sorted by name', () => {
  const objects = render({ project: 'shop', connect: { 'z-last': richPipeline, 'a-first': { replicas: 1 } } });
  assert.equal(
    objects.map((o) => o.metadata.name),
    ['a-first', 'z-last'],
  );
  assert.equal(checkCrGolden(objects, 'rivven-connect/rich'), []);
});

test('sources and sinks become arrays sorted by name, the record key as name', () => {
  const s = specOf(render({ connect: { p: richPipeline } })[0]);
  assert.equal(
    Array.isArray(s['sources']) ? s['sources'].map((x: { name: string }) => x.name) : undefined,
    ['a-mysql', 'z-http'],
  );
  assert.equal(s['sinks'], [
    {
      name: 'snowflake',
      connector: 'snowflake',
      topics: ['cdc.mysql', 'webhooks'],
      consumerGroup: 'snowflake-loader',
      enabled: true,
      startOffset: 'earliest',
      config: { warehouse: 'LOAD_WH', table: { create: true } },
      configSecretRef: 'snowflake-credentials',
      rateLimit: { eventsPerSecond: 5000, burstCapacity: 10000 },
    },
  ]);
  const empty = specOf(render({ connect: { p: {} } })[0]);
  assert.not.ok('sources' in empty);
  assert.not.ok('sinks' in empty);
});

test('version and image agree on the pinned release; clusterRef names the cluster and, explicitly, the namespace', () => {
  const s = specOf(render({ rivvenVersion: '0.0.23', cluster: { name: 'events' }, connect: { p: {} } })[0]);
  assert.is(s['version'], '0.0.23');
  assert.is(s['image'], 'ghcr.io/hupe1980/rivven-connect:0.0.23');
  // The namespace is explicit: the operator's bootstrap falls back to "default", not the object's namespace.
  assert.equal(s['clusterRef'], { name: 'events', namespace: 'rivven-dev' });
  assert.equal(s['config'], { stateDir: '/data/connect-state', logLevel: 'info' });
  const own = specOf(render({ connect: { p: richPipeline } })[0]);
  assert.equal(own['clusterRef'], { name: 'analytics', namespace: 'rivven-dev' });
  assert.is(own['image'], 'registry.local/rivven-connect:0.0.22-patched');
});

test('the typed CDC helper wins over the same key in config, and credentials stay in the Secret', () => {
  const pipeline: UserConnectPipeline = {
    sources: {
      pg: {
        connector: 'postgres-cdc',
        topic: 'cdc.events',
        configSecretRef: 'pg-credentials',
        config: { host: 'db', slot_name: 'typo_slot' },
        postgresCdc: { slotName: 'rivven_slot', publication: 'rivven_pub', tables: [{ table: 'orders' }] },
      },
    },
  };
  const sources = specOf(render({ connect: { p: pipeline } })[0])['sources'];
  assert.equal(Array.isArray(sources) ? sources[0] : undefined, {
    name: 'pg',
    connector: 'postgres-cdc',
    topic: 'cdc.events',
    enabled: true,
    configSecretRef: 'pg-credentials',
    config: { slot_name: 'rivven_slot', publication_name: 'rivven_pub', tables: ['public.orders'], snapshot: { mode: 'initial' }, host: 'db' },
  });
  const findings = findConnectRenderIssues(resolvedEnvironment({ connect: { p: pipeline } }));
  assert.equal(
    findings.map((f) => `${f.code} ${f.path}`),
    ['RG500 connect.p.sources.pg.config.slot_name'],
  );
});

test('pods run as the image user without privilege escalation; free-form parts are valid pod fields', () => {
  const s = specOf(render({ connect: { p: richPipeline } })[0]);
  assert.equal(s['securityContext'], { runAsNonRoot: true, runAsUser: 65532, runAsGroup: 65532, fsGroup: 65532, seccompProfile: { type: 'RuntimeDefault' } });
  assert.equal(s['containerSecurityContext'], { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
  const pod: K8sObject = compact({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'connect' },
    spec: {
      tolerations: s['tolerations'],
      securityContext: s['securityContext'],
      containers: [{ name: 'connect', image: s['image'], env: s['env'], resources: s['resources'], securityContext: s['containerSecurityContext'] }],
    },
  });
  assert.equal(validateBuiltin(pod), []);
});

test('the manifests target renders no RivvenConnect and reports nothing', () => {
  const config: UserConfig = { target: 'manifests', connect: { 'cdc-pipeline': guidePipeline } };
  assert.equal(render(config), []);
  assert.equal(findConnectRenderIssues(resolvedEnvironment(config)), []);
});

test.run();
