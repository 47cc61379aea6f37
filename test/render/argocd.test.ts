import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { resourcesFinalizer } from '../../src/render/argocd.js';
import { renderArgoCd } from '../../src/render/argocd-fleet.js';
import { annotateForArgoCd, syncOptionsAnnotation, syncWaveAnnotation } from '../../src/render/argocd-annotations.js';
import { renderNamespace } from '../../src/render/namespace.js';
import { renderOperatorInstall } from '../../src/render/operator-install.js';
import { renderRivvenCluster } from '../../src/render/rivven-cluster.js';
import { renderTopics } from '../../src/render/rivven-topic.js';
import { renderSchemaRegistry } from '../../src/render/rivven-schema-registry.js';
import { renderConnect } from '../../src/render/rivven-connect.js';
import { renderBrokerCertificate } from '../../src/render/tls.js';
import { renderBrokerStatefulSet } from '../../src/render/broker-statefulset.js';
import { renderBrokerServices } from '../../src/render/broker-services.js';
import { renderMonitoring } from '../../src/render/monitoring.js';
import { renderNetworkPolicies } from '../../src/render/network-policy.js';
import { renderBackup } from '../../src/render/backup.js';
import type { K8sObject } from '../../src/render/k8s-object.js';
import type { ResolvedEnvironment, UserConfig } from '../../src/model/types.js';
import { resolvedEnvironment } from '../support/resolved.js';
import { checkGolden, toGoldenYaml } from '../support/crd-schema.js';
import { validateAll } from '../support/k8s-schema.js';

