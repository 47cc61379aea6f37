import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { findIngressIssues, renderIngresses } from '../../src/render/ingress.js';
import { renderOperatorInstall } from '../../src/render/operator-install.js';
import { renderBrokerStatefulSet } from '../../src/render/broker-statefulset.js';
import type { K8sObject } from '../../src/render/k8s-object.js';
import type { UserConfig } from '../../src/model/types.js';
import { resolvedEnvironment } from '../support/resolved.js';
import { checkGolden, toGoldenYaml } from '../support/crd-schema.js';
import { validateAll } from '../support/k8s-schema.js';

function rec(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? Object.fromEntries(Object.entries(value)) : {};
}
function arr(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
function strings(value: unknown): Record<string, string> {
  return Object.fromEntries(Object.entries(rec(value)).map(([k, v]) => [k, String(v)]));
}

/** Every backend (service, port) of an Ingress. */
function backends(ingress: K8sObject): { service: string; port: number; path: string }[] {
  return arr(rec(ingress['spec'])['rules']).flatMap((rule) =>
    arr(rec(rec(rule)['http'])['paths']).map((p) => {
      const svc = rec(rec(rec(p)['backend'])['service']);
      return { service: String(svc['name']), port: Number(rec(svc['port'])['number']), path: String(rec(p)['path']) };
    }),
  );
}

const config: UserConfig = {
  namespace: 'rivven-prod',
  cluster: { name: 'main' },
  schemaRegistry: { name: 'registry', server: { port: 8085 } },
  ingress: {
    className: 'nginx',
    annotations: { 'nginx.ingress.kubernetes.io/proxy-body-size': '8m' },
    clusterIssuer: 'letsencrypt-prod',
    schemaRegistry: { host: 'schemas.example.com' },
    brokerApi: { host: 'rivven.example.com', tlsSecretName: 'rivven-api-cert' },
    // The guide's broker Ingress: refused by validation (RG405) and never rendered.
    broker: { host: 'broker.example.com', backendProtocol: 'GRPC' },
  },
};

test('golden: schema registry and broker API Ingresses, the API Service; all schema-valid', () => {
  const objects = renderIngresses(resolvedEnvironment(config, 'prod'));
  assert.equal(
    objects.map((o) => `${o.kind}/${o.metadata.name}`),
    ['Ingress/rivven-main-schema-registry', 'Service/rivven-main-api', 'Ingress/rivven-main-api'],
  );
  assert.equal(validateAll(objects), []);
  assert.equal(checkGolden(toGoldenYaml(objects), 'ingress/full'), []);
});

test('never an Ingress for the broker client protocol (9092), whatever ingress.broker says', () => {
  const objects = renderIngresses(resolvedEnvironment(config, 'prod'));
  for (const ingress of objects.filter((o) => o.kind === 'Ingress')) {
    for (const b of backends(ingress)) assert.is.not(b.port, 9092, `${ingress.metadata.name} routes the client port`);
  }
  assert.not.ok(JSON.stringify(objects).includes('broker.example.com'));
  assert.not.ok(JSON.stringify(objects).includes('GRPC'));
});

test('schema registry backend is the operator Service rivven-schema-registry-<name> on server.port', () => {
  const ingress = renderIngresses(resolvedEnvironment(config, 'prod')).find((o) => o.metadata.name === 'rivven-main-schema-registry');
  assert.ok(ingress);
  assert.equal(backends(ingress), [{ service: 'rivven-schema-registry-registry', port: 8085, path: '/' }]);
});

test('broker API routes only /health and /metrics to 9094', () => {
  const ingress = renderIngresses(resolvedEnvironment(config, 'prod')).find((o) => o.metadata.name === 'rivven-main-api' && o.kind === 'Ingress');
  assert.ok(ingress);
  assert.equal(
    backends(ingress),
    [
      { service: 'rivven-main-api', port: 9094, path: '/health' },
      { service: 'rivven-main-api', port: 9094, path: '/metrics' },
    ],
  );
});

test('className, annotations, cert-manager issuer and TLS secrets', () => {
  const objects = renderIngresses(resolvedEnvironment(config, 'prod')).filter((o) => o.kind === 'Ingress');
  for (const ingress of objects) {
    assert.is(rec(ingress['spec'])['ingressClassName'], 'nginx');
    assert.is(ingress.metadata.annotations?.['cert-manager.io/cluster-issuer'], 'letsencrypt-prod');
    assert.is(ingress.metadata.annotations?.['nginx.ingress.kubernetes.io/proxy-body-size'], '8m');
  }
  const tls = (name: string) => arr(rec(objects.find((o) => o.metadata.name === name)?.['spec'])['tls']).map(rec);
  assert.equal(tls('rivven-main-api'), [{ hosts: ['rivven.example.com'], secretName: 'rivven-api-cert' }]);
  assert.equal(tls('rivven-main-schema-registry'), [{ hosts: ['schemas.example.com'], secretName: 'rivven-main-schema-registry-tls' }]);
  const plain = renderIngresses(resolvedEnvironment({ ...config, ingress: { schemaRegistry: { host: 'schemas.example.com' } } }, 'prod'));
  assert.equal(plain.length, 1);
  assert.is(plain[0]?.metadata.annotations, undefined);
  assert.is(rec(plain[0]?.['spec'])['tls'], undefined);
});

test('nothing when disabled, absent, or the registry does not exist', () => {
  assert.equal(renderIngresses(resolvedEnvironment({ ...config, ingress: undefined }, 'prod')), []);
  assert.equal(renderIngresses(resolvedEnvironment({ ...config, ingress: { ...config.ingress, enabled: false } }, 'prod')), []);
  const noRegistry = renderIngresses(resolvedEnvironment({ ...config, schemaRegistry: undefined }, 'prod'));
  assert.equal(noRegistry.map((o) => o.metadata.name), ['rivven-main-api', 'rivven-main-api']);
});

function selectsPod(service: K8sObject | undefined, labels: Record<string, string>): boolean {
  const selector = strings(rec(service?.['spec'])['selector']);
  return Object.keys(selector).length > 0 && Object.entries(selector).every(([k, v]) => labels[k] === v);
}

test('the API Service selects broker pods under both targets, never the operator pod', () => {
  const operatorEnv = resolvedEnvironment(config, 'prod');
  const service = renderIngresses(operatorEnv).find((o) => o.kind === 'Service');
  // Operator-made broker pods carry only name + instance (resources.rs selector labels).
  assert.ok(selectsPod(service, { 'app.kubernetes.io/name': 'rivven', 'app.kubernetes.io/instance': 'main', 'statefulset.kubernetes.io/pod-name': 'rivven-main-0' }));
  const deployment = renderOperatorInstall(operatorEnv).find((o) => o.kind === 'Deployment');
  const operatorLabels = strings(rec(rec(rec(deployment?.['spec'])['template'])['metadata'])['labels']);
  assert.ok(Object.keys(operatorLabels).length > 0);
  assert.not.ok(selectsPod(service, operatorLabels), 'the operator pod would receive API traffic');

  const manifestsEnv = resolvedEnvironment({ ...config, target: 'manifests' }, 'prod');
  const manifestsService = renderIngresses(manifestsEnv).find((o) => o.kind === 'Service');
  const sts = renderBrokerStatefulSet(manifestsEnv)[0];
  const podLabels = strings(rec(rec(rec(sts?.['spec'])['template'])['metadata'])['labels']);
  assert.ok(selectsPod(manifestsService, podLabels));
});

// RG531 (the unauthenticated broker API) is a policy rule: test/check/rules/broker-api-exposed.test.ts.
test('RG532 for routes without a backend', () => {
  const codes = (c: UserConfig) => findIngressIssues(resolvedEnvironment(c, 'prod')).map((f) => `${f.code} ${f.path}`);
  assert.equal(codes(config), []);
  assert.equal(codes({ ...config, schemaRegistry: undefined }), ['RG532 ingress.schemaRegistry']);
  assert.equal(codes({ ...config, ingress: { className: 'nginx' } }), ['RG532 ingress']);
  assert.equal(codes({ ...config, ingress: { schemaRegistry: { host: 'schemas.example.com' } } }), []);
  assert.equal(codes({ ...config, ingress: undefined }), []);
});

test.run();
