import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { UserConfig } from '../../src/model/types.js';
import { renderBrokerStatefulSet } from '../../src/render/broker-statefulset.js';
import { renderNamespace } from '../../src/render/namespace.js';
import { renderOperatorInstall } from '../../src/render/operator-install.js';
import { resolvedEnvironment } from '../support/resolved.js';
import { checkRestrictedPodSecurity, validateBuiltin } from '../support/k8s-schema.js';
import { expectGoldenObjects, field } from '../support/render-fixtures.js';

test('golden: the environment namespace with labels and Pod Security Admission', () => {
  expectGoldenObjects('namespace/prod.yaml', renderNamespace(resolvedEnvironment({ labels: { team: 'platform' } }, 'prod')));
});

test('named after the environment, or as configured; cluster-scoped (no namespace of its own)', () => {
  const [dev] = renderNamespace(resolvedEnvironment({}, 'dev'));
  assert.is(dev?.metadata.name, 'rivven-dev');
  assert.is(dev?.metadata.namespace, undefined);
  const custom = renderNamespace(resolvedEnvironment({ namespace: 'streaming-prod' }, 'prod'));
  assert.equal(custom.map((o) => o.metadata.name), ['streaming-prod']);
  for (const obj of custom) assert.equal(validateBuiltin(obj), []);
});

test('enforces the restricted profile, which every pod rivven-gitops renders meets', () => {
  const [ns] = renderNamespace(resolvedEnvironment({}, 'prod'));
  assert.is(field(ns, 'metadata', 'labels', 'pod-security.kubernetes.io/enforce'), 'restricted');
  const configs: UserConfig[] = [
    { target: 'manifests', cluster: { clusterAuthToken: { secretName: 't', key: 'k' }, tls: { enabled: true, certManager: { issuerRef: { name: 'ca' } }, mtls: { clientCASecret: 'ca' } } } },
    { target: 'manifests', cluster: { replicas: 1 } },
    { target: 'operator', operator: { replicas: 2, scope: 'cluster' } },
  ];
  for (const config of configs) {
    const env = resolvedEnvironment(config, 'prod');
    const pods = [...renderBrokerStatefulSet(env), ...renderOperatorInstall(env)].filter((o) => o.kind === 'StatefulSet' || o.kind === 'Deployment');
    assert.ok(pods.length > 0);
    for (const obj of pods) assert.equal(checkRestrictedPodSecurity(obj), []);
  }
});

test.run();
