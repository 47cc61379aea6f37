/** managedFields: which manager owns which field, read from fieldsV1 (f:, k:, v:, i: and `.`). */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { managerRole, ownedPaths, readOwnership } from '../../src/diff/managed-fields.js';
import type { K8sObject } from '../../src/render/k8s-object.js';
import { find, readObjects } from './fixtures.js';

test('fieldsV1 becomes field paths, list items by name (k:) or value (v:)', () => {
  const obj = {
    metadata: { labels: { a: '1', 'x.io/y': '2' }, finalizers: ['f1', 'f2'] },
    spec: { containers: [{ name: 'c', image: 'i', ports: [{ containerPort: 80, protocol: 'TCP' }] }], args: ['x', 'y'] },
  };
  const owned = ownedPaths(obj, {
    'f:metadata': { 'f:labels': { '.': {}, 'f:x.io/y': {} }, 'f:finalizers': { 'v:"f2"': {} } },
    'f:spec': {
      'f:containers': { 'k:{"name":"c"}': { '.': {}, 'f:image': {}, 'f:ports': { 'k:{"containerPort":80,"protocol":"TCP"}': { '.': {}, 'f:containerPort': {} } } } },
      'f:args': { 'i:1': {} },
      'f:gone': {},
      'f:missing': { 'k:{"name":"nope"}': { '.': {} } },
    },
  });
  assert.equal([...owned].sort(), [
    'metadata.finalizers[1]',
    'metadata.labels',
    'metadata.labels["x.io/y"]',
    'spec.args[1]',
    'spec.containers[name=c]',
    'spec.containers[name=c].image',
    'spec.containers[name=c].ports[0]',
    'spec.containers[name=c].ports[0].containerPort',
    'spec.gone',
  ]);
});

test('appliers, people and controllers', () => {
  assert.is(managerRole('argocd-controller'), 'applier');
  assert.is(managerRole('kubectl-client-side-apply'), 'applier');
  assert.is(managerRole('kubectl'), 'applier');
  assert.is(managerRole('kubectl-edit'), 'human');
  assert.is(managerRole('kubectl-scale'), 'human');
  assert.is(managerRole('kube-controller-manager'), 'controller');
  assert.is(managerRole('rivven-operator'), 'controller');
  assert.is(managerRole('my-pipeline', ['my-pipeline']), 'applier');
});

test('the HPA owns spec.replicas of the scaled StatefulSet; status entries are skipped', () => {
  const sts: K8sObject = find(readObjects('unchanged/live.yaml'), 'StatefulSet', 'rivven-broker');
  const entries = [
    { manager: 'argocd-controller', operation: 'Update', fieldsV1: { 'f:spec': { 'f:serviceName': {} } } },
    { manager: 'kube-controller-manager', operation: 'Update', subresource: 'scale', fieldsV1: { 'f:spec': { 'f:replicas': {} } } },
    { manager: 'kube-controller-manager', operation: 'Update', subresource: 'status', fieldsV1: { 'f:status': { 'f:replicas': {} } } },
  ];
  const ownership = readOwnership(sts, entries);
  assert.ok(ownership.controller.has('spec.replicas'));
  assert.ok(ownership.controller.has('spec'));
  assert.not.ok(ownership.controller.has('status.replicas'));
  assert.ok(ownership.applier.has('spec.serviceName'));
  assert.not.ok(ownership.applier.has('spec.replicas'));
});

test.run();
