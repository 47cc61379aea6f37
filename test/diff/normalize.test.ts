/** Normalization: server-set metadata, status and bookkeeping annotations go; what was rendered stays. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { dropServerAssigned, fillListItemTypes, normalizeObject } from '../../src/diff/normalize.js';
import type { K8sObject } from '../../src/render/k8s-object.js';
import { find, readObjects } from './fixtures.js';

const live = readObjects('unchanged/live.yaml');

test('server metadata, status and bookkeeping annotations are dropped; labels and our annotations kept', () => {
  const { object, managedFields, lastApplied } = normalizeObject(find(live, 'Deployment', 'rivven-operator'));
  assert.equal(object.metadata, {
    annotations: { 'argocd.argoproj.io/sync-wave': '-1' },
    labels: {
      'app.kubernetes.io/component': 'operator',
      'app.kubernetes.io/instance': 'main',
      'app.kubernetes.io/managed-by': 'rivven-gitops',
      'app.kubernetes.io/name': 'rivven-operator',
      'app.kubernetes.io/part-of': 'shop',
    },
    name: 'rivven-operator',
    namespace: 'shop-prod',
  });
  assert.is(object['status'], undefined);
  assert.not.match(JSON.stringify(object), /creationTimestamp/);
  assert.equal(managedFields?.map((m) => `${m.manager}/${m.subresource ?? ''}`), ['argocd-controller/', 'kube-controller-manager/status']);
  assert.is(lastApplied?.['kind'], 'Deployment');
});

test('claim templates lose the apiVersion, kind and status the API server adds', () => {
  const { object } = normalizeObject(find(live, 'StatefulSet', 'rivven-broker'));
  const spec = object['spec'];
  assert.equal(JSON.parse(JSON.stringify(spec)).volumeClaimTemplates, [
    { metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '500Gi' } }, storageClassName: 'premium-ssd', volumeMode: 'Filesystem' } },
  ]);
});

test('the input is not modified', () => {
  const input = find(live, 'Namespace', 'shop-prod');
  const before = JSON.stringify(input);
  normalizeObject(input);
  assert.is(JSON.stringify(input), before);
});

test('server-assigned values are dropped only where the rendered object leaves them out', () => {
  const rendered: K8sObject = { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { clusterIP: 'None', ports: [{ name: 'a', port: 80, nodePort: 30080 }, { name: 'b', port: 81 }] } };
  const source: K8sObject = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 's', finalizers: ['service.kubernetes.io/load-balancer-cleanup'] },
    spec: { clusterIP: 'None', clusterIPs: ['None'], ipFamilies: ['IPv4'], ports: [{ name: 'a', port: 80, nodePort: 30080 }, { name: 'b', port: 81, nodePort: 31081 }] },
  };
  dropServerAssigned(rendered, source);
  assert.equal(source, {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 's' },
    spec: { clusterIP: 'None', ports: [{ name: 'a', port: 80, nodePort: 30080 }, { name: 'b', port: 81 }] },
  });
});

test('list items from the API server get their kind and apiVersion back', () => {
  const items = fillListItemTypes({ apiVersion: 'apps/v1', kind: 'StatefulSetList', items: [{ metadata: { name: 'a' } }, { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'b' } }] });
  assert.equal(items, [
    { metadata: { name: 'a' }, apiVersion: 'apps/v1', kind: 'StatefulSet' },
    { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'b' } },
  ]);
  // kubectl's own `kind: List` keeps each item's types.
  assert.equal(fillListItemTypes({ apiVersion: 'v1', kind: 'List', items: [{ metadata: { name: 'a' } }] }), [{ metadata: { name: 'a' } }]);
});

test.run();
