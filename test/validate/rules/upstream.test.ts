import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { checkUpstreamOperatorDefects } from '../../../src/validate/rules/upstream-operator-defects.js';
import { checkUpstreamTopicSettings } from '../../../src/validate/rules/upstream-topic-settings.js';
import { checkUpstreamClientTls } from '../../../src/validate/rules/upstream-client-tls.js';
import { checkUpstreamAuthUsers } from '../../../src/validate/rules/upstream-auth-users.js';
import { checkUpstreamAuthSettings } from '../../../src/validate/rules/upstream-auth-settings.js';
import { check, cleanBase, resolve, summary } from './support.js';

const operatorFleet = {
  ...cleanBase,
  target: 'operator',
  cluster: { ...cleanBase.cluster, tls: { enabled: true, existingSecret: 'broker-tls' } },
  topics: { orders: {} },
  connect: { cdc: { sources: { pg: { connector: 'postgres-cdc', topic: 'orders', config: { slot_name: 's' } } } } },
  schemaRegistry: {},
};

test('RG414–RG422: an operator-target fleet gets one error per blocking upstream defect, with citations', () => {
  const findings = check(checkUpstreamOperatorDefects, {}, operatorFleet);
  assert.equal(
    summary(findings).map(([code, severity]) => `${code} ${severity}`),
    ['RG414 error', 'RG415 error', 'RG416 error', 'RG417 error', 'RG418 error', 'RG419 error', 'RG420 error', 'RG421 error', 'RG422 error'],
  );
  assert.match(findings[0]?.message ?? '', /crates\/rivven-operator\/src\/resources\.rs:411-415 \(v0\.0\.22\)/);
  assert.match(findings[0]?.message ?? '', /Dockerfile:48,63/);
});

test('a declared patched image downgrades the image defects, patched CRDs the CRD defects', () => {
  const image = check(checkUpstreamOperatorDefects, { operator: { image: 'registry.example/rivven-operator:fixed', patchedImage: true } }, operatorFleet);
  const severities = Object.fromEntries(summary(image).map(([code, severity]) => [code, severity]));
  assert.is(severities['RG414'], 'warning');
  assert.is(severities['RG420'], 'warning');
  // A patched operator may read the deploy YAML dialect: the mismatch is fixed from either side.
  assert.is(severities['RG421'], 'warning');
  const crds = check(checkUpstreamOperatorDefects, { operator: { patchedImage: true, crds: { schema: 'patched' } } }, operatorFleet);
  assert.ok(crds.every((f) => f.severity === 'warning'), 'everything declared fixed is a warning');
});

test('RG423: --print-crd schemas cannot install RivvenConnect and RivvenSchemaRegistry', () => {
  const codes = check(checkUpstreamOperatorDefects, { operator: { crds: { schema: 'print-crd' } } }, operatorFleet).map((f) => f.code);
  assert.ok(codes.includes('RG423'));
  assert.not.ok(codes.includes('RG421'));
});

test('the manifests target gets no operator defect findings', () => {
  assert.equal(check(checkUpstreamOperatorDefects, { target: 'manifests' }, operatorFleet), []);
});

test('RG425 names every topic setting 0.0.22 cannot apply, at the topic, and none it can', () => {
  const base = { ...cleanBase, target: 'manifests', topics: { orders: { partitions: 3, replicationFactor: 3, minInsyncReplicas: 2, retention: '3d', acls: [{ principal: 'user:a', operations: ['Read'] }] }, plain: { deleteOnRemove: false, replicationFactor: 3, minInsyncReplicas: 2 } } };
  const { env, basePos } = resolve({}, base);
  const findings = checkUpstreamTopicSettings(env);
  assert.equal(summary(findings), [['RG425', 'warning', 'topics.orders']]);
  const message = findings[0]?.message ?? '';
  assert.match(message, /retention 259200000 ms \(nothing carries it to a 0\.0\.22 broker\)/);
  assert.match(message, /acls 1 rule/);
  assert.match(message, /deleteOnRemove true/);
  assert.not.match(message, /partitions|replicationFactor|minInsyncReplicas/);
  assert.equal(findings[0]?.loc, basePos('topics', 'orders'));
});

