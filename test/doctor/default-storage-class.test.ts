/**
 * `doctor` and the cluster's default StorageClass, end to end against a local API server. A volume claim
 * that names no StorageClass gets the default one, so the cluster must mark exactly one default:
 * none is an error (RG783) at the storage block of the config (the environment file where it overrides
 * the base, else the base), several a warning (RG784) naming the newest, which Kubernetes picks. A claim
 * with an explicit `storageClassName: ""` asks for no class and needs no default.
 *
 * The project is the example fleet with: dev's broker volumes patched to `storageClassName: ""`
 * (pre-provisioned volumes), staging's storage line removed (its volumes come from the base's storage
 * block), and a qa environment that writes its own storage block.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { main } from '../../src/cli/main.js';
import type { K8sObject } from '../../src/render/k8s-object.js';
import { startFakeApiServer, type FakeApiServer } from '../support/fake-apiserver.js';
import { defaultResources, type FakeResource } from '../support/fake-apiserver-objects.js';

const example = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'rivven-default-sc-'));
fs.copyFileSync(path.join(example, 'rivven.config.ts'), path.join(root, 'rivven.config.ts'));
fs.mkdirSync(path.join(root, 'environments'));

function copyEnvironment(name: string, edit: (text: string) => string): void {
  const text = fs.readFileSync(path.join(example, 'environments', `${name}.ts`), 'utf8');
  const edited = edit(text);
  if (edited === text) throw new Error(`environments/${name}.ts of the example no longer reads as this test expects: update the test`);
  fs.writeFileSync(path.join(root, 'environments', `${name}.ts`), edited);
}

copyEnvironment('dev', (t) => t.replace("  argocd: { targetRevision: 'main' },\n", `  argocd: { targetRevision: 'main' },
  customize: {
    patches: {
      'static-volumes': {
        target: { kind: 'StatefulSet', name: 'rivven-main' },
        ops: [{ op: 'add', path: '/spec/volumeClaimTemplates/0/spec/storageClassName', value: '' }],
      },
    },
  },
`));
copyEnvironment('staging', (t) => t.replace("    storage: { size: '100Gi' },\n", ''));
fs.writeFileSync(path.join(root, 'environments', 'qa.ts'), `import { defineEnvironment } from 'rivven-gitops';

export default defineEnvironment({
  namespace: 'rivven-qa',
  cluster: {
    replicas: 1,
    storage: { size: '20Gi' },
  },
  topicDefaults: { replicationFactor: 1, minInsyncReplicas: 1 },
});
`);
test.after(() => fs.rmSync(root, { recursive: true, force: true }));

const storageClassResource: FakeResource = { group: 'storage.k8s.io', version: 'v1', kind: 'StorageClass', plural: 'storageclasses', singular: 'storageclass', namespaced: false };
const externalSecrets: FakeResource[] = [
  { group: 'external-secrets.io', version: 'v1', kind: 'ExternalSecret', plural: 'externalsecrets', singular: 'externalsecret', namespaced: true },
  { group: 'external-secrets.io', version: 'v1', kind: 'ClusterSecretStore', plural: 'clustersecretstores', singular: 'clustersecretstore', namespaced: false },
];
const resources = [...defaultResources, storageClassResource, ...externalSecrets];

function deployment(namespace: string, name: string, labels: Record<string, string>): K8sObject {
  return { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, namespace, labels }, spec: { selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name, image: `${name}:1` }] } } } };
}

function storageClass(name: string, created: string, annotations: Record<string, string> = {}): K8sObject {
  // The server keeps a seeded creationTimestamp: Kubernetes picks the newest of several defaults by it.
  const metadata = { name, creationTimestamp: created, annotations };
  return { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata, provisioner: 'ebs.csi.aws.com' };
}

const isDefault = { 'storageclass.kubernetes.io/is-default-class': 'true' };

/** Everything dev, staging and qa need except StorageClasses: operators, the store, the issuer. */
const platform: K8sObject[] = [
  deployment('external-secrets', 'external-secrets', { 'app.kubernetes.io/name': 'external-secrets' }),
  { apiVersion: 'external-secrets.io/v1', kind: 'ClusterSecretStore', metadata: { name: 'fleet-secrets' }, spec: { provider: { fake: { data: [] } } } },
  deployment('cert-manager', 'cert-manager', { 'app.kubernetes.io/name': 'cert-manager' }),
  deployment('monitoring', 'kube-prometheus-stack-operator', { app: 'kube-prometheus-stack-operator' }),
  { apiVersion: 'cert-manager.io/v1', kind: 'ClusterIssuer', metadata: { name: 'rivven-ca' }, spec: { ca: { secretName: 'rivven-ca' } } },
];

