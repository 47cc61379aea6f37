/**
 * The apply simulation and the hand-written live fixture (modelled on real `kubectl get -o yaml` output)
 * must agree: applying each fixture object's last-applied configuration reproduces its live spec. Two
 * independent descriptions of what an API server does, checked against each other.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { K8sObject } from '../../src/render/k8s-object.js';
import { isK8sObject, liveFromApplied, readLiveFixture } from '../support/fake-apiserver.js';

const fixture = readLiveFixture('rivven-prod');

function lastApplied(obj: K8sObject): K8sObject {
  const text = obj.metadata.annotations?.['kubectl.kubernetes.io/last-applied-configuration'];
  const applied: unknown = JSON.parse(text ?? 'null');
  if (!isK8sObject(applied)) throw new Error(`${obj.kind} ${obj.metadata.name} has no usable last-applied annotation`);
  return applied;
}

function record(value: unknown): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error('not an object');
  return { ...value };
}

function managedFields(obj: K8sObject): { manager: string; subresource: string | undefined; fields: string }[] {
  const entries: unknown = record(obj.metadata)['managedFields'];
  if (!Array.isArray(entries)) return [];
  return entries.map((e) => {
    const entry = record(e);
    return { manager: String(entry['manager']), subresource: typeof entry['subresource'] === 'string' ? entry['subresource'] : undefined, fields: JSON.stringify(entry['fieldsV1']) };
  });
}

function find(kind: string, name: string): K8sObject {
  const obj = fixture.find((o) => o.kind === kind && o.metadata.name === name);
  if (!obj) throw new Error(`no ${kind} ${name} in the fixture`);
  return obj;
}

function strip(obj: K8sObject): Record<string, unknown> {
  const { status: _status, metadata: _metadata, ...rest } = obj;
  return rest;
}

test('a StatefulSet scaled by an HPA: defaults, claim templates, and the HPA owning spec.replicas', () => {
  const live = find('StatefulSet', 'rivven-main');
  const simulated = liveFromApplied(lastApplied(live), { hpaReplicas: 5 });
  assert.equal(strip(simulated), strip(live));
  const owners = managedFields(simulated);
  assert.equal(owners.find((m) => m.subresource === 'scale'), { manager: 'kube-controller-manager', subresource: 'scale', fields: '{"f:spec":{"f:replicas":{}}}' });
  const applier = owners.find((m) => m.manager === 'argocd-controller');
  assert.ok(applier?.fields.includes('"f:serviceName"'));
  assert.not.ok(applier?.fields.includes('"f:replicas"'), 'the applier no longer owns spec.replicas');
});

test('a Service gets type, session affinity, IP families, protocols and an allocated cluster IP', () => {
  const live = find('Service', 'rivven-main');
  const simulated = liveFromApplied(lastApplied(live));
  const { clusterIP, clusterIPs, ...rest } = record(simulated['spec']);
  const { clusterIP: _ip, clusterIPs: _ips, ...expected } = record(live['spec']);
  assert.equal(rest, expected);
  assert.match(String(clusterIP), /^10\.96\.\d+\.\d+$/);
  assert.equal(clusterIPs, [clusterIP]);
});

test('Rivven custom resources get their CRD schema defaults, only under objects that exist', () => {
  for (const [kind, name] of [['RivvenTopic', 'orders-events'], ['RivvenTopic', 'audit-log'], ['RivvenCluster', 'main']] as const) {
    const live = find(kind, name);
    assert.equal(liveFromApplied(lastApplied(live))['spec'], live['spec'], `${kind} ${name}`);
  }
  const cluster = liveFromApplied(lastApplied(find('RivvenCluster', 'main')));
  assert.not.ok(JSON.stringify(cluster['spec']).includes('broker'), 'no spec.broker defaults without spec.broker');
});

test('the last-applied annotation is the applied object as sorted JSON, and server metadata is added', () => {
  const applied: K8sObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'n', labels: { z: '1', a: '2' } }, data: { k: 'v' } };
  const live = liveFromApplied(applied, { argocdApp: 'rivven-prod' });
  assert.is(live.metadata.annotations?.['kubectl.kubernetes.io/last-applied-configuration'],
    '{"apiVersion":"v1","data":{"k":"v"},"kind":"ConfigMap","metadata":{"annotations":{"argocd.argoproj.io/tracking-id":"rivven-prod:/ConfigMap:n/c"},"labels":{"a":"2","z":"1"},"name":"c","namespace":"n"}}\n');
  assert.not.ok('generation' in live.metadata, 'ConfigMaps have no generation');
  assert.not.ok('status' in live);
});

test.run();