test('RG425 under the operator: replication and config are never sent, partitions are', () => {
  const findings = check(checkUpstreamTopicSettings, {}, { ...cleanBase, target: 'operator', topics: { t: { partitions: 6, replicationFactor: 3 } } });
  assert.match(findings[0]?.message ?? '', /replicationFactor 3 \(the operator never sends it/);
  assert.not.match(findings[0]?.message ?? '', /partitions/);
});

test('RG424: TLS on the published broker image leaves the client port plaintext; a custom image does not warn', () => {
  const tls = { cluster: { tls: { enabled: true, existingSecret: 'broker-tls' } } };
  assert.equal(summary(check(checkUpstreamClientTls, tls, { ...cleanBase, target: 'manifests' })), [['RG424', 'warning', 'cluster.tls']]);
  assert.equal(check(checkUpstreamClientTls, { cluster: { ...tls.cluster, image: 'registry.example/rivvend-tls:0.0.22' } }, { ...cleanBase, target: 'manifests' }), []);
});

test('RG427: auth on refuses every client under either target (no users can be loaded), with the upstream fact; auth off is quiet', () => {
  assert.equal(summary(check(checkUpstreamAuthUsers, {}, { ...cleanBase, target: 'manifests' })), [['RG427', 'warning', 'cluster.auth']]);
  const operator = check(checkUpstreamAuthUsers, {}, { ...cleanBase, target: 'operator' });
  assert.equal(summary(operator), [['RG427', 'warning', 'cluster.auth']]);
  assert.match(operator[0]?.message ?? '', /client users cannot be provisioned.*cluster_server\.rs:279-285/);
  assert.equal(check(checkUpstreamAuthUsers, { cluster: { auth: { enabled: false } } }, { ...cleanBase, target: 'manifests' }), []);
});

test('RG429: SCRAM users, a client token and RBAC rules are not read by rivvend 0.0.22, under both targets', () => {
  for (const target of ['manifests', 'operator']) {
    const findings = check(checkUpstreamAuthSettings, { cluster: { auth: { token: { secretName: 't', key: 'k' }, rbac: { configMapName: 'rules' } } } }, { ...cleanBase, target });
    assert.equal(summary(findings), [
      ['RG429', 'warning', 'cluster.auth.scram.existingSecret'],
      ['RG429', 'warning', 'cluster.auth.token'],
      ['RG429', 'warning', 'cluster.auth.rbac'],
    ]);
    assert.match(findings[0]?.message ?? '', /"rivven-users"\) is not read by rivvend 0\.0\.22: .*cluster_server\.rs/);
  }
  assert.equal(check(checkUpstreamAuthSettings, { cluster: { auth: { scram: null } } }, { ...cleanBase, target: 'manifests' }), []);
});

test('RG430: auth off under manifests needs networkPolicy, or mTLS on an image whose client port speaks TLS', () => {
  const base = { ...cleanBase, target: 'manifests', cluster: { replicas: 3, auth: { enabled: false } } };
  assert.equal(summary(check(checkUpstreamAuthSettings, {}, base)), [['RG430', 'error', 'cluster.auth.enabled']]);
  assert.equal(check(checkUpstreamAuthSettings, { networkPolicy: {} }, base), []);
  const mtls = { enabled: true, existingSecret: 'tls', mtls: { clientCASecret: 'ca' } };
  // The published image keeps 9092 plaintext: its mTLS guards nothing.
  assert.equal(summary(check(checkUpstreamAuthSettings, { cluster: { tls: mtls } }, base)), [['RG430', 'error', 'cluster.auth.enabled']]);
  assert.equal(check(checkUpstreamAuthSettings, { cluster: { tls: mtls, image: 'registry.example/rivvend-tls:0.0.22' } }, base), []);
  assert.equal(check(checkUpstreamAuthSettings, {}, { ...base, target: 'operator' }), []);
});

test('RG425 on a big fleet: one warning per environment counting the topics per setting, at the first topic', () => {
  const topics = Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`t${String(i).padStart(3, '0')}`, { retention: '3d', ...(i < 3 ? { cleanupPolicy: 'compact' } : {}) }]));
  const { env, basePos } = resolve({}, { ...cleanBase, target: 'operator', topics });
  const findings = checkUpstreamTopicSettings(env);
  assert.equal(summary(findings), [['RG425', 'warning', 'topics.t000']]);
  const message = findings[0]?.message ?? '';
  assert.match(message, /^200 topics set what Rivven 0\.0\.22 does not apply/);
  assert.match(message, /retention on 200 topics \(the operator never sends it to the broker\): "t000", "t001", "t002", "t003", "t004", "t005", "t006", "t007" and 192 more/);
  assert.match(message, /cleanupPolicy on 3 topics \(the operator never sends it to the broker\): "t000", "t001", "t002"(?! and)/);
  assert.equal(findings[0]?.loc, basePos('topics', 't000'));
  // At the threshold each topic still gets its own warning at its own line.
  const few = check(checkUpstreamTopicSettings, {}, { ...cleanBase, target: 'operator', topics: Object.fromEntries(Object.entries(topics).slice(0, 5)) });
  assert.equal(few.length, 5);
});

test.run();
