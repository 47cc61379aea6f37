/** The base/overlay split, without kubectl: what a reviewer of out/ sees. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import { layoutFleet } from '../../src/kustomize/layout-fleet.js';
import type { FleetRender } from '../../src/kustomize/types.js';
import type { K8sObject } from '../../src/render/k8s-object.js';
import { UserError } from '../../src/errors/diagnostic.js';
import { assertSameObjects, parseYamlDocuments } from '../support/kubectl.js';
import { fixtureFleet, rivvenApi } from './fleet-fixture.js';

function read(tree: ReadonlyMap<string, string>, file: string): unknown {
  const text = tree.get(file);
  assert.ok(text !== undefined, `missing ${file}; have:\n${[...tree.keys()].join('\n')}`);
  return parse(text ?? '');
}

function topic(ns: string, partitions: number, extra: Record<string, unknown> = {}): K8sObject {
  return { apiVersion: rivvenApi, kind: 'RivvenTopic', metadata: { name: 'orders', namespace: ns }, spec: { clusterRef: { name: 'main' }, partitions, replicationFactor: 3, config: { retentionMs: 604800000, cleanupPolicy: 'delete', segmentBytes: 1073741824 }, ...extra } };
}

function fleetOf(objects: Record<string, K8sObject[]>): FleetRender {
  return { environments: Object.entries(objects).map(([name, objs]) => ({ name, namespace: `rivven-${name}`, objects: objs, runbook: `# ${name}` })), argocd: [] };
}

test('objects identical in every environment go to base without namespace', () => {
  const tree = layoutFleet(fixtureFleet(), { layout: 'overlays' });
  const sa = read(tree, 'base/serviceaccount-rivven-operator.yaml');
  assert.equal(sa, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'rivven-operator', labels: { 'app.kubernetes.io/name': 'rivven', 'app.kubernetes.io/component': 'operator', 'app.kubernetes.io/managed-by': 'rivven-gitops' } } });
  assert.equal(read(tree, 'base/kustomization.yaml'), {
    apiVersion: 'kustomize.config.k8s.io/v1beta1',
    kind: 'Kustomization',
    resources: [
      'configmap-rivven-settings.yaml',
      'networkpolicy-rivven-brokers.yaml',
      'rivvencluster-main.yaml',
      'rivventopic-orders-dlq.yaml',
      'rivventopic-orders.yaml',
      'role-rivven-operator.yaml',
      'rolebinding-rivven-operator.yaml',
      'serviceaccount-rivven-operator.yaml',
      'storageclass-rivven-ssd.yaml',
    ],
  });
});

test('an object differing in one field: base holds the common variant, the odd environment a one-line patch', () => {
  const tree = layoutFleet(fleetOf({ dev: [topic('rivven-dev', 12)], staging: [topic('rivven-staging', 12)], prod: [topic('rivven-prod', 24)] }), { layout: 'overlays' });
  assert.equal(read(tree, 'base/rivventopic-orders.yaml'), { ...topic('x', 12), metadata: { name: 'orders' } });
  assert.is(tree.get('overlays/prod/patches/rivventopic-orders.yaml'), '- op: replace\n  path: /spec/partitions\n  value: 24\n');
  assert.not.ok(tree.has('overlays/dev/patches/rivventopic-orders.yaml'));
  assert.is(
    tree.get('overlays/prod/kustomization.yaml'),
    [
      'apiVersion: kustomize.config.k8s.io/v1beta1',
      'kind: Kustomization',
      'namespace: rivven-prod',
      'resources:',
      '- ../../base',
      'patches:',
      '- path: patches/rivventopic-orders.yaml',
      '  target:',
      '    group: rivven\\.hupe1980\\.github\\.io',
      '    kind: RivvenTopic',
      '    name: orders',
      '    version: v1alpha1',
      '',
    ].join('\n'),
  );
  assert.is(tree.get('overlays/dev/kustomization.yaml'), 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nnamespace: rivven-dev\nresources:\n- ../../base\n');
});

test('patches add, remove and escape keys with / and ~', () => {
  const acls = ['order-service', 'billing', 'audit', 'search-indexer'].map((p) => ({ principal: `user:${p}`, operations: ['Read', 'Describe'], resourceType: 'topic' }));
  const withLabels = (ns: string, labels: Record<string, string>): K8sObject => ({ ...topic(ns, 12, { acls }), metadata: { name: 'orders', namespace: ns, labels } });
  const tree = layoutFleet(
    fleetOf({
      dev: [withLabels('rivven-dev', { 'app.kubernetes.io/name': 'rivven', 'a~b': 'x' })],
      prod: [withLabels('rivven-prod', { 'app.kubernetes.io/name': 'rivven-prod', 'new/key': 'y' })],
    }),
    { layout: 'overlays' },
  );
  assert.equal(read(tree, 'overlays/prod/patches/rivventopic-orders.yaml'), [
    { op: 'remove', path: '/metadata/labels/a~0b' },
    { op: 'replace', path: '/metadata/labels/app.kubernetes.io~1name', value: 'rivven-prod' },
    { op: 'add', path: '/metadata/labels/new~1key', value: 'y' },
  ]);
});

test('when a patch would rewrite most of the object, every environment gets its own copy instead', () => {
  const other = (ns: string, n: number): K8sObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: ns }, data: { [`key${n}`]: `value${n}` } });
  const tree = layoutFleet(fleetOf({ dev: [other('rivven-dev', 1)], prod: [other('rivven-prod', 2)] }), { layout: 'overlays' });
  assert.not.ok(tree.has('base/configmap-c.yaml'));
  assert.equal(read(tree, 'overlays/dev/configmap-c.yaml'), other('rivven-dev', 1), 'full object, namespace kept');
  assert.equal(read(tree, 'overlays/prod/configmap-c.yaml'), other('rivven-prod', 2));
  assert.not.ok([...tree.keys()].some((k) => k.includes('patches/')));
});

test('an object missing from one environment is env-only everywhere it exists', () => {
  const tree = layoutFleet(fleetOf({ dev: [topic('rivven-dev', 12)], prod: [] }), { layout: 'overlays' });
  assert.ok(tree.has('overlays/dev/rivventopic-orders.yaml'));
  assert.not.ok(tree.has('base/rivventopic-orders.yaml'));
  assert.equal(read(tree, 'base/kustomization.yaml'), { apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', resources: [] });
});

test('objects the namespace transform would alter go to other-namespaces/<env>/ unchanged', () => {
  const tree = layoutFleet(fixtureFleet(), { layout: 'overlays' });
  const schedule = read(tree, 'other-namespaces/prod/schedule-rivven-prod-daily.yaml');
  assert.equal(schedule, fixtureFleet().environments.find((e) => e.name === 'prod')?.objects.find((o) => o.kind === 'Schedule'));
  assert.equal(read(tree, 'other-namespaces/prod/kustomization.yaml'), {
    apiVersion: 'kustomize.config.k8s.io/v1beta1',
    kind: 'Kustomization',
    resources: ['clusterissuer-rivven-prod-ca.yaml', 'namespace-rivven-prod-tools.yaml', 'rolebinding-rivven-default-reader.yaml', 'schedule-rivven-prod-daily.yaml'],
  });
  for (const [file, text] of tree) {
    if (file.startsWith('overlays/')) assert.not.ok(text.includes('velero'), `${file} mentions velero`);
  }
});

test('flat and overlays layouts hold the same objects per environment', () => {
  const fleet = fixtureFleet();
  const flat = layoutFleet(fleet, { layout: 'flat' });
  for (const env of fleet.environments) {
    const files = [...flat.entries()].filter(([f]) => f.startsWith(`overlays/${env.name}/`) && f.endsWith('.yaml') && !f.endsWith('/kustomization.yaml'));
    assertSameObjects(files.flatMap(([, text]) => parseYamlDocuments(text)), env.objects, env.name);
    const k = read(flat, `overlays/${env.name}/kustomization.yaml`);
    assert.not.ok(k !== null && typeof k === 'object' && 'namespace' in k, 'flat overlays run no namespace transform');
  }
  assert.not.ok([...flat.keys()].some((f) => f.startsWith('base/') || f.startsWith('other-namespaces/')));
});

test('runbooks, Argo CD objects and remote CRDs have their own places; overlays never reference a URL', () => {
  const tree = layoutFleet(fixtureFleet(), { layout: 'overlays' });
  assert.is(tree.get('overlays/prod/RUNBOOK.md'), '# Runbook: prod\n\nkubectl -n rivven-prod get rivvenclusters\n');
  assert.equal(read(tree, 'crds/kustomization.yaml'), { apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', resources: ['https://raw.githubusercontent.com/hupe1980/rivven/v0.0.22/deploy/crds.yaml'] });
  assert.equal(read(tree, 'argocd/application-rivven-dev.yaml'), fixtureFleet().argocd.find((o) => o.metadata.name === 'rivven-dev'));
  for (const [file, text] of tree) {
    if (file.startsWith('overlays/') || file.startsWith('base/')) assert.not.ok(/https?:\/\/[^\s]*crds/.test(text), file);
  }
});

test('same fleet in any order → same bytes', () => {
  const fleet = fixtureFleet();
  const shuffled: FleetRender = { ...fleet, environments: [...fleet.environments].reverse().map((e) => ({ ...e, objects: [...e.objects].reverse() })), argocd: [...fleet.argocd].reverse() };
  assert.equal([...layoutFleet(shuffled, { layout: 'overlays' })], [...layoutFleet(fleet, { layout: 'overlays' })]);
  const keys = [...layoutFleet(fleet, { layout: 'overlays' }).keys()];
  assert.equal(keys, [...keys].sort(), 'paths sorted');
});

test('duplicate objects and duplicate environments are refused with codes', () => {
  const codes = (fleet: FleetRender) => {
    try {
      layoutFleet(fleet, { layout: 'overlays' });
      return [];
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      return error.findings.map((f) => f.code);
    }
  };
  assert.equal(codes(fleetOf({ dev: [topic('rivven-dev', 1), topic('rivven-dev', 2)] })), ['RG602']);
  const env = { name: 'dev', namespace: 'rivven-dev', objects: [], runbook: '' };
  assert.equal(codes({ environments: [env, env], argocd: [] }), ['RG603']);
});

test('a single environment: everything is base, the overlay only sets the namespace', () => {
  const tree = layoutFleet(fleetOf({ dev: [topic('rivven-dev', 3)] }), { layout: 'overlays' });
  assert.ok(tree.has('base/rivventopic-orders.yaml'));
  assert.is(tree.get('overlays/dev/kustomization.yaml'), 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nnamespace: rivven-dev\nresources:\n- ../../base\n');
});

test.run();
