/**
 * Re-measures, against the real kustomize, what src/kustomize/scope.ts claims: which cluster-scoped
 * kinds kustomize knows (and so leaves without a namespace), and what the namespace transform does.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { clusterScopedKinds, simulateNamespaceTransform, survivesNamespaceTransform } from '../../src/kustomize/scope.js';
import type { K8sObject } from '../../src/render/k8s-object.js';
import { toYaml, toYamlDocuments } from '../../src/kustomize/yaml-writer.js';
import { assertSameObjects, kubectlTest, kustomizeBuild } from '../support/kubectl.js';

async function transformWithKustomize(objects: readonly K8sObject[], namespace: string): Promise<K8sObject[]> {
  const dir = await mkdtemp(path.join(tmpdir(), 'rivven-scope-'));
  try {
    await writeFile(path.join(dir, 'objects.yaml'), toYamlDocuments(objects));
    await writeFile(path.join(dir, 'kustomization.yaml'), toYaml({ apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', namespace, resources: ['objects.yaml'] }, { keyOrder: ['apiVersion', 'kind', 'namespace', 'resources'] }));
    return await kustomizeBuild(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const probes: K8sObject[] = [
  // Every listed kind except Namespace (a second Namespace would collide with the renamed one).
  ...clusterScopedKinds.filter((k) => k.kind !== 'Namespace').map((k, i): K8sObject => ({ apiVersion: k.apiVersion, kind: k.kind, metadata: { name: `probe-${i}` } })),
  { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'anything', labels: { a: 'b' } } },
  { apiVersion: 'example.com/v1', kind: 'Namespace', metadata: { name: 'not-core' } },
  { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'in-other', namespace: 'velero' } },
  { apiVersion: 'rivven.hupe1980.github.io/v1alpha1', kind: 'RivvenTopic', metadata: { name: 't' }, spec: { clusterRef: { name: 'main', namespace: 'elsewhere' } } },
  {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: { name: 'rb' },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'r' },
    subjects: [
      { kind: 'ServiceAccount', name: 'default', namespace: 'other' },
      { kind: 'User', name: 'default' },
      { kind: 'ServiceAccount', name: 'app', namespace: 'other' },
      { kind: 'ServiceAccount', name: 'app2' },
    ],
  },
  {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: { name: 'crb' },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'r' },
    subjects: [{ kind: 'ServiceAccount', name: 'default', namespace: 'other' }, { kind: 'ServiceAccount', name: 'app', namespace: 'other' }],
  },
];

kubectlTest(test, 'simulateNamespaceTransform agrees with kustomize on every listed kind and the known quirks', async () => {
  // APIService and friends are never sent through a transform (their spec namespaces get rewritten:
  // see the next test); every other probe must match the simulation exactly.
  const modelled = probes.filter((p) => p.kind !== 'APIService');
  const actual = await transformWithKustomize(modelled, 'rivven-dev');
  assertSameObjects(actual, modelled.map((p) => simulateNamespaceTransform(p, 'rivven-dev')));
});

kubectlTest(test, 'kustomize rewrites namespaces inside APIService specs, so they stay out of overlays', async () => {
  const apiService: K8sObject = { apiVersion: 'apiregistration.k8s.io/v1', kind: 'APIService', metadata: { name: 'v1.x.io' }, spec: { service: { name: 's', namespace: 'other' } } };
  const [actual] = await transformWithKustomize([apiService], 'rivven-dev');
  assert.equal(actual?.['spec'], { service: { name: 's', namespace: 'rivven-dev' } });
  assert.not.ok(survivesNamespaceTransform(apiService, 'rivven-dev'));
});

test('objects in the env namespace survive; other namespaces, second Namespaces and unknown cluster-scoped kinds do not', () => {
  const ns = 'rivven-dev';
  assert.ok(survivesNamespaceTransform({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', namespace: ns } }, ns));
  assert.ok(survivesNamespaceTransform({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } }, ns));
  assert.ok(survivesNamespaceTransform({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'x' } }, ns));
  assert.not.ok(survivesNamespaceTransform({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'velero' } }, ns));
  assert.not.ok(survivesNamespaceTransform({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', namespace: 'velero' } }, ns));
  assert.not.ok(survivesNamespaceTransform({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'no-namespace' } }, ns));
  assert.not.ok(survivesNamespaceTransform({ apiVersion: 'cert-manager.io/v1', kind: 'ClusterIssuer', metadata: { name: 'ca' } }, ns));
  assert.not.ok(survivesNamespaceTransform({ apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'a.b.c' } }, ns));
  const binding = (subjectNs: string): K8sObject => ({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: 'b', namespace: ns }, subjects: [{ kind: 'ServiceAccount', name: 'default', namespace: subjectNs }] });
  assert.ok(survivesNamespaceTransform(binding(ns), ns));
  assert.not.ok(survivesNamespaceTransform(binding('monitoring'), ns));
});

test.run();