async function withServer<T>(storageClasses: readonly K8sObject[], run: (server: FakeApiServer, kubeconfig: string) => Promise<T>): Promise<T> {
  const server = await startFakeApiServer({ resources });
  try {
    server.seed(...platform, ...storageClasses);
    return await run(server, server.writeKubeconfig());
  } finally {
    await server.close();
  }
}

async function doctor(kubeconfig: string, format: 'text' | 'json'): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const argv = ['doctor', '--env', 'dev', '--env', 'staging', '--env', 'qa', '--kubeconfig', kubeconfig, '--format', format];
  const code = await main(argv, { cwd: root, stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), env: { NO_COLOR: '1' }, isTTY: false });
  return { code, stdout, stderr };
}

interface DoctorJson {
  environments: {
    name: string;
    prerequisites: { defaultStorageClass?: { usedBy: string[] }; storageClasses: unknown[] };
    findings: { code: string; severity: string; object: string; path: string; loc?: { file: string; line: number; column: number }; message: string }[];
  }[];
}

function positionOf(file: string, needle: string): string {
  const lines = fs.readFileSync(path.join(root, file), 'utf8').split('\n');
  const line = lines.findIndex((l) => l.includes(needle));
  if (line < 0) throw new Error(`${file} no longer contains ${needle}: update this test`);
  return `${file}:${line + 1}:${(lines[line] ?? '').indexOf(needle) + 1}`;
}

const locOf = (f: { loc?: { file: string; line: number; column: number } }): string => (f.loc === undefined ? 'no loc' : `${f.loc.file}:${f.loc.line}:${f.loc.column}`);
const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const findingsOf = (report: DoctorJson) => report.environments.map((e) => [e.name, e.findings.map((f) => [f.code, f.severity, f.object, f.path, locOf(f)])]);

test('no default StorageClass: RG783 at the storage block (environment file, else base), text and JSON, exit 1; storageClassName "" needs none', async () => {
  const base = positionOf('rivven.config.ts', "storage: { size: '100Gi' }");
  const qa = positionOf('environments/qa.ts', "storage: { size: '20Gi' }");
  await withServer([storageClass('premium-ssd', '2025-01-01T00:00:00Z')], async (_server, kubeconfig) => {
    const text = await doctor(kubeconfig, 'text');
    assert.is(text.code, 1, text.stdout + text.stderr);
    assert.match(text.stdout, new RegExp(`${escape(qa)} error RG783 The cluster has no default StorageClass \\(none of premium-ssd is annotated storageclass\\.kubernetes\\.io/is-default-class: "true"\\); the volume claims of apps/StatefulSet/rivven-qa/rivven-main name no StorageClass, so they stay Pending and their pods never start\\.\\n\\s+at cluster\\.storage\\n`));
    assert.match(text.stdout, new RegExp(`${escape(base)} error RG783 [^\\n]*apps/StatefulSet/rivven-staging/rivven-main`));
    assert.match(text.stdout, /qa \(namespace rivven-qa\): [^\n]*0 StorageClass\(es\), a default StorageClass, /);
    assert.match(text.stdout, /✘ 2 prerequisite\(s\) missing/);
    const json = await doctor(kubeconfig, 'json');
    assert.is(json.code, 1);
    const report = JSON.parse(json.stdout) as DoctorJson;
    assert.equal(findingsOf(report), [
      ['dev', []],
      ['staging', [['RG783', 'error', 'StorageClass (default)', 'cluster.storage', base]]],
      ['qa', [['RG783', 'error', 'StorageClass (default)', 'cluster.storage', qa]]],
    ]);
    // dev's claims ask for no class at all: no default is a prerequisite of dev.
    assert.equal(report.environments.map((e) => [e.name, e.prerequisites.defaultStorageClass?.usedBy ?? null]), [
      ['dev', null],
      ['staging', ['apps/StatefulSet/rivven-staging/rivven-main']],
      ['qa', ['apps/StatefulSet/rivven-qa/rivven-main']],
    ]);
  });
});

