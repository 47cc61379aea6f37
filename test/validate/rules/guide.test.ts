import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { checkGuideClusterVersion } from '../../../src/validate/rules/guide-cluster-version.js';
import { checkGuideClusterConfig } from '../../../src/validate/rules/guide-cluster-config.js';
import { checkGuideCedarAuth } from '../../../src/validate/rules/guide-cedar-auth.js';
import { checkGuideBackupCli } from '../../../src/validate/rules/guide-backup-cli.js';
import { checkGuideBrokerIngress } from '../../../src/validate/rules/guide-broker-ingress.js';
import { checkGuideRequestTimeout } from '../../../src/validate/rules/guide-request-timeout.js';
import { checkGuidePerSubject } from '../../../src/validate/rules/guide-per-subject.js';
import { checkGuideFormats } from '../../../src/validate/rules/guide-formats.js';
import { checkGuideExternalRegistry } from '../../../src/validate/rules/guide-external-registry.js';
import { checkGuideImageName } from '../../../src/validate/rules/guide-image-name.js';
import { checkGuideBrokerPorts } from '../../../src/validate/rules/guide-broker-ports.js';
import { checkCustomBackupCommand } from '../../../src/validate/rules/custom-backup-command.js';
import { checkFloatingImageTag } from '../../../src/validate/rules/floating-image-tag.js';
import { check, resolve, summary } from './support.js';

// RG401
test('RG401 is silent without cluster.version; warns that it becomes the image tag', () => {
  assert.equal(check(checkGuideClusterVersion, {}), []);
  const { env, envPos } = resolve({ cluster: { version: '0.0.21' } });
  const findings = checkGuideClusterVersion(env);
  assert.equal(summary(findings), [['RG401', 'warning', 'cluster.version']]);
  assert.match(findings[0]?.message ?? '', /ghcr\.io\/hupe1980\/rivvend:0\.0\.21/);
  assert.equal(findings[0]?.loc, envPos('cluster', 'version'));
  assert.match(check(checkGuideClusterVersion, { cluster: { version: '1', image: 'my/rivvend:2' } })[0]?.message ?? '', /ignored/);
});

// RG402
test('RG402 is silent without cluster.config', () => {
  assert.equal(check(checkGuideClusterConfig, {}), []);
});

test('RG402 is an error under the operator and a warning naming the RIVVEN_* variables under manifests', () => {
  const config = { defaultPartitions: 6, defaultReplicationFactor: 3, minInsyncReplicas: 2 };
  assert.equal(summary(check(checkGuideClusterConfig, { cluster: { config } })), [['RG402', 'error', 'cluster.config']]);
  const { env, envPos } = resolve({ target: 'manifests', cluster: { config, clusterAuthToken: { secretName: 't', key: 'k' } } });
  const findings = checkGuideClusterConfig(env);
  assert.equal(summary(findings), [['RG402', 'warning', 'cluster.config']]);
  assert.match(findings[0]?.message ?? '', /defaultPartitions → RIVVEN_DEFAULT_PARTITIONS, defaultReplicationFactor → RIVVEN_REPLICATION_FACTOR, minInsyncReplicas → RIVVEN_MIN_ISR/);
  assert.equal(findings[0]?.loc, envPos('cluster', 'config'));
});

// RG403
test('RG403 is silent for basic auth; refuses the cedar method and the cedar block', () => {
  assert.equal(check(checkGuideCedarAuth, { schemaRegistry: { auth: { method: 'basic', credentialsSecretRef: 'users' } } }), []);
  const { env, envPos } = resolve({ schemaRegistry: { auth: { method: 'cedar', cedar: { policySecretRef: 'policies' } } } });
  const findings = checkGuideCedarAuth(env);
  assert.equal(summary(findings), [
    ['RG403', 'error', 'schemaRegistry.auth.method'],
    ['RG403', 'error', 'schemaRegistry.auth.cedar'],
  ]);
  assert.equal(findings[1]?.loc, envPos('schemaRegistry', 'auth', 'cedar'));
});

