/**
 * The conform stage on single objects: each class of violation, for Rivven custom resources (schema
 * pack), built-in kinds (strict OpenAPI) and third-party kinds (their CRDs), and metadata rules.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { conformObject } from '../../src/conform/conform-object.js';
import { conformFleet } from '../../src/conform/conform-fleet.js';
import type { K8sObject } from '../../src/render/k8s-object.js';
import { schemaPackFor } from '../../src/schema-pack/packs.js';
import { resolvedEnvironment } from '../support/resolved.js';

const pack = schemaPackFor('0.0.22');
const classes = (obj: K8sObject) => conformObject(obj, pack).violations.map((v) => `${v.class} ${v.path.join('.')}`);

test('a Rivven custom resource: pruned, type, enum, range, pattern and required each have their class', () => {
  const topic = (spec: Record<string, unknown>): K8sObject => ({ apiVersion: 'rivven.hupe1980.github.io/v1alpha1', kind: 'RivvenTopic', metadata: { name: 'orders', namespace: 'shop' }, spec });
  assert.equal(classes(topic({ clusterRef: { name: 'main' }, partitions: 3 })), []);
  assert.equal(classes(topic({ clusterRef: { name: 'main' }, partitionz: 3 })), ['pruned spec.partitionz']);
  assert.equal(classes(topic({ clusterRef: { name: 'main' }, partitions: '3' })), ['type spec.partitions']);
  assert.equal(classes(topic({ clusterRef: { name: 'main' }, config: { cleanupPolicy: 'forever' } })), ['enum spec.config.cleanupPolicy']);
  assert.equal(classes(topic({ clusterRef: { name: 'main' }, partitions: 0 })), ['range spec.partitions']);
  assert.equal(classes(topic({ clusterRef: { name: 'Main' } })), ['pattern spec.clusterRef.name']);
  assert.equal(classes(topic({})), ['required spec.clusterRef']);
});

test('a wrong enum in a third-party kind (ServiceMonitor) is an enum violation at its field', () => {
  const monitor: K8sObject = {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'ServiceMonitor',
    metadata: { name: 'rivven', namespace: 'shop' },
    spec: { selector: {}, endpoints: [{ port: 'http', scheme: 'ftp' }] },
  };
  const found = conformObject(monitor, pack).violations;
  assert.equal(found.map((v) => [v.class, v.path]), [['enum', ['spec', 'endpoints', 0, 'scheme']]]);
  assert.match(found[0]?.message ?? '', /"ftp" is not one of "http", "https"/);
});

test('built-in kinds are strict: an unknown field is pruned, a wrong enum is an enum violation', () => {
  const service: K8sObject = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'rivven' }, spec: { type: 'Balancer', ports: [{ port: 1 }], clusterIp: 'None' } };
  assert.equal(classes(service), ['enum spec.type', 'pruned spec.clusterIp']);
});

test('metadata: names, namespaces, label keys and values, annotation keys and size, port names', () => {
  const cm = (metadata: K8sObject['metadata'], data: Record<string, string> = {}): K8sObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata, data });
  assert.equal(classes(cm({ name: 'x'.repeat(254) })), ['name metadata.name']);
  assert.equal(classes(cm({ name: 'ok', namespace: 'Shop' })), ['namespace metadata.namespace']);
  assert.equal(classes(cm({ name: 'ok', labels: { 'bad key!': 'v', team: 'has spaces' } })), ['label-key metadata.labels.bad key!', 'label-value metadata.labels.team']);
  assert.equal(classes(cm({ name: 'ok', annotations: { 'example.com/UPPER_ok': 'x', '/nope': 'x' } })), ['annotation-key metadata.annotations./nope']);
  assert.equal(classes(cm({ name: 'ok', annotations: { big: 'x'.repeat(256 * 1024) } })), ['annotation-size metadata.annotations']);
  const service: K8sObject = { apiVersion: 'v1', kind: 'Service', metadata: { name: '1-service' }, spec: { ports: [{ name: 'Http', port: 1 }] } };
  assert.equal(classes(service), ['name metadata.name', 'port-name spec.ports.0.name']);
});

test('a violation no config line produced names the object and field (build-refuses.test.ts covers the located ones)', () => {
  const env = resolvedEnvironment({ namespace: 'shop', cluster: { name: 'main' }, labels: { team: 'a b' } });
  const monitor: K8sObject = { apiVersion: 'monitoring.coreos.com/v1', kind: 'ServiceMonitor', metadata: { name: 'rivven', namespace: 'shop' }, spec: { selector: {}, endpoints: [{ port: 'http', scheme: 'ftp' }] } };
  const labelled: K8sObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm', labels: { team: 'a b' } } };
  const findings = conformFleet({ environments: [env] }, { environments: [{ name: env.name, objects: [monitor, labelled] }], argocd: [] }, { packFor: () => pack });
  assert.equal(findings.map((f) => [f.code, f.path, f.loc]), [
    ['RG452', 'ServiceMonitor/rivven:spec.endpoints[0].scheme', undefined],
    ['RG463', 'ConfigMap/cm:metadata.labels.team', undefined],
  ]);
  assert.match(findings[0]?.message ?? '', /^ServiceMonitor shop\/rivven: spec\.endpoints\[0\]\.scheme: "ftp" is not one of/);
});

test.run();
