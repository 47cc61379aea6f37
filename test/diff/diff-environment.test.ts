/**
 * diffEnvironment on realistic live objects: an environment deployed from the current output diffs
 * empty (server defaults, managedFields, status, last-applied, controller-owned fields, objects nobody
 * rendered), and real changes show — exactly once, at the field that changed.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { diffEnvironment, type SourceObjects } from '../../src/diff/diff-environment.js';
import type { K8sObject } from '../../src/render/k8s-object.js';
import { find, listAt, mapAt, readObjects } from './fixtures.js';

const rendered = readObjects('unchanged/rendered.yaml');
const live = readObjects('unchanged/live.yaml');

function diff(renderedObjects: readonly K8sObject[], source: Partial<SourceObjects> & Pick<SourceObjects, 'objects'>) {
  return diffEnvironment(
    { name: 'prod', namespace: 'shop-prod', rendered: renderedObjects, source: { deletions: 'tracked', ...source } },
    { sourceLabel: 'live' },
  );
}

/** `live` with one object replaced by `edit(copy)`. */
function liveWith(kind: string, name: string, edit: (obj: K8sObject) => void): K8sObject[] {
  return live.map((obj) => {
    if (obj.kind !== kind || obj.metadata.name !== name) return obj;
    const copy = structuredClone(obj);
    edit(copy);
    return copy;
  });
}

test('an environment deployed from the current output diffs empty', () => {
  const result = diff(rendered, { objects: live });
  assert.equal(
    result.changes.map((c) => `${c.id} ${JSON.stringify(c.fields)}`),
    [],
  );
  assert.is(result.unchanged, rendered.length);
});

test('objects nobody rendered are not deletions: server-created, operator-owned, or not ours', () => {
  const result = diff(rendered, { objects: live });
  assert.equal(
    result.ignored.map((i) => `${i.ref.kind} ${i.ref.name}: ${i.reason}`),
    [
      'ConfigMap debug-notes: not managed by rivven-gitops',
      'ConfigMap kube-root-ca.crt: created in every namespace by the root CA publisher',
      'Service rivven-main-headless: managed by rivven-operator',
      'ServiceAccount default: created in every namespace by the service account controller',
      'StatefulSet rivven-main: owned by RivvenCluster main',
    ],
  );
});

test('an object we rendered before and no longer render is a deletion', () => {
  const withoutTopic = rendered.filter((o) => o.kind !== 'RivvenTopic');
  const result = diff(withoutTopic, { objects: live });
  assert.equal(
    result.changes.map((c) => `${c.action} ${c.id}`),
    ['delete rivven.hupe1980.github.io/RivvenTopic/shop-prod/orders'],
  );
  assert.match(result.changes[0]?.diff ?? '', /^-  partitions: 24$/m);
});

test('a git ref holds only what we rendered: every object only it has is a deletion', () => {
  const onlyAtRef = { ...find(rendered, 'ConfigMap', 'rivven-broker-config'), metadata: { name: 'old-config', namespace: 'shop-prod' } };
  const result = diff(rendered, { objects: [...rendered, onlyAtRef], deletions: 'all' });
  assert.equal(result.changes.map((c) => `${c.action} ${c.id}`), ['delete /ConfigMap/shop-prod/old-config']);
});

test('one changed field is one change, at its path, with a unified YAML diff', () => {
  const changed = rendered.map((o) => structuredClone(o));
  const deployment = find(changed, 'Deployment', 'rivven-operator');
  mapAt(deployment, 'spec', 'template', 'spec', 'containers', 0)['image'] = 'ghcr.io/hupe1980/rivven-operator:0.0.23';
  const result = diff(changed, { objects: live });
  assert.equal(result.changes.map((c) => [c.action, c.fields]), [
    [
      'update',
      [
        {
          path: 'spec.template.spec.containers[name=operator].image',
          op: 'change',
          before: 'ghcr.io/hupe1980/rivven-operator:0.0.22',
          after: 'ghcr.io/hupe1980/rivven-operator:0.0.23',
        },
      ],
    ],
  ]);
  const text = result.changes[0]?.diff ?? '';
  assert.match(text, /^--- live Deployment shop-prod\/rivven-operator$/m);
  assert.match(text, /^\+\+\+ rendered Deployment shop-prod\/rivven-operator$/m);
  assert.match(text, /^-        image: ghcr\.io\/hupe1980\/rivven-operator:0\.0\.22$/m);
  assert.match(text, /^\+        image: ghcr\.io\/hupe1980\/rivven-operator:0\.0\.23$/m);
  // Nothing the comparison ignored leaks into the text.
  assert.not.match(text, /resourceVersion|managedFields|status:|deployment\.kubernetes\.io/);
});

test('an apiVersion bump is an update of the same object, not a delete plus a create', () => {
  const bumped = rendered.map((o) => (o.kind === 'HorizontalPodAutoscaler' ? { ...structuredClone(o), apiVersion: 'autoscaling/v3' } : o));
  const result = diff(bumped, { objects: live });
  assert.equal(result.changes.map((c) => `${c.action} ${c.id}`), ['update autoscaling/HorizontalPodAutoscaler/shop-prod/rivven-broker']);
  assert.equal(result.changes[0]?.apiVersion, { before: 'autoscaling/v2', after: 'autoscaling/v3' });
  assert.equal(result.changes[0]?.fields, [{ path: 'apiVersion', op: 'change', before: 'autoscaling/v2', after: 'autoscaling/v3' }]);
});