test('a cluster with one default StorageClass (either annotation) passes', async () => {
  for (const annotations of [isDefault, { 'storageclass.beta.kubernetes.io/is-default-class': 'true' }]) {
    await withServer([storageClass('premium-ssd', '2025-01-01T00:00:00Z'), storageClass('standard', '2024-01-01T00:00:00Z', annotations)], async (server, kubeconfig) => {
      const json = await doctor(kubeconfig, 'json');
      assert.is(json.code, 0, json.stdout + json.stderr);
      assert.equal(findingsOf(JSON.parse(json.stdout) as DoctorJson), [['dev', []], ['staging', []], ['qa', []]]);
      // Listed as metadata only, never fetched one by one.
      const reads = server.requests.filter((r) => r.path.includes('storageclasses'));
      assert.ok(reads.length > 0);
      for (const r of reads) assert.match(r.accept, /as=PartialObjectMetadataList/);
    });
  }
  // "false" or any other value does not mark a default.
  await withServer([storageClass('standard', '2024-01-01T00:00:00Z', { 'storageclass.kubernetes.io/is-default-class': 'True ' })], async (_server, kubeconfig) => {
    assert.is((await doctor(kubeconfig, 'json')).code, 1);
  });
});

test('two default StorageClasses: RG784 warning naming the newest, which Kubernetes picks; exit 0', async () => {
  // The newest is not the first by name: the choice is by creation time.
  const classes = [storageClass('fast', '2024-01-01T00:00:00Z', isDefault), storageClass('standard', '2025-06-01T00:00:00Z', isDefault)];
  await withServer(classes, async (_server, kubeconfig) => {
    const text = await doctor(kubeconfig, 'text');
    assert.is(text.code, 0, text.stdout + text.stderr);
    assert.match(text.stdout, new RegExp(`${escape(positionOf('environments/qa.ts', 'storage: {'))} warning RG784 2 StorageClasses are marked default \\(fast, standard\\); the volume claims of apps/StatefulSet/rivven-qa/rivven-main name no StorageClass, and Kubernetes gives them the newest default: standard\\.`));
    const report = JSON.parse((await doctor(kubeconfig, 'json')).stdout) as DoctorJson;
    assert.equal(report.environments.map((e) => [e.name, e.findings.map((f) => `${f.code} ${f.severity}`)]), [['dev', []], ['staging', ['RG784 warning']], ['qa', ['RG784 warning']]]);
  });
});

test('StorageClasses the credentials may not list: RG782 warning, not missing', async () => {
  await withServer([], async (server, kubeconfig) => {
    server.inject({ path: /\/storageclasses$/, status: 403 });
    const text = await doctor(kubeconfig, 'text');
    assert.is(text.code, 0, text.stdout + text.stderr);
    assert.match(text.stdout, new RegExp(`${escape(positionOf('environments/qa.ts', 'storage: {'))} warning RG782 Cannot tell whether the cluster has a default StorageClass \\(the volume claims of apps/StatefulSet/rivven-qa/rivven-main name no StorageClass\\): not allowed`));
    assert.not.match(text.stdout, /RG783/);
  });
});

test.run();
