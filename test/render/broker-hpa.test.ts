import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { UserConfig } from '../../src/model/types.js';
import { findBrokerHpaIssues, renderBrokerHpa } from '../../src/render/broker-hpa.js';
import { resolvedEnvironment } from '../support/resolved.js';
import { validateBuiltin } from '../support/k8s-schema.js';
import { expectGoldenObjects, field } from '../support/render-fixtures.js';

const scaled: UserConfig = {
  target: 'manifests',
  cluster: { resources: { requests: { cpu: '1', memory: '2Gi' } } },
  autoscaling: { minReplicas: 3, maxReplicas: 9, targetMemoryUtilization: 75, scaleDownStabilization: '10m', scaleDownPodsPerMinute: 1 },
};

function hpa(config: UserConfig) {
  return renderBrokerHpa(resolvedEnvironment(config, 'prod'));
}

test('golden: CPU and memory targets with a slow, one-broker-at-a-time scale-down', () => {
  const objects = hpa(scaled);
  expectGoldenObjects('broker-hpa/cpu-memory.yaml', objects);
  const [obj] = objects;
  assert.equal(field(obj, 'spec', 'scaleTargetRef'), { apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'rivven-main' });
  assert.is(field(obj, 'spec', 'behavior', 'scaleDown', 'stabilizationWindowSeconds'), 600);
  assert.equal(field(obj, 'spec', 'behavior', 'scaleDown', 'policies'), [{ type: 'Pods', value: 1, periodSeconds: 60 }]);
  assert.equal(field(obj, 'spec', 'metrics', 1, 'resource'), { name: 'memory', target: { type: 'Utilization', averageUtilization: 75 } });
});

test('defaults: 70% CPU only, five minutes stabilization', () => {
  const [obj] = hpa({ target: 'manifests', autoscaling: { minReplicas: 3, maxReplicas: 5 } });
  assert.equal(field(obj, 'spec', 'metrics'), [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }]);
  assert.is(field(obj, 'spec', 'behavior', 'scaleDown', 'stabilizationWindowSeconds'), 300);
});

test('nothing under the operator target, without autoscaling, or when disabled', () => {
  assert.equal(hpa({ ...scaled, target: 'operator' }), []);
  assert.equal(hpa({ target: 'manifests' }), []);
  assert.equal(hpa({ ...scaled, autoscaling: { minReplicas: 3, maxReplicas: 9, enabled: false } }), []);
});

test('RG512: scaling on a resource the broker does not request', () => {
  const env = resolvedEnvironment({ target: 'manifests', autoscaling: { minReplicas: 3, maxReplicas: 9, targetMemoryUtilization: 80 } }, 'prod');
  assert.equal(findBrokerHpaIssues(env).map((f) => [f.code, f.path]), [
    ['RG512', 'cluster.resources.requests.cpu'],
    ['RG512', 'cluster.resources.requests.memory'],
  ]);
  assert.equal(findBrokerHpaIssues(resolvedEnvironment(scaled, 'prod')), []);
});

test('passes strict Kubernetes validation', () => {
  for (const obj of hpa(scaled)) assert.equal(validateBuiltin(obj), []);
});

test.run();
