import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { checkRequestsExceedLimits } from '../../../src/validate/rules/requests-exceed-limits.js';
import { checkPortConflicts } from '../../../src/validate/rules/port-conflicts.js';
import { checkAutoscalingWithOperator } from '../../../src/validate/rules/autoscaling-with-operator.js';
import { checkAuthSecrets } from '../../../src/validate/rules/auth-secrets.js';
import { checkPostgresCdcConnector } from '../../../src/validate/rules/postgres-cdc-connector.js';
import { checkSchemaStorageReplication } from '../../../src/validate/rules/schema-storage-replication.js';
import { checkGeneratedNameLength } from '../../../src/validate/rules/generated-name-length.js';
import { checkTlsConflictingSource } from '../../../src/validate/rules/tls-conflicting-source.js';
import { checkTlsMissingSource } from '../../../src/validate/rules/tls-missing-source.js';
import { checkMtlsWithoutTls } from '../../../src/validate/rules/mtls-without-tls.js';
import { checkAutoscalingBounds } from '../../../src/validate/rules/autoscaling-bounds.js';
import { checkArgocdRepository } from '../../../src/validate/rules/argocd-repository.js';
import { checkClusterAuthToken } from '../../../src/validate/rules/cluster-auth-token.js';
import { checkConnectClusterRef } from '../../../src/validate/rules/connect-cluster-ref.js';
import { check, resolve, summary } from './support.js';

// RG307
test('RG307 passes when requests ≤ limits, comparing quantities by value', () => {
  assert.equal(check(checkRequestsExceedLimits, { cluster: { resources: { requests: { cpu: '500m', memory: '1Gi' }, limits: { cpu: '1', memory: '1024Mi' } } } }), []);
});

test('RG307 fails for each request above its limit, for brokers, connect, registry and operator', () => {
  const { env, envPos } = resolve({
    cluster: { resources: { requests: { cpu: '2' }, limits: { cpu: '1500m' } } },
    connect: { p: { resources: { requests: { memory: '2Gi' }, limits: { memory: '1Gi' } } } },
    schemaRegistry: { resources: { requests: { 'ephemeral-storage': '2G' }, limits: { 'ephemeral-storage': '1Gi' } } },
    operator: { resources: { requests: { cpu: 1 }, limits: { cpu: '999m' } } },
  });
  const findings = checkRequestsExceedLimits(env);
  assert.equal(summary(findings), [
    ['RG307', 'error', 'cluster.resources.requests.cpu'],
    ['RG307', 'error', 'connect.p.resources.requests.memory'],
    ['RG307', 'error', 'schemaRegistry.resources.requests.ephemeral-storage'],
    ['RG307', 'error', 'operator.resources.requests.cpu'],
  ]);
  assert.equal(findings[0]?.loc, envPos('cluster', 'resources', 'requests', 'cpu'));
});

// RG311
test('RG311 passes for distinct ports in one pod, and equal ports in different pods', () => {
  assert.equal(
    check(checkPortConflicts, {
      connect: { p: { settings: { health: { port: 8081 }, metrics: { port: 9091 } } } },
      schemaRegistry: { server: { port: 8081 }, metrics: { port: 9091 } },
    }),
    [],
  );
});

test('RG311 fails for two listeners on one port in the same pod', () => {
  const { env, envPos } = resolve({
    connect: { p: { settings: { health: { port: 8080 }, metrics: { port: 8080 } } } },
    schemaRegistry: { server: { port: 8081 }, metrics: { port: 8081 } },
  });
  const findings = checkPortConflicts(env);
  assert.equal(summary(findings), [
    ['RG311', 'error', 'connect.p.settings.metrics.port'],
    ['RG311', 'error', 'schemaRegistry.metrics.port'],
  ]);
  assert.equal(findings[0]?.loc, envPos('connect', 'p', 'settings', 'metrics', 'port'));
});

test('RG311 ignores a disabled endpoint', () => {
  assert.equal(check(checkPortConflicts, { connect: { p: { settings: { health: { port: 8080 }, metrics: { enabled: false, port: 8080 } } } } }), []);
});

// RG312
test('RG312 passes for autoscaling under the manifests target', () => {
  assert.equal(check(checkAutoscalingWithOperator, { target: 'manifests', autoscaling: { minReplicas: 3, maxReplicas: 5 } }), []);
});

test('RG312 fails for autoscaling under the operator', () => {
  const { env, envPos } = resolve({ autoscaling: { minReplicas: 3, maxReplicas: 5 } });
  const findings = checkAutoscalingWithOperator(env);
  assert.equal(summary(findings), [['RG312', 'error', 'autoscaling.enabled']]);
  assert.equal(findings[0]?.loc, envPos('autoscaling'));
});