function rec(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? Object.fromEntries(Object.entries(value)) : {};
}
function arr(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

const argocd = { repoURL: 'https://github.com/example/rivven-fleet.git', targetRevision: 'main' };

const fleetConfigs: Record<string, UserConfig> = {
  dev: {
    project: 'shop',
    namespace: 'shop-dev',
    operator: { crds: { source: 'remote' } },
    argocd,
  },
  staging: {
    project: 'shop',
    namespace: 'shop-staging',
    target: 'manifests',
    cluster: { replicas: 3 },
    autoscaling: { minReplicas: 3, maxReplicas: 6 },
    argocd: { ...argocd, syncPolicy: { prune: false, retry: { limit: 3 } } },
  },
  prod: {
    project: 'shop',
    namespace: 'shop-prod',
    operator: { scope: 'cluster', crds: { source: 'remote' } },
    backup: { method: 'velero', velero: { namespace: 'velero' } },
    argocd: { ...argocd, destination: { name: 'prod-cluster' } },
  },
  sandbox: { project: 'shop', namespace: 'shop-sandbox', argocd: { enabled: false } },
};

function fleet(names: readonly string[] = Object.keys(fleetConfigs)): ResolvedEnvironment[] {
  return names.map((n) => resolvedEnvironment(fleetConfigs[n] ?? {}, n));
}

function byName(objects: readonly K8sObject[], name: string): K8sObject {
  const found = objects.find((o) => o.metadata.name === name);
  if (!found) throw new Error(`no object ${name} in ${objects.map((o) => o.metadata.name).join(', ')}`);
  return found;
}

function spec(obj: K8sObject): Record<string, unknown> {
  return rec(obj['spec']);
}

test('golden: AppProject and Applications of a three-environment fleet are schema-valid', () => {
  const objects = renderArgoCd({ environments: fleet() }, { outDir: 'out' });
  assert.equal(
    objects.map((o) => `${o.kind}/${o.metadata.name}`),
    [
      'AppProject/shop',
      'Application/shop-crds-in-cluster',
      'Application/shop-crds-prod-cluster',
      'Application/shop-dev',
      'Application/shop-prod',
      'Application/shop-prod-other-namespaces',
      'Application/shop-staging',
    ],
  );
  assert.equal(validateAll(objects), []);
  assert.equal(checkGolden(toGoldenYaml(objects), 'argocd/fleet'), []);
});

test('one Application per environment: overlay path, destination, finalizer, sync options', () => {
  const objects = renderArgoCd({ environments: fleet() }, { outDir: 'out' });
  const dev = byName(objects, 'shop-dev');
  assert.is(dev.metadata.namespace, 'argocd');
  assert.equal(dev.metadata.finalizers, [resourcesFinalizer]);
  assert.equal(rec(spec(dev)['source']), { repoURL: argocd.repoURL, targetRevision: 'main', path: 'out/overlays/dev' });
  assert.equal(rec(spec(dev)['destination']), { server: 'https://kubernetes.default.svc', namespace: 'shop-dev' });
  const sync = rec(spec(dev)['syncPolicy']);
  assert.equal(sync['automated'], { prune: true, selfHeal: true });
  assert.equal(sync['syncOptions'], ['ServerSideApply=true', 'PruneLast=true', 'ApplyOutOfSyncOnly=true', 'FailOnSharedResource=true']);
  assert.not.ok(arr(sync['syncOptions']).includes('CreateNamespace=true'), 'the Namespace is rendered, not created by Argo CD');

  const prod = byName(objects, 'shop-prod');
  assert.equal(rec(spec(prod)['destination']), { name: 'prod-cluster', namespace: 'shop-prod' });
  const staging = byName(objects, 'shop-staging');
  const stagingSync = rec(spec(staging)['syncPolicy']);
  assert.equal(stagingSync['automated'], { prune: false, selfHeal: true });
  assert.equal(stagingSync['retry'], { limit: 3, backoff: { duration: '10s', factor: 2, maxDuration: '3m' } });
  assert.not.ok(objects.some((o) => o.metadata.name.includes('sandbox')), 'argocd.enabled false renders nothing');
});

test('argocd.path overrides the output directory in every source path', () => {
  const envs = fleet(['dev']).map((e) => resolvedEnvironment({ ...fleetConfigs['dev'], argocd: { ...argocd, path: 'deploy/rivven/' } }, e.name));
  const objects = renderArgoCd({ environments: envs }, { outDir: 'out' });
  assert.is(rec(spec(byName(objects, 'shop-dev'))['source'])['path'], 'deploy/rivven/overlays/dev');
  assert.is(rec(spec(byName(objects, 'shop-crds-in-cluster'))['source'])['path'], 'deploy/rivven/crds');
});

test('HPA-owned replicas: ignoreDifferences by jsonPointer on the broker StatefulSet, respected on sync', () => {
  const objects = renderArgoCd({ environments: fleet() }, { outDir: 'out' });
  const staging = byName(objects, 'shop-staging');
  assert.equal(spec(staging)['ignoreDifferences'], [
    { group: 'apps', kind: 'StatefulSet', name: 'rivven-main', namespace: 'shop-staging', jsonPointers: ['/spec/replicas'] },
  ]);
  assert.ok(arr(rec(spec(staging)['syncPolicy'])['syncOptions']).includes('RespectIgnoreDifferences=true'));
  assert.is(spec(byName(objects, 'shop-dev'))['ignoreDifferences'], undefined);
});

test('objects in other namespaces get their own Application; the AppProject allows their namespace', () => {
  const objects = renderArgoCd({ environments: fleet() }, { outDir: 'out' });
  const foreign = byName(objects, 'shop-prod-other-namespaces');
  assert.is(rec(spec(foreign)['source'])['path'], 'out/other-namespaces/prod');
  assert.equal(rec(spec(foreign)['destination']), { name: 'prod-cluster', namespace: 'velero' });
  const project = byName(objects, 'shop');
  assert.ok(arr(spec(project)['destinations']).some((d) => rec(d)['namespace'] === 'velero' && rec(d)['name'] === 'prod-cluster'));
  // A namespace given by the caller (from the rendered objects) wins over the config guess.
  const given = renderArgoCd({ environments: fleet(['dev']) }, { outDir: 'out', foreignNamespaces: new Map([['dev', ['monitoring']]]) });
  assert.equal(rec(spec(byName(given, 'shop-dev-other-namespaces'))['destination'])['namespace'], 'monitoring');
});

test('remote CRDs: one Application per destination, synced first, never pruned, no cascading finalizer', () => {
  const objects = renderArgoCd({ environments: fleet() }, { outDir: 'out' });
  for (const name of ['shop-crds-in-cluster', 'shop-crds-prod-cluster']) {
    const app = byName(objects, name);
    assert.is(app.metadata.annotations?.[syncWaveAnnotation], '-10');
    assert.is(app.metadata.finalizers, undefined, 'deleting the Application must not delete the CRDs');
    assert.equal(rec(rec(spec(app)['syncPolicy'])['automated'])['prune'], false);
    assert.is(rec(spec(app)['source'])['path'], 'out/crds');
  }
  assert.not.ok(renderArgoCd({ environments: fleet(['staging']) }, { outDir: 'out' }).some((o) => o.metadata.name.includes('crds')));
  // Without the operator installed here the layout writes no crds directory: no Application for it.
  const notInstalled = resolvedEnvironment({ ...fleetConfigs['dev'], operator: { install: false, crds: { source: 'remote' } } }, 'dev');
  assert.not.ok(renderArgoCd({ environments: [notInstalled] }, { outDir: 'out' }).some((o) => o.metadata.name.includes('crds')));
});

test('AppProject: source repo, every destination, and only the cluster-scoped kinds rendered', () => {
  const project = byName(renderArgoCd({ environments: fleet() }, { outDir: 'out' }), 'shop');
  assert.equal(spec(project)['sourceRepos'], [argocd.repoURL]);
  const destinations = arr(spec(project)['destinations']).map(rec);
  for (const ns of ['shop-dev', 'shop-staging', 'shop-prod']) assert.ok(destinations.some((d) => d['namespace'] === ns), ns);
  assert.equal(spec(project)['clusterResourceWhitelist'], [
    { group: '', kind: 'Namespace' },
    { group: 'rbac.authorization.k8s.io', kind: 'ClusterRole' },
    { group: 'rbac.authorization.k8s.io', kind: 'ClusterRoleBinding' },
    { group: 'apiextensions.k8s.io', kind: 'CustomResourceDefinition' },
  ]);
  const minimal = byName(renderArgoCd({ environments: fleet(['staging']) }, { outDir: 'out' }), 'shop');
  assert.equal(spec(minimal)['clusterResourceWhitelist'], [{ group: '', kind: 'Namespace' }]);
});

// --- annotations ---

const rich: UserConfig = {
  namespace: 'rivven-prod',
  cluster: { tls: { enabled: true, certManager: { issuerRef: { name: 'letsencrypt' } } } },
  topics: { kept: { deleteOnRemove: false }, dropped: { deleteOnRemove: true }, defaulted: {} },
  connect: { cdc: { sources: { pg: { connector: 'postgres-cdc', topic: 'cdc.events' } } } },
  schemaRegistry: {},
  monitoring: {},
  networkPolicy: {},
  backup: { method: 'volume-snapshot' },
  argocd,
};

function renderAll(e: ResolvedEnvironment): K8sObject[] {
  return [
    ...renderNamespace(e),
    ...renderOperatorInstall(e),
    ...renderNetworkPolicies(e),
    ...renderBrokerCertificate(e),
    ...renderRivvenCluster(e),
    ...renderBrokerStatefulSet(e),
    ...renderBrokerServices(e),
    ...renderTopics(e),
    ...renderSchemaRegistry(e),
    ...renderConnect(e),
    ...renderMonitoring(e),
    ...renderBackup(e),
  ];
}

function wave(objects: readonly K8sObject[], kind: string, name?: string): number {
  const obj = objects.find((o) => o.kind === kind && (name === undefined || o.metadata.name === name));
  if (!obj) throw new Error(`no ${kind} ${name ?? ''}`);
  return Number(obj.metadata.annotations?.[syncWaveAnnotation]);
}

test('sync waves: namespace, operator RBAC, operator, policies, cluster, topics and registry, connect, monitoring, backup', () => {
  const annotated = annotateForArgoCd(renderAll(resolvedEnvironment(rich, 'prod')), resolvedEnvironment(rich, 'prod'));
  for (const o of annotated) assert.ok(Number.isInteger(Number(o.metadata.annotations?.[syncWaveAnnotation])), `${o.kind} ${o.metadata.name} has a wave`);
  const order = [
    wave(annotated, 'Namespace'),
    wave(annotated, 'Role', 'rivven-operator'),
    wave(annotated, 'Deployment', 'rivven-operator'),
    wave(annotated, 'NetworkPolicy'),
    wave(annotated, 'RivvenCluster'),
    wave(annotated, 'RivvenTopic'),
    wave(annotated, 'RivvenConnect'),
    wave(annotated, 'ServiceMonitor'),
    wave(annotated, 'CronJob'),
  ];
  assert.equal(order, [...order].sort((a, b) => a - b), `waves out of order: ${order.join(', ')}`);
  assert.is(new Set(order).size, order.length, 'each stage its own wave');
  // The Secret cert-manager writes must exist before a broker pod mounts it.
  assert.ok(wave(annotated, 'Certificate') < wave(annotated, 'RivvenCluster'), 'the certificate comes before the cluster');
  assert.ok(wave(annotated, 'Certificate') > wave(annotated, 'Namespace'), 'and after its namespace');
  assert.is(wave(annotated, 'RivvenSchemaRegistry'), wave(annotated, 'RivvenTopic'));
  assert.is(wave(annotated, 'ConfigMap', 'rivven-main-grafana-dashboard'), wave(annotated, 'ServiceMonitor'));
  assert.is(wave(annotated, 'ServiceAccount', 'rivven-main-backup'), wave(annotated, 'CronJob'));
});

test('data-bearing objects are protected from prune and from Application deletion; others are not', () => {
  const e = resolvedEnvironment(rich, 'prod');
  const annotated = annotateForArgoCd(renderAll(e), e);
  const options = (kind: string, name?: string) =>
    annotated.find((o) => o.kind === kind && (name === undefined || o.metadata.name === name))?.metadata.annotations?.[syncOptionsAnnotation];
  assert.is(options('Namespace'), 'Prune=false,Delete=false');
  assert.is(options('RivvenCluster'), 'Prune=false,Delete=false');
  assert.is(options('RivvenTopic', 'dropped'), 'Prune=false,Delete=false');
  assert.is(options('RivvenTopic', 'defaulted'), 'Prune=false,Delete=false', 'CRD default deleteOnRemove is true');
  assert.is(options('RivvenTopic', 'kept'), undefined, 'deleteOnRemove false keeps the data: pruning is safe');
  assert.is(options('RivvenConnect'), undefined);
  assert.is(options('CronJob'), undefined);

  const m = resolvedEnvironment({ ...rich, target: 'manifests' }, 'prod');
  const manifests = annotateForArgoCd(renderAll(m), m);
  const sts = manifests.find((o) => o.kind === 'StatefulSet');
  assert.is(sts?.metadata.annotations?.[syncOptionsAnnotation], 'Prune=false,Delete=false');
  const pvc: K8sObject = { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'x' } };
  assert.is(annotateForArgoCd([pvc], m)[0]?.metadata.annotations?.[syncOptionsAnnotation], 'Prune=false,Delete=false');
});

test('annotating is pure, keeps existing waves and merges existing sync options (protection wins)', () => {
  const e = resolvedEnvironment(rich, 'prod');
  const objects: K8sObject[] = [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'rivven-prod', annotations: { [syncOptionsAnnotation]: 'ServerSideApply=true,Prune=true' } } },
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', annotations: { [syncWaveAnnotation]: '7' } } },
  ];
  const before = structuredClone(objects);
  const out = annotateForArgoCd(objects, e);
  assert.equal(objects, before, 'input not modified');
  assert.is(out[0]?.metadata.annotations?.[syncOptionsAnnotation], 'ServerSideApply=true,Prune=false,Delete=false');
  assert.is(out[1]?.metadata.annotations?.[syncWaveAnnotation], '7');
  const off = resolvedEnvironment({ ...rich, argocd: { enabled: false } }, 'prod');
  assert.is(annotateForArgoCd(objects, off)[0]?.metadata.annotations?.[syncWaveAnnotation], undefined);
});

test.run();