// RG404 / RG412
test('RG404 refuses the rivven-cli backup; other methods pass', () => {
  assert.equal(check(checkGuideBackupCli, { backup: { method: 'velero' } }), []);
  const { env, envPos } = resolve({ backup: { method: 'rivven-cli' } });
  assert.equal(summary(checkGuideBackupCli(env)), [['RG404', 'error', 'backup.method']]);
  assert.equal(checkGuideBackupCli(env)[0]?.loc, envPos('backup', 'method'));
});

test('RG412 warns for a custom backup command; silent otherwise', () => {
  assert.equal(check(checkCustomBackupCommand, { backup: { method: 'volume-snapshot' } }), []);
  const findings = check(checkCustomBackupCommand, { backup: { method: 'command', command: { image: 'me/backup:1.0', command: ['/backup'] } } });
  assert.equal(summary(findings), [['RG412', 'warning', 'backup.method']]);
});

// RG405
test('RG405 refuses a broker Ingress; the HTTP routes pass', () => {
  assert.equal(check(checkGuideBrokerIngress, { ingress: { schemaRegistry: { host: 'registry.example.com' } } }), []);
  const findings = check(checkGuideBrokerIngress, { ingress: { broker: { host: 'rivven.example.com', backendProtocol: 'GRPC' } } });
  assert.equal(summary(findings), [['RG405', 'error', 'ingress.broker']]);
});