// RG313
test('RG313 no longer asks for SCRAM users or a client token (rivvend reads neither, RG429); auth off is quiet', () => {
  assert.equal(check(checkAuthSecrets, {}), []);
  assert.equal(check(checkAuthSecrets, { cluster: { auth: { scram: null } } }), []);
  assert.equal(check(checkAuthSecrets, { cluster: { auth: { mechanism: 'token', scram: null } } }), []);
  assert.equal(check(checkAuthSecrets, { cluster: { auth: { enabled: false, mechanism: 'mtls' } } }), []);
});

test('RG313 fails for mtls without a client CA, at the mechanism line', () => {
  const { env, envPos } = resolve({ cluster: { auth: { mechanism: 'mtls' } } });
  const findings = checkAuthSecrets(env);
  assert.equal(summary(findings), [['RG313', 'error', 'cluster.auth.mechanism']]);
  assert.match(findings[0]?.message ?? '', /mtls/);
  assert.equal(findings[0]?.loc, envPos('cluster', 'auth', 'mechanism'));
});

// RG314
const cdc = { slotName: 'slot', publication: 'pub', tables: [{ table: 'orders' }] };
test('RG314 passes for postgresCdc on the postgres-cdc connector', () => {
  assert.equal(check(checkPostgresCdcConnector, { connect: { p: { sources: { s: { connector: 'postgres-cdc', topic: 't', postgresCdc: cdc } } } } }), []);
});

test('RG314 fails for postgresCdc on another connector', () => {
  const { env, envPos } = resolve({ connect: { p: { sources: { s: { connector: 'mysql-cdc', topic: 't', postgresCdc: cdc } } } } });
  const findings = checkPostgresCdcConnector(env);
  assert.equal(summary(findings), [['RG314', 'error', 'connect.p.sources.s.postgresCdc']]);
  assert.equal(findings[0]?.loc, envPos('connect', 'p', 'sources', 's', 'postgresCdc'));
});

// RG315
test('RG315 passes when the storage topic fits the brokers, or storage is in memory', () => {
  assert.equal(check(checkSchemaStorageReplication, { schemaRegistry: { storage: { replicationFactor: 3 } } }), []);
  assert.equal(check(checkSchemaStorageReplication, { cluster: { replicas: 1 }, schemaRegistry: { storage: { mode: 'memory' } } }), []);
});

test('RG315 fails when the default storage replication (3) exceeds one broker', () => {
  const { env, envPos } = resolve({ cluster: { replicas: 1 }, schemaRegistry: { replicas: 1 } });
  const findings = checkSchemaStorageReplication(env);
  assert.equal(summary(findings), [['RG315', 'error', 'schemaRegistry.storage.replicationFactor']]);
  assert.equal(findings[0]?.loc, envPos('schemaRegistry'), 'a default points at the enclosing block');
});

// RG316
test('RG316 passes for names whose generated objects fit', () => {
  assert.equal(check(checkGeneratedNameLength, { connect: { [`p${'x'.repeat(47)}`]: {} } }), []);
});

test('RG316 fails when rivven-connect-<pipeline> or the broker StatefulSet name is too long', () => {
  const longPipeline = `p${'x'.repeat(48)}`;
  const { env, envPos } = resolve({ cluster: { name: `c${'x'.repeat(45)}` }, connect: { [longPipeline]: {} } });
  const findings = checkGeneratedNameLength(env);
  assert.equal(summary(findings), [
    ['RG316', 'error', 'cluster.name'],
    ['RG316', 'error', `connect.${longPipeline}`],
  ]);
  assert.match(findings[0]?.message ?? '', /53 characters\), longer than the 52/);
  assert.match(findings[1]?.message ?? '', /"rivven-connect-px+" \(64 characters\)/);
  assert.equal(findings[1]?.loc, envPos('connect', longPipeline));
});

// RG318 / RG325 / RG319
const issuer = { issuerRef: { name: 'letsencrypt' } };
test('RG318 passes with one certificate source', () => {
  assert.equal(check(checkTlsConflictingSource, { cluster: { tls: { enabled: true, certManager: issuer } } }), []);
});

