import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { findSchemaRegistryIssues, renderSchemaRegistry } from '../../src/render/rivven-schema-registry.js';
import type { K8sObject } from '../../src/render/k8s-object.js';
import type { UserConfig, UserSchemaRegistry } from '../../src/model/types.js';
import { resolvedEnvironment } from '../support/resolved.js';
import { checkCrGolden } from '../support/crd-schema.js';

/** The deployment guide's schema registry, in the guide's own words. */
const guide: UserSchemaRegistry = {
  replicas: 2,
  server: { port: 8081, requestTimeoutMs: 30_000, corsEnabled: true },
  storage: { mode: 'broker', topic: '_schemas', replicationFactor: 3 },
  compatibility: { defaultLevel: 'BACKWARD', perSubject: { 'orders-events-value': 'FULL', 'user-profile-value': 'FORWARD' } },
  formats: { avro: true, jsonSchema: true, protobuf: true },
  externalRegistry: {
    registryType: 'compatible',
    registryUrl: 'https://schema-registry.confluent.example.com',
    syncMode: 'mirror',
    syncIntervalSeconds: 300,
    credentialsSecretRef: 'confluent-credentials',
  },
  auth: { method: 'cedar', cedar: { policySecretRef: 'schema-registry-policies' } },
};

/** Every RivvenSchemaRegistry field of the model, in the CRD's words. */
const rich: UserSchemaRegistry = {
  name: 'schemas',
  replicas: 3,
  version: '0.0.21',
  imagePullPolicy: 'Always',
  imagePullSecrets: ['ghcr-pull'],
  resources: { requests: { cpu: '250m', memory: '512Mi' }, limits: { memory: '1Gi' } },
  server: { port: 8082, bindAddress: '0.0.0.0', timeoutSeconds: 45, maxRequestSize: 20_971_520, corsEnabled: true, corsAllowedOrigins: ['https://console.example.com'] },
  storage: { mode: 'broker', topic: '_schemas_prod', replicationFactor: 3, partitions: 1, normalize: true },
  compatibility: { defaultLevel: 'FULL_TRANSITIVE', allowOverrides: false, subjects: { 'orders-value': 'NONE' } },
  schemas: { avro: true, jsonSchema: false, protobuf: true, strictValidation: true },
  contexts: { enabled: true, maxContexts: 10, predefined: [{ name: 'tenant-a', description: 'Tenant A', active: true }] },
  validation: {
    enabled: true,
    maxSchemaSize: 2_097_152,
    rules: [{ name: 'doc-required', ruleType: 'documentation', pattern: '.+', subjects: ['orders-value'], schemaTypes: ['AVRO'], level: 'warning', description: 'Every schema documents itself' }],
  },
  auth: {
    enabled: true,
    method: 'jwt',
    credentialsSecretRef: 'registry-users',
    jwt: { issuerUrl: 'https://idp.example.com', jwksUrl: 'https://idp.example.com/jwks', audience: 'schema-registry', usernameClaim: 'email', rolesClaim: 'groups' },
    users: [{ username: 'ci', passwordSecretKey: 'ci-password', role: 'writer', allowedSubjects: ['orders-value'] }],
  },
  tls: { enabled: true, certSecretName: 'registry-tls', mtlsEnabled: true, caSecretName: 'registry-ca', brokerTlsEnabled: true, brokerCertSecretName: 'rivven-main-tls' },
  metrics: { enabled: true, port: 9090, path: '/metrics', serviceMonitorEnabled: false, scrapeInterval: '30s' },
  external: {
    enabled: true,
    registryType: 'glue',
    glueRegistryArn: 'arn:aws:glue:eu-west-1:123456789012:registry/events',
    awsRegion: 'eu-west-1',
    syncMode: 'push',
    syncSubjects: ['orders-value'],
    syncIntervalSeconds: 600,
    credentialsSecretRef: 'aws-credentials',
  },
  podAnnotations: { 'example.com/owner': 'data' },
  podLabels: { tier: 'registry' },
  env: [{ name: 'RUST_LOG', value: 'info' }],
  nodeSelector: { pool: 'general' },
  tolerations: [{ key: 'general', operator: 'Exists' }],
  serviceAccount: 'schema-registry',
  probes: { liveness: { initialDelaySeconds: 20, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 3 }, readiness: { initialDelaySeconds: 5 } },
  podDisruptionBudget: { enabled: true, minAvailable: 2 },
};

