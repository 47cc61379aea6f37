import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { UserConfig } from '../../src/model/types.js';
import { renderBrokerServices } from '../../src/render/broker-services.js';
import { renderBrokerStatefulSet } from '../../src/render/broker-statefulset.js';
import { renderOperatorInstall } from '../../src/render/operator-install.js';
import { resolvedEnvironment } from '../support/resolved.js';
import { validateBuiltin } from '../support/k8s-schema.js';
import { expectGoldenObjects, field, ofKind } from '../support/render-fixtures.js';

const external = { type: 'LoadBalancer' as const, annotations: { 'service.beta.kubernetes.io/aws-load-balancer-internal': 'true' }, loadBalancerSourceRanges: ['10.0.0.0/8'] };
const manifests: UserConfig = { target: 'manifests', cluster: { external } };

function services(config: UserConfig, envName = 'prod') {
  return renderBrokerServices(resolvedEnvironment(config, envName));
}

function ports(svc: unknown): unknown[] {
  const list = field(svc, 'spec', 'ports');
  return Array.isArray(list) ? list.map((p) => [field(p, 'name'), field(p, 'port'), field(p, 'protocol')]) : [];
}

test('golden: manifests target renders headless, client and external Services', () => {
  expectGoldenObjects('broker-services/manifests.yaml', services(manifests));
});

test('golden: the operator target renders only the external Service (the operator makes the others)', () => {
  const objects = services({ ...manifests, target: 'operator' });
  assert.equal(objects.map((o) => o.metadata.name), ['rivven-main-external']);
  expectGoldenObjects('broker-services/operator.yaml', objects);
});

test('the headless Service publishes brokers before they are ready, on the broker ports', () => {
  const [headless] = ofKind(services(manifests), 'Service', 'rivven-main-headless');
  assert.is(field(headless, 'spec', 'clusterIP'), 'None');
  assert.is(field(headless, 'spec', 'publishNotReadyAddresses'), true);
  assert.equal(ports(headless), [
    ['client', 9092, 'TCP'],
    ['cluster', 9093, 'TCP'],
    ['gossip', 9093, 'UDP'],
    ['http', 9094, 'TCP'],
  ]);
  assert.is(field(headless, 'metadata', 'namespace'), 'rivven-prod');
});

test('the headless Service is the one the StatefulSet and the seeds name', () => {
  const env = resolvedEnvironment(manifests, 'prod');
  const [sts] = renderBrokerStatefulSet(env);
  assert.ok(ofKind(renderBrokerServices(env), 'Service', String(field(sts, 'spec', 'serviceName'))).length === 1);
  const selector = field(sts, 'spec', 'selector', 'matchLabels');
  for (const svc of renderBrokerServices(env)) assert.equal(field(svc, 'spec', 'selector'), selector);
});

test('the client Service exposes the client port and the HTTP API in the cluster', () => {
  const [client] = ofKind(services(manifests), 'Service', 'rivven-main');
  assert.is(field(client, 'spec', 'type'), 'ClusterIP');
  assert.equal(ports(client), [
    ['client', 9092, 'TCP'],
    ['http', 9094, 'TCP'],
  ]);
});

test('the external Service carries only the client port, by number (operator pods name it "broker")', () => {
  const [svc] = ofKind(services(manifests), 'Service', 'rivven-main-external');
  assert.equal(field(svc, 'spec', 'ports'), [{ name: 'client', port: 9092, targetPort: 9092, protocol: 'TCP' }]);
  assert.equal(field(svc, 'spec', 'loadBalancerSourceRanges'), ['10.0.0.0/8']);
  assert.equal(field(svc, 'metadata', 'annotations'), external.annotations);
  const nodePort = ofKind(services({ target: 'manifests', cluster: { external: { type: 'NodePort', loadBalancerSourceRanges: ['10.0.0.0/8'] } } }), 'Service', 'rivven-main-external');
  assert.is(field(nodePort[0], 'spec', 'type'), 'NodePort');
  assert.is(field(nodePort[0], 'spec', 'loadBalancerSourceRanges'), undefined, 'source ranges only apply to load balancers');
  assert.equal(ofKind(services({ target: 'manifests', cluster: { external: { enabled: false } } }), 'Service', 'rivven-main-external'), []);
  assert.equal(ofKind(services({ target: 'manifests' }), 'Service', 'rivven-main-external'), []);
});

test('under the operator the external Service selects the operator-made broker pods, never the operator itself', () => {
  const env = resolvedEnvironment({ ...manifests, target: 'operator' }, 'prod');
  const selector = field(renderBrokerServices(env)[0], 'spec', 'selector');
  // The operator labels its broker pods with name and instance only.
  assert.equal(selector, { 'app.kubernetes.io/name': 'rivven', 'app.kubernetes.io/instance': 'main' });
  const operatorPods = field(ofKind(renderOperatorInstall(env), 'Deployment')[0], 'spec', 'template', 'metadata', 'labels');
  const matches = Object.entries(Object(selector)).every(([k, v]) => field(operatorPods, k) === v);
  assert.not.ok(matches, 'the operator pods must not receive client traffic');
});

test('every Service passes strict Kubernetes validation', () => {
  for (const svc of [...services(manifests), ...services({ ...manifests, target: 'operator' })]) assert.equal(validateBuiltin(svc), []);
});

test.run();