// RG406
test('RG406 warns that requestTimeoutMs becomes timeoutSeconds (rounded up), and refuses a disagreement', () => {
  assert.equal(check(checkGuideRequestTimeout, { schemaRegistry: { server: { timeoutSeconds: 30 } } }), []);
  const { env, envPos } = resolve({ schemaRegistry: { server: { requestTimeoutMs: 2500 } } });
  const findings = checkGuideRequestTimeout(env);
  assert.equal(summary(findings), [['RG406', 'warning', 'schemaRegistry.server.requestTimeoutMs']]);
  assert.match(findings[0]?.message ?? '', /timeoutSeconds: 3 \(rounded up/);
  assert.equal(findings[0]?.loc, envPos('schemaRegistry', 'server', 'requestTimeoutMs'));
  assert.equal(check(checkGuideRequestTimeout, { schemaRegistry: { server: { requestTimeoutMs: 30_000, timeoutSeconds: 30 } } }).map((f) => f.severity), ['warning']);
  assert.equal(summary(check(checkGuideRequestTimeout, { schemaRegistry: { server: { requestTimeoutMs: 5000, timeoutSeconds: 30 } } })), [
    ['RG406', 'error', 'schemaRegistry.server.requestTimeoutMs'],
  ]);
});

// RG407
test('RG407 warns for perSubject, and refuses a subject given two different levels', () => {
  assert.equal(check(checkGuidePerSubject, { schemaRegistry: { compatibility: { subjects: { a: 'FULL' } } } }), []);
  assert.equal(summary(check(checkGuidePerSubject, { schemaRegistry: { compatibility: { perSubject: { a: 'FULL' }, subjects: { a: 'FULL' } } } })), [
    ['RG407', 'warning', 'schemaRegistry.compatibility.perSubject'],
  ]);
  const { env, envPos } = resolve({ schemaRegistry: { compatibility: { perSubject: { a: 'FULL' }, subjects: { a: 'NONE' } } } });
  const findings = checkGuidePerSubject(env);
  assert.equal(summary(findings), [['RG407', 'error', 'schemaRegistry.compatibility.perSubject.a']]);
  assert.equal(findings[0]?.loc, envPos('schemaRegistry', 'compatibility', 'perSubject', 'a'));
});

// RG408
test('RG408 warns for formats, and refuses a format that contradicts schemas', () => {
  assert.equal(check(checkGuideFormats, { schemaRegistry: { schemas: { avro: true } } }), []);
  assert.equal(summary(check(checkGuideFormats, { schemaRegistry: { formats: { avro: true } } })), [['RG408', 'warning', 'schemaRegistry.formats']]);
  assert.equal(summary(check(checkGuideFormats, { schemaRegistry: { formats: { avro: true }, schemas: { avro: false } } })), [['RG408', 'error', 'schemaRegistry.formats.avro']]);
});

// RG409
test('RG409 warns for externalRegistry with what is renamed, and refuses it beside external', () => {
  assert.equal(check(checkGuideExternalRegistry, { schemaRegistry: { external: { registryType: 'glue' } } }), []);
  const findings = check(checkGuideExternalRegistry, { schemaRegistry: { externalRegistry: { registryType: 'compatible', registryUrl: 'https://r.example.com' } } });
  assert.equal(summary(findings), [['RG409', 'warning', 'schemaRegistry.externalRegistry']]);
  assert.match(findings[0]?.message ?? '', /registryType "compatible" → "confluent", registryUrl → confluentUrl/);
  const both = check(checkGuideExternalRegistry, { schemaRegistry: { external: { registryType: 'glue' }, externalRegistry: { registryType: 'confluent' } } });
  assert.equal(summary(both), [['RG409', 'error', 'schemaRegistry.externalRegistry']]);
});

// RG410
test("RG410 refuses the guide's non-existent image wherever an image is named", () => {
  assert.equal(check(checkGuideImageName, { cluster: { image: 'ghcr.io/hupe1980/rivvend:0.0.22' }, operator: { image: 'ghcr.io/hupe1980/rivven-operator:0.0.22' } }), []);
  const { env, envPos } = resolve({
    cluster: { image: 'ghcr.io/hupe1980/rivven:0.0.22' },
    connect: { p: { image: 'ghcr.io/hupe1980/rivven' } },
    operator: { image: 'ghcr.io/hupe1980/rivven@sha256:abc' },
  });
  const findings = checkGuideImageName(env);
  assert.equal(summary(findings), [
    ['RG410', 'error', 'cluster.image'],
    ['RG410', 'error', 'connect.p.image'],
    ['RG410', 'error', 'operator.image'],
  ]);
  assert.equal(findings[0]?.loc, envPos('cluster', 'image'));
});

// RG411
test("RG411 warns for the guide's broker ports; the real ports pass", () => {
  assert.equal(check(checkGuideBrokerPorts, { cluster: { broker: { clientPort: 9092, clusterPort: 9093, metricsPort: 9094 } } }), []);
  const { env, envPos } = resolve({ cluster: { broker: { clientPort: 9292, clusterPort: 9393, metricsPort: 9090 } } });
  const findings = checkGuideBrokerPorts(env);
  assert.equal(summary(findings), [
    ['RG411', 'warning', 'cluster.broker.clientPort'],
    ['RG411', 'warning', 'cluster.broker.clusterPort'],
    ['RG411', 'warning', 'cluster.broker.metricsPort'],
  ]);
  assert.equal(findings[2]?.loc, envPos('cluster', 'broker', 'metricsPort'));
});

// RG413
test('RG413 warns for "latest" or a missing tag; pinned tags and digests pass', () => {
  assert.equal(check(checkFloatingImageTag, { cluster: { image: 'registry:5000/rivvend:0.0.22' }, operator: { image: 'me/op@sha256:0123' } }), []);
  const { env, envPos } = resolve({
    cluster: { image: 'registry:5000/rivvend' },
    connect: { p: { image: 'me/connect:latest' } },
    schemaRegistry: { version: 'latest' },
  });
  const findings = checkFloatingImageTag(env);
  assert.equal(summary(findings), [
    ['RG413', 'warning', 'cluster.image'],
    ['RG413', 'warning', 'connect.p.image'],
    ['RG413', 'warning', 'schemaRegistry.version'],
  ]);
  assert.equal(findings[0]?.loc, envPos('cluster', 'image'));
});

test.run();