test('replicas scaled by the HPA (kube-controller-manager owns them) are not a difference', () => {
  const sts = find(live, 'StatefulSet', 'rivven-broker');
  assert.is(mapAt(sts, 'spec')['replicas'], 5);
  assert.is(mapAt(find(rendered, 'StatefulSet', 'rivven-broker'), 'spec')['replicas'], 3);
  assert.equal(diff(rendered, { objects: live }).changes, []);
});

test('replicas changed by hand (kubectl scale) are drift, and show', () => {
  const scaled = liveWith('StatefulSet', 'rivven-broker', (sts) => {
    for (const entry of listAt(sts, 'metadata', 'managedFields')) {
      const e = mapAt(entry);
      if (e['manager'] === 'kube-controller-manager' && e['subresource'] === 'scale') e['manager'] = 'kubectl-scale';
    }
  });
  const result = diff(rendered, { objects: scaled });
  assert.equal(result.changes.map((c) => c.fields), [[{ path: 'spec.replicas', op: 'change', before: 5, after: 3 }]]);
});

test('a field only the cluster has counts when an applier owns it, not when a controller added it', () => {
  const labelled = liveWith('Deployment', 'rivven-operator', (d) => {
    d.metadata.labels = { ...d.metadata.labels, 'team.example.com/owner': 'orders', 'stale-label': 'x' };
    const argo = listAt(d, 'metadata', 'managedFields').find((e) => mapAt(e)['manager'] === 'argocd-controller');
    mapAt(argo, 'fieldsV1', 'f:metadata', 'f:labels')['f:stale-label'] = {};
  });
  const result = diff(rendered, { objects: labelled });
  assert.equal(result.changes.map((c) => c.fields), [[{ path: 'metadata.labels.stale-label', op: 'remove', before: 'x' }]]);
});

test('without managedFields, the last-applied annotation decides which cluster-only fields an apply removes', () => {
  const ns = liveWith('Namespace', 'shop-prod', (n) => {
    n.metadata.labels = { ...n.metadata.labels, 'added-by-hand': 'yes' };
  });
  assert.equal(diff(rendered, { objects: ns }).changes, []);
  const applied = liveWith('Namespace', 'shop-prod', (n) => {
    n.metadata.labels = { ...n.metadata.labels, 'applied-before': 'yes' };
    const annotations = n.metadata.annotations ?? {};
    const last: unknown = JSON.parse(annotations['kubectl.kubernetes.io/last-applied-configuration'] ?? '{}');
    mapAt(last, 'metadata', 'labels')['applied-before'] = 'yes';
    annotations['kubectl.kubernetes.io/last-applied-configuration'] = JSON.stringify(last);
  });
  assert.equal(diff(rendered, { objects: applied }).changes.map((c) => c.fields), [
    [{ path: 'metadata.labels.applied-before', op: 'remove', before: 'yes' }],
  ]);
});

test('quantities compare by value: 2000m = 2 and 4096Mi = 4Gi, but 3Gi is a change', () => {
  const sts = find(rendered, 'StatefulSet', 'rivven-broker');
  assert.match(JSON.stringify(sts), /"cpu":"2000m","memory":"4096Mi"/);
  assert.equal(diff(rendered, { objects: live }).changes, []);
  const bigger = rendered.map((o) => structuredClone(o));
  mapAt(find(bigger, 'StatefulSet', 'rivven-broker'), 'spec', 'template', 'spec', 'containers', 0, 'resources', 'limits')['memory'] = '3Gi';
  assert.equal(diff(bigger, { objects: live }).changes.map((c) => c.fields), [
    [{ path: 'spec.template.spec.containers[name=rivvend].resources.limits.memory', op: 'change', before: '4Gi', after: '3Gi' }],
  ]);
});

test('rendered objects of a kind the source could not read are unknown, never created', () => {
  const withoutTopics = live.filter((o) => o.kind !== 'RivvenTopic');
  const result = diff(rendered, {
    objects: withoutTopics,
    unreadable: [{ group: 'rivven.hupe1980.github.io', kind: 'RivvenTopic', namespace: 'shop-prod' }],
  });
  assert.equal(result.changes.map((c) => `${c.action} ${c.id}`), ['unknown rivven.hupe1980.github.io/RivvenTopic/shop-prod/orders']);
  const created = diff(rendered, { objects: withoutTopics });
  assert.equal(created.changes.map((c) => c.action), ['create']);
});

test('reordering named items is a change of order; the items themselves still match by name', () => {
  const reordered = liveWith('Service', 'rivven-broker-headless', (svc) => {
    listAt(svc, 'spec', 'ports').reverse();
  });
  assert.equal(diff(rendered, { objects: reordered }).changes.map((c) => c.fields), [
    [{ path: 'spec.ports', op: 'change', before: ['cluster', 'client'], after: ['client', 'cluster'] }],
  ]);
});

test('Secrets are never compared, in either direction', () => {
  const secret: K8sObject = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: 'shop-prod', labels: { 'app.kubernetes.io/managed-by': 'rivven-gitops' } }, data: {} };
  assert.equal(diff(rendered, { objects: [...live, secret], deletions: 'all' }).changes.filter((c) => c.ref.kind === 'Secret'), []);
});

test.run();
