/**
 * From an empty cluster to a synced environment: every object of each example environment (what
 * `kubectl kustomize out/overlays/<env>` builds, and out/argocd), applied in Argo CD's sync order to a
 * writable test cluster that rejects a kind without its CRD, an object without its namespace, an invalid
 * object and a workload whose Secret does not exist yet. The platform is installed first, as the runbook's
 * Prerequisites say: the add-on CRDs, the ClusterIssuer, and the Secrets created outside the repository
 * (with their namespace). Secrets the environment delivers itself (a Certificate's, an ExternalSecret's)
 * must arrive through the sync order.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compileProject } from '../../src/compile.js';
import type { K8sObject } from '../../src/render/k8s-object.js';
import { listPrerequisites } from '../../src/render/prerequisites.js';
import { argoSyncOrder } from '../support/argocd-sync-order.js';
import { createWritableCluster, type WritableCluster } from '../support/fake-apiserver-write.js';
import { kustomizeBuild } from '../support/kubectl.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const environments = ['dev', 'staging', 'prod'];

/** CRDs of the add-ons, installed by the platform (Helm charts) before any fleet sync. */
const platformCrds = [
  ...['Certificate', 'Issuer'].map((kind) => ({ group: 'cert-manager.io', version: 'v1', kind, namespaced: true })),
  { group: 'cert-manager.io', version: 'v1', kind: 'ClusterIssuer', namespaced: false },
  ...['ServiceMonitor', 'PodMonitor', 'PrometheusRule'].map((kind) => ({ group: 'monitoring.coreos.com', version: 'v1', kind, namespaced: true })),
  ...['ExternalSecret', 'SecretStore'].map((kind) => ({ group: 'external-secrets.io', version: 'v1', kind, namespaced: true })),
  { group: 'external-secrets.io', version: 'v1', kind: 'ClusterSecretStore', namespaced: false },
  ...['Schedule', 'Backup'].map((kind) => ({ group: 'velero.io', version: 'v1', kind, namespaced: true })),
  ...['Application', 'AppProject'].map((kind) => ({ group: 'argoproj.io', version: 'v1alpha1', kind, namespaced: true })),
  { group: 'snapshot.storage.k8s.io', version: 'v1', kind: 'VolumeSnapshot', namespaced: true },
  { group: 'bitnami.com', version: 'v1alpha1', kind: 'SealedSecret', namespaced: true },
];

function mustApply(cluster: WritableCluster, obj: K8sObject): void {
  const result = cluster.apply(obj);
  if (result.status >= 400) throw new Error(`platform setup failed: ${result.message}`);
}

/** The platform, as the runbook's Prerequisites list it for these objects. */
function installPlatform(cluster: WritableCluster, objects: readonly K8sObject[]): void {
  for (const crd of platformCrds) cluster.installCrd(crd);
  mustApply(cluster, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'argocd' } });
  const p = listPrerequisites(objects);
  for (const issuer of p.issuers) {
    mustApply(cluster, { apiVersion: 'cert-manager.io/v1', kind: issuer.kind, metadata: { name: issuer.name, ...(issuer.namespace ? { namespace: issuer.namespace } : {}) }, spec: { ca: { secretName: `${issuer.name}-ca` } } });
  }
  for (const secret of p.secrets) {
    if (!cluster.has('v1', 'Namespace', undefined, secret.namespace)) mustApply(cluster, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: secret.namespace } });
    mustApply(cluster, { apiVersion: 'v1', kind: 'Secret', metadata: { name: secret.name, namespace: secret.namespace }, type: 'Opaque' });
  }
}

/** Applies in Argo CD's order; returns the rejections, in order. */
function sync(cluster: WritableCluster, objects: readonly K8sObject[]): string[] {
  return argoSyncOrder(objects).flatMap((t) => {
    const result = cluster.apply(t.obj);
    return result.status >= 400 ? [`wave ${t.wave} ${result.status} ${result.message}`] : [];
  });
}

for (const env of environments) {
  test(`bring-up: ${env} syncs into an empty cluster in Argo CD's order, every object accepted`, async () => {
    const objects = await kustomizeBuild(path.join(root, 'out/overlays', env));
    const argocd = await kustomizeBuild(path.join(root, 'out/argocd'));
    const cluster = createWritableCluster();
    installPlatform(cluster, objects);
    assert.equal(sync(cluster, argocd), [], 'out/argocd');
    assert.equal(sync(cluster, objects), [], env);
    assert.is(cluster.stored.filter((o) => objects.some((r) => r.kind === o.kind && r.metadata.name === o.metadata.name)).length >= objects.length, true);
  });
}