test('RG318 fails with both cert-manager and an existing secret (the base set one, the environment the other)', () => {
  const base = { cluster: { auth: { scram: { existingSecret: 'u' } }, tls: { enabled: true, certManager: issuer } }, argocd: { repoURL: 'x' } };
  const { env, envPos } = resolve({ cluster: { tls: { existingSecret: 'my-tls' } } }, base);
  const findings = checkTlsConflictingSource(env);
  assert.equal(summary(findings), [['RG318', 'error', 'cluster.tls.existingSecret']]);
  assert.equal(findings[0]?.loc, envPos('cluster', 'tls', 'existingSecret'));
  const fixed = resolve({ cluster: { tls: { existingSecret: 'my-tls', certManager: null } } }, base);
  assert.equal(checkTlsConflictingSource(fixed.env), []);
});

test('RG325 passes when TLS has a source or is off; fails when enabled without one', () => {
  assert.equal(check(checkTlsMissingSource, { cluster: { tls: { enabled: true, existingSecret: 's' } } }), []);
  assert.equal(check(checkTlsMissingSource, {}), []);
  const { env, envPos } = resolve({ cluster: { tls: { enabled: true } } });
  const findings = checkTlsMissingSource(env);
  assert.equal(summary(findings), [['RG325', 'error', 'cluster.tls.enabled']]);
  assert.equal(findings[0]?.loc, envPos('cluster', 'tls', 'enabled'));
});

test('RG319 passes for mTLS with TLS; fails for mTLS without it', () => {
  assert.equal(check(checkMtlsWithoutTls, { cluster: { tls: { enabled: true, existingSecret: 's', mtls: { clientCASecret: 'ca' } } } }), []);
  const { env, envPos } = resolve({ cluster: { tls: { mtls: { clientCASecret: 'ca' } } } });
  const findings = checkMtlsWithoutTls(env);
  assert.equal(summary(findings), [['RG319', 'error', 'cluster.tls.mtls']]);
  assert.equal(findings[0]?.loc, envPos('cluster', 'tls', 'mtls'));
});

// RG320
test('RG320 passes for min ≤ max; fails for min > max', () => {
  assert.equal(check(checkAutoscalingBounds, { target: 'manifests', autoscaling: { minReplicas: 3, maxReplicas: 3 } }), []);
  const { env, envPos } = resolve({ target: 'manifests', autoscaling: { minReplicas: 5, maxReplicas: 3 } });
  const findings = checkAutoscalingBounds(env);
  assert.equal(summary(findings), [['RG320', 'error', 'autoscaling.minReplicas']]);
  assert.equal(findings[0]?.loc, envPos('autoscaling', 'minReplicas'));
});

// RG321
test('RG321 passes with a repoURL or Argo CD disabled; fails without a repoURL', () => {
  assert.equal(check(checkArgocdRepository, {}), []);
  assert.equal(check(checkArgocdRepository, { argocd: { enabled: false, repoURL: null } }), []);
  const findings = check(checkArgocdRepository, { argocd: { repoURL: null } });
  assert.equal(summary(findings), [['RG321', 'error', 'argocd.repoURL']]);
});

// RG322
test('RG322 passes with a token, a single broker, or the operator target', () => {
  assert.equal(check(checkClusterAuthToken, { target: 'manifests', cluster: { clusterAuthToken: { secretName: 't', key: 'token' } } }), []);
  assert.equal(check(checkClusterAuthToken, { target: 'manifests', cluster: { replicas: 1 } }), []);
  assert.equal(check(checkClusterAuthToken, {}), []);
});

test('RG322 fails for several brokers under manifests without a token, and for autoscaling past one', () => {
  const { env, envPos } = resolve({ target: 'manifests', cluster: { replicas: 3 } });
  const findings = checkClusterAuthToken(env);
  assert.equal(summary(findings), [['RG322', 'error', 'cluster.replicas']]);
  assert.equal(findings[0]?.loc, envPos('cluster', 'replicas'));
  const scaling = check(checkClusterAuthToken, { target: 'manifests', cluster: { replicas: 1 }, autoscaling: { minReplicas: 1, maxReplicas: 3 } });
  assert.equal(summary(scaling), [['RG322', 'error', 'autoscaling.maxReplicas']]);
});

// RG326
test('RG326 passes when a pipeline names this cluster or none; fails for another cluster', () => {
  assert.equal(check(checkConnectClusterRef, { connect: { a: { cluster: 'main' }, b: {} } }), []);
  const { env, envPos } = resolve({ connect: { a: { cluster: 'other' } } });
  const findings = checkConnectClusterRef(env);
  assert.equal(summary(findings), [['RG326', 'error', 'connect.a.cluster']]);
  assert.equal(findings[0]?.loc, envPos('connect', 'a', 'cluster'));
});

test.run();
