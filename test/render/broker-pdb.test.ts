import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { UserConfig } from '../../src/model/types.js';
import { findBrokerPdbIssues, renderBrokerPdb } from '../../src/render/broker-pdb.js';
import { resolvedEnvironment } from '../support/resolved.js';
import { validateBuiltin } from '../support/k8s-schema.js';
import { expectGoldenObjects, field } from '../support/render-fixtures.js';

function pdb(config: UserConfig) {
  return renderBrokerPdb(resolvedEnvironment(config, 'prod'));
}

test('golden: by default one broker at a time may be disrupted', () => {
  const objects = pdb({ target: 'manifests' });
  expectGoldenObjects('broker-pdb/default.yaml', objects);
  assert.is(field(objects[0], 'spec', 'maxUnavailable'), 1);
  assert.equal(field(objects[0], 'spec', 'selector', 'matchLabels'), {
    'app.kubernetes.io/name': 'rivven',
    'app.kubernetes.io/instance': 'main',
    'app.kubernetes.io/component': 'broker',
  });
  assert.is(objects[0]?.metadata.name, 'rivven-main-pdb');
});

test('minAvailable replaces maxUnavailable; percentages stay strings', () => {
  const objects = pdb({ target: 'manifests', cluster: { pdb: { minAvailable: '60%' } } });
  assert.is(field(objects[0], 'spec', 'minAvailable'), '60%');
  assert.is(field(objects[0], 'spec', 'maxUnavailable'), undefined);
  for (const obj of objects) assert.equal(validateBuiltin(obj), []);
});

test('nothing under the operator target (the operator makes its own) or when disabled', () => {
  assert.equal(pdb({ target: 'operator' }), []);
  assert.equal(pdb({ target: 'manifests', cluster: { pdb: { enabled: false } } }), []);
});

test('both bounds set: minAvailable is rendered and RG511 warns', () => {
  const env = resolvedEnvironment({ target: 'manifests', cluster: { pdb: { minAvailable: 2, maxUnavailable: 1 } } }, 'prod');
  assert.is(field(renderBrokerPdb(env)[0], 'spec', 'maxUnavailable'), undefined);
  assert.equal(findBrokerPdbIssues(env).map((f) => [f.code, f.severity]), [['RG511', 'warning']]);
  assert.equal(findBrokerPdbIssues(resolvedEnvironment({ target: 'manifests', cluster: { pdb: { minAvailable: 2 } } }, 'prod')), []);
});

test('passes strict Kubernetes validation', () => {
  for (const obj of pdb({ target: 'manifests' })) assert.equal(validateBuiltin(obj), []);
});

test.run();