test('bring-up: a fleet delivering its Secrets as SealedSecrets (each environment its own files) syncs in Argo CD order', async () => {
  const compiled = await compileProject({ root: path.join(root, 'test/fixtures/fleets/sealed'), typecheck: false });
  assert.not.ok([...compiled.tree.keys()].some((f) => f.startsWith('base/') && f.includes('sealedsecret')), 'sealed for one cluster: never in the shared base');
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'rivven-sealed-out-'));
  try {
    for (const [file, text] of compiled.tree) {
      fs.mkdirSync(path.dirname(path.join(out, file)), { recursive: true });
      fs.writeFileSync(path.join(out, file), text);
    }
    for (const env of ['dev', 'prod']) {
      const objects = await kustomizeBuild(path.join(out, 'overlays', env));
      const sealed = objects.filter((o) => o.kind === 'SealedSecret');
      assert.equal(sealed.map((o) => o.metadata.name), env === 'prod' ? ['events-cluster-token', 'events-tls'] : ['events-cluster-token']);
      assert.equal(listPrerequisites(objects).secrets, [], `${env}: no Secret left to create by hand`);
      const cluster = createWritableCluster();
      installPlatform(cluster, objects);
      assert.equal(sync(cluster, objects), [], env);
      // The controller (modelled) wrote each Secret before the StatefulSet that mounts it was accepted.
      for (const s of sealed) assert.ok(cluster.has('v1', 'Secret', `ledger-${env}`, s.metadata.name), `${env}: Secret ${s.metadata.name}`);
      assert.ok(cluster.has('apps/v1', 'StatefulSet', `ledger-${env}`, 'rivven-events'));
    }
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
});

test('write server: a custom resource before its CRD is 404; after the CRD is applied it is accepted', () => {
  const cluster = createWritableCluster();
  cluster.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'n' } });
  const cr: K8sObject = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w', namespace: 'n' }, spec: {} };
  assert.is(cluster.apply(cr).status, 404);
  const crd: K8sObject = {
    apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'widgets.example.com' },
    spec: { group: 'example.com', scope: 'Namespaced', names: { kind: 'Widget', plural: 'widgets', singular: 'widget', listKind: 'WidgetList' },
      versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object' } } } } }] },
  };
  assert.is(cluster.apply(crd).status, 201, cluster.apply(crd).message);
  assert.is(cluster.apply(cr).status, 201);
});

test('write server: no namespace yet is 404; a workload before its Secret is rejected; an ExternalSecret delivers it', () => {
  const cluster = createWritableCluster();
  cluster.installCrd({ group: 'external-secrets.io', version: 'v1', kind: 'ExternalSecret', namespaced: true });
  const workload: K8sObject = {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'app', namespace: 'n' },
    spec: { selector: { matchLabels: { app: 'a' } }, template: { metadata: { labels: { app: 'a' } }, spec: { containers: [{ name: 'c', image: 'busybox:1.36', env: [{ name: 'T', valueFrom: { secretKeyRef: { name: 'token', key: 'k' } } }] }] } } },
  };
  const first = cluster.apply(workload);
  assert.is(first.status, 404);
  assert.match(first.message, /namespaces "n" not found/);
  cluster.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'n' } });
  const second = cluster.apply(workload);
  assert.is(second.status, 422);
  assert.match(second.message, /pods would not start: Secret token does not exist yet in n/);
  const external: K8sObject = { apiVersion: 'external-secrets.io/v1', kind: 'ExternalSecret', metadata: { name: 'token', namespace: 'n' }, spec: { secretStoreRef: { kind: 'ClusterSecretStore', name: 'vault' }, target: { name: 'token' } } };
  assert.is(cluster.apply(external).status, 201);
  assert.is(cluster.apply(workload).status, 201);
});

test('sync order: phase, then wave, then kind (Namespace first, custom resources last), then name', () => {
  const o = (kind: string, name: string, wave?: string, hook?: string): K8sObject => ({
    apiVersion: kind === 'Certificate' ? 'cert-manager.io/v1' : kind === 'StatefulSet' ? 'apps/v1' : 'v1', kind,
    metadata: { name, annotations: { ...(wave ? { 'argocd.argoproj.io/sync-wave': wave } : {}), ...(hook ? { 'argocd.argoproj.io/hook': hook } : {}) } },
  });
  const order = argoSyncOrder([o('Certificate', 'c', '1'), o('StatefulSet', 's', '1'), o('ConfigMap', 'post', '-5', 'PostSync'), o('Secret', 'b'), o('Secret', 'a'), o('Namespace', 'n', '-3')]);
  assert.equal(order.map((t) => `${t.obj.kind}/${t.obj.metadata.name}`), ['Namespace/n', 'Secret/a', 'Secret/b', 'StatefulSet/s', 'Certificate/c', 'ConfigMap/post']);
});

test.run();
