import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { UserConfig } from '../../src/model/types.js';
import { renderBrokerStatefulSet } from '../../src/render/broker-statefulset.js';
import { brokerTlsSecretName, renderBrokerCertificate } from '../../src/render/tls.js';
import { resolvedEnvironment } from '../support/resolved.js';
import { validateBuiltin } from '../support/k8s-schema.js';
import { expectGoldenObjects, field } from '../support/render-fixtures.js';

const certManager: UserConfig = {
  cluster: {
    external: { type: 'LoadBalancer' },
    tls: {
      enabled: true,
      certManager: { issuerRef: { name: 'internal-ca', kind: 'ClusterIssuer' }, dnsNames: ['rivven.example.com'], duration: '720h', renewBefore: '240h' },
    },
  },
};

function certificates(config: UserConfig, envName = 'prod') {
  return renderBrokerCertificate(resolvedEnvironment(config, envName));
}

test('golden: the broker Certificate under both targets', () => {
  expectGoldenObjects('tls/operator.yaml', certificates(certManager));
  expectGoldenObjects('tls/manifests.yaml', certificates({ ...certManager, target: 'manifests' }));
});

test('DNS names cover the client Service, every broker pod and extra names, in the environment namespace', () => {
  const names = (envName: string) => field(certificates(certManager, envName)[0], 'spec', 'dnsNames');
  const prod = names('prod');
  assert.ok(Array.isArray(prod));
  for (const name of [
    'rivven-main',
    'rivven-main.rivven-prod.svc',
    'rivven-main.rivven-prod.svc.cluster.local',
    '*.rivven-main-headless.rivven-prod.svc.cluster.local',
    'rivven-main-external.rivven-prod.svc',
    'rivven.example.com',
  ]) {
    assert.ok(Array.isArray(prod) && prod.includes(name), `missing ${name}`);
  }
  assert.ok(Array.isArray(names('dev')) && JSON.stringify(names('dev')).includes('*.rivven-main-headless.rivven-dev.svc.cluster.local'));
  assert.not.ok(JSON.stringify(names('dev')).includes('rivven-prod'));
});

test('the Secret the Certificate writes is the one the brokers mount', () => {
  const env = resolvedEnvironment({ ...certManager, target: 'manifests', cluster: { ...certManager.cluster, replicas: 1 } }, 'prod');
  const [cert] = renderBrokerCertificate(env);
  assert.is(field(cert, 'spec', 'secretName'), 'rivven-main-tls');
  assert.is(brokerTlsSecretName(env.config), 'rivven-main-tls');
  const volumes = field(renderBrokerStatefulSet(env)[0], 'spec', 'template', 'spec', 'volumes');
  assert.ok(Array.isArray(volumes) && volumes.some((v) => field(v, 'secret', 'secretName') === 'rivven-main-tls'));
});

test('key and usages: rotated ECDSA key in PKCS#8, server and client auth', () => {
  const spec = field(certificates(certManager)[0], 'spec');
  assert.equal(field(spec, 'privateKey'), { rotationPolicy: 'Always', algorithm: 'ECDSA', size: 256, encoding: 'PKCS8' });
  assert.equal(field(spec, 'usages'), ['digital signature', 'server auth', 'client auth']);
  assert.equal(field(spec, 'issuerRef'), { name: 'internal-ca', kind: 'ClusterIssuer', group: 'cert-manager.io' });
  assert.is(field(spec, 'duration'), '720h');
  assert.is(field(spec, 'renewBefore'), '240h');
  assert.is(field(certificates({ cluster: { tls: { enabled: true, certManager: { issuerRef: { name: 'ca' } } } } })[0], 'spec', 'duration'), '2160h');
});

test('no Certificate without TLS, with an existing Secret, or without cert-manager', () => {
  assert.equal(certificates({ cluster: { tls: { enabled: false, certManager: { issuerRef: { name: 'ca' } } } } }), []);
  assert.equal(certificates({ cluster: { tls: { enabled: true, existingSecret: 'mine' } } }), []);
  assert.is(brokerTlsSecretName(resolvedEnvironment({ cluster: { tls: { enabled: true, existingSecret: 'mine' } } }).config), 'mine');
  assert.equal(certificates({}), []);
});

test('passes strict cert-manager schema validation', () => {
  for (const obj of certificates(certManager)) assert.equal(validateBuiltin(obj), []);
});

test.run();