function specOf(config: UserConfig): Record<string, unknown> {
  const [obj]: (K8sObject | undefined)[] = renderSchemaRegistry(resolvedEnvironment(config));
  const s = obj?.['spec'];
  if (s === null || typeof s !== 'object' || Array.isArray(s)) throw new Error('no spec');
  return Object.fromEntries(Object.entries(s));
}

test("the guide's registry, written in guide words, renders with the CRD's field names (golden)", () => {
  assert.equal(checkCrGolden(renderSchemaRegistry(resolvedEnvironment({ schemaRegistry: guide })), 'rivven-schema-registry/guide'), []);
  const s = specOf({ schemaRegistry: guide });
  assert.equal(s['server'], { port: 8081, timeoutSeconds: 30, corsEnabled: true });
  assert.equal(s['compatibility'], { defaultLevel: 'BACKWARD', subjects: { 'orders-events-value': 'FULL', 'user-profile-value': 'FORWARD' } });
  assert.equal(s['schemas'], { avro: true, jsonSchema: true, protobuf: true });
  assert.equal(s['external'], {
    enabled: true,
    registryType: 'confluent',
    confluentUrl: 'https://schema-registry.confluent.example.com',
    syncMode: 'mirror',
    syncIntervalSeconds: 300,
    credentialsSecretRef: 'confluent-credentials',
  });
  assert.equal(s['auth'], { enabled: true, method: 'cedar' });
});

test('rich config: every field maps onto the real CRD', () => {
  assert.equal(checkCrGolden(renderSchemaRegistry(resolvedEnvironment({ project: 'shop', schemaRegistry: rich }, 'prod')), 'rivven-schema-registry/rich'), []);
});

test('identity, cluster reference, pinned version and image', () => {
  const [obj] = renderSchemaRegistry(resolvedEnvironment({ cluster: { name: 'events' }, schemaRegistry: {} }, 'staging'));
  assert.is(obj?.kind, 'RivvenSchemaRegistry');
  assert.is(obj?.metadata.name, 'schema-registry');
  assert.is(obj?.metadata.namespace, 'rivven-staging');
  assert.is(obj?.metadata.labels?.['app.kubernetes.io/component'], 'schema-registry');
  const s = specOf({ cluster: { name: 'events' }, schemaRegistry: {} });
  assert.equal(s['clusterRef'], { name: 'events' });
  assert.is(s['version'], '0.0.22');
  assert.is(s['image'], 'ghcr.io/hupe1980/rivven-schema:0.0.22');
  const own = specOf({ schemaRegistry: rich });
  assert.is(own['version'], '0.0.21');
  assert.is(own['image'], 'ghcr.io/hupe1980/rivven-schema:0.0.21', 'the image follows the version');
  assert.is(specOf({ schemaRegistry: { image: 'registry.local/schema:x' } })['image'], 'registry.local/schema:x');
});

test('probes: successThreshold has no CRD field, so it is dropped and reported', () => {
  const config: UserConfig = { schemaRegistry: { probes: { liveness: { periodSeconds: 10, successThreshold: 1 }, readiness: { successThreshold: 2 } } } };
  const s = specOf(config);
  assert.equal(s['livenessProbe'], { periodSeconds: 10 });
  assert.not.ok('readinessProbe' in s, 'nothing left to render');
  assert.equal(
    findSchemaRegistryIssues(resolvedEnvironment(config)).map((f) => `${f.code} ${f.severity} ${f.path}`),
    ['RG506 warning schemaRegistry.probes.liveness.successThreshold', 'RG506 warning schemaRegistry.probes.readiness.successThreshold'],
  );
  assert.equal(findSchemaRegistryIssues(resolvedEnvironment({ schemaRegistry: rich })), []);
});

test('nothing rendered without a registry, when disabled, or for the manifests target', () => {
  assert.equal(renderSchemaRegistry(resolvedEnvironment({})), []);
  assert.equal(renderSchemaRegistry(resolvedEnvironment({ schemaRegistry: { ...rich, enabled: false } })), []);
  assert.equal(renderSchemaRegistry(resolvedEnvironment({ target: 'manifests', schemaRegistry: rich })), []);
});

test.run();
