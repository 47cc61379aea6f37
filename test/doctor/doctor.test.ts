/**
 * `rivven-gitops doctor` end to end, in-process, on the example fleet against a local API server: a
 * cluster holding every prerequisite passes; one without cert-manager's CRDs and without a Secret
 * reports both with their codes and exits 1; a Secret's value seeded in the server never reaches the
 * output, and Secrets are only ever listed as metadata. Each finding points at the config line that
 * creates the need (the environment file's where it overrides the base) and names the live object.
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
import { defaultResources, resourcesWithout, type FakeResource } from '../support/fake-apiserver-objects.js';

const example = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/**
 * The example fleet, except that the platform team creates rivven-cluster-token by hand (secrets.external)
 * instead of an ExternalSecret delivering it: so the brokers' token is a prerequisite doctor must find.
 */
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'rivven-doctor-'));
fs.cpSync(path.join(example, 'environments'), path.join(root, 'environments'), { recursive: true });
const exampleConfig = fs.readFileSync(path.join(example, 'rivven.config.ts'), 'utf8');
const tokenItem = "    items: { 'rivven-cluster-token': { remoteKey: 'rivven/cluster-token' } },\n";
if (!exampleConfig.includes(tokenItem)) throw new Error('the example no longer delivers rivven-cluster-token as written here: update this test');
fs.writeFileSync(path.join(root, 'rivven.config.ts'), exampleConfig.replace(tokenItem, "    external: ['rivven-cluster-token'],\n"));
test.after(() => fs.rmSync(root, { recursive: true, force: true }));
const secretValue = 'c3VwZXItc2VjcmV0LWNsdXN0ZXItdG9rZW4=';
const decodedValue = Buffer.from(secretValue, 'base64').toString('utf8');
const storageClass: FakeResource = { group: 'storage.k8s.io', version: 'v1', kind: 'StorageClass', plural: 'storageclasses', singular: 'storageclass', namespaced: false };
/** The External Secrets Operator's CRDs: the fleet delivers its Secrets as ExternalSecrets. */
const externalSecrets: FakeResource[] = [
  { group: 'external-secrets.io', version: 'v1', kind: 'ExternalSecret', plural: 'externalsecrets', singular: 'externalsecret', namespaced: true },
  { group: 'external-secrets.io', version: 'v1', kind: 'ClusterSecretStore', plural: 'clustersecretstores', singular: 'clustersecretstore', namespaced: false },
];

async function cli(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { cwd: root, stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), env: { NO_COLOR: '1' }, isTTY: false });
  return { code, stdout, stderr };
}

function secret(namespace: string, name: string): K8sObject {
  return { apiVersion: 'v1', kind: 'Secret', metadata: { name, namespace }, type: 'Opaque', data: { token: secretValue } };
}

function deployment(namespace: string, name: string, labels: Record<string, string>): K8sObject {
  return { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, namespace, labels }, spec: { selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name, image: `${name}:1` }] } } } };
}

/** What the platform team installs before the fleet: operators, the issuer, the storage classes and the Secrets. */
function platform(options: { withoutSecret?: string; withoutStorageClass?: boolean } = {}): K8sObject[] {
  const secrets = [
    secret('rivven-dev', 'rivven-cluster-token'), secret('rivven-staging', 'rivven-cluster-token'),
    secret('rivven-prod', 'rivven-cluster-token'), secret('rivven-prod', 'rivven-client-ca'),
  ].filter((s) => `${s.metadata.namespace}/${s.metadata.name}` !== options.withoutSecret);
  return [
    deployment('external-secrets', 'external-secrets', { 'app.kubernetes.io/name': 'external-secrets' }),
    { apiVersion: 'external-secrets.io/v1', kind: 'ClusterSecretStore', metadata: { name: 'fleet-secrets' }, spec: { provider: { fake: { data: [] } } } },
    deployment('cert-manager', 'cert-manager', { 'app.kubernetes.io/name': 'cert-manager', 'app.kubernetes.io/component': 'controller' }),
    deployment('monitoring', 'kube-prometheus-stack-operator', { app: 'kube-prometheus-stack-operator', 'app.kubernetes.io/name': 'kube-prometheus-stack-prometheus-operator' }),
    { apiVersion: 'cert-manager.io/v1', kind: 'ClusterIssuer', metadata: { name: 'rivven-ca' }, spec: { ca: { secretName: 'rivven-ca' } } },
    ...(options.withoutStorageClass === true ? [] : [{ apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'premium-ssd' }, provisioner: 'ebs.csi.aws.com' }]),
    // dev's and staging's volumes name no class: they get the cluster's default one.
    { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'standard', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } }, provisioner: 'ebs.csi.aws.com' },
    ...secrets,
  ];
}

async function withServer<T>(resources: readonly FakeResource[], objects: readonly K8sObject[], run: (server: FakeApiServer, kubeconfig: string) => Promise<T>): Promise<T> {
  const server = await startFakeApiServer({ resources: [...resources, storageClass, ...externalSecrets] });
  try {
    // seed() needs a served kind: objects of a group the cluster lacks are left out, like a missing CRD's.
    const served = (o: K8sObject) => [...resources, storageClass, ...externalSecrets].some((r) => (r.group === '' ? r.version : `${r.group}/${r.version}`) === o.apiVersion && r.kind === o.kind);
    server.seed(...objects.filter(served));
    return await run(server, server.writeKubeconfig());
  } finally {
    await server.close();
  }
}

interface DoctorJson {
  version: number;
  ok: boolean;
  environments: { name: string; ok: boolean; findings: { code: string; severity: string; object: string; path: string; loc?: { file: string; line: number; column: number }; message: string }[] }[];
}

/** `file:line:col` of the first `needle` in a file of the test project: where a finding must point. */
function positionOf(file: string, needle: string): string {
  const lines = fs.readFileSync(path.join(root, file), 'utf8').split('\n');
  const line = lines.findIndex((l) => l.includes(needle));
  if (line < 0) throw new Error(`${file} no longer contains ${needle}: update this test`);
  return `${file}:${line + 1}:${(lines[line] ?? '').indexOf(needle) + 1}`;
}

const locOf = (f: { loc?: { file: string; line: number; column: number } } | undefined): string => (f?.loc === undefined ? 'no loc' : `${f.loc.file}:${f.loc.line}:${f.loc.column}`);
const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

test('doctor: a cluster with every prerequisite passes, in text and JSON', async () => {
  await withServer(defaultResources, platform(), async (server, kubeconfig) => {
    const text = await cli(['doctor', '--kubeconfig', kubeconfig]);
    assert.is(text.code, 0, text.stdout + text.stderr);
    assert.match(text.stdout, /✔ every prerequisite is in place/);
    assert.match(text.stdout, /prod \(namespace rivven-prod\): 4 API\(s\), 3 operator\(s\), 1 Secret\(s\), 1 StorageClass\(es\), 1 issuer\(s\), 1 SecretStore\(s\)/);
    assert.match(text.stdout, /dev \(namespace rivven-dev\): [^\n]*0 StorageClass\(es\), a default StorageClass, 0 issuer\(s\)/);
    const json = await cli(['preflight', '--kubeconfig', kubeconfig, '--format', 'json']);
    const report = JSON.parse(json.stdout) as DoctorJson;
    assert.is(json.code, 0);
    assert.equal(report.environments.map((e) => [e.name, e.ok, e.findings.length]), [['dev', true, 0], ['prod', true, 0], ['staging', true, 0]]);
    // Secrets were only listed, as metadata, and never fetched by name.
    const secretRequests = server.requests.filter((r) => r.path.includes('/secrets'));
    assert.ok(secretRequests.length > 0);
    for (const r of secretRequests) {
      assert.match(r.accept, /as=PartialObjectMetadataList/);
      assert.ok(r.path.endsWith('/secrets'), r.path);
      assert.is(r.method, 'GET');
    }
    assert.not.ok(server.requests.some((r) => r.method !== 'GET'));
  });
});

test('doctor: a missing CRD, Secret and issuer are reported with codes at the config line that needs them, and exit 1; no Secret value in output', async () => {
  const resources = resourcesWithout('cert-manager.io');
  // The token is named in the base config; TLS and its issuer are written in prod's own file.
  const token = positionOf('rivven.config.ts', "secretName: 'rivven-cluster-token'");
  const certManager = positionOf('environments/prod.ts', 'certManager: {');
  const issuer = positionOf('environments/prod.ts', "name: 'rivven-ca'");
  await withServer(resources, platform({ withoutSecret: 'rivven-prod/rivven-cluster-token' }), async (_server, kubeconfig) => {
    const text = await cli(['doctor', '--env', 'prod', '--kubeconfig', kubeconfig]);
    assert.is(text.code, 1, text.stdout + text.stderr);
    assert.match(text.stdout, new RegExp(`${escape(certManager)} error RG775 The cluster serves no API group cert-manager\\.io, so Certificate cert-manager\\.io/v1 \\(used by cert-manager\\.io/Certificate/rivven-prod/rivven-main-tls\\)`));
    assert.match(text.stdout, new RegExp(`${escape(token)} error RG778 Secret rivven-cluster-token does not exist in namespace rivven-prod; it is read by apps/StatefulSet/rivven-prod/rivven-main \\(spec\\.template\\.spec\\.containers\\[0\\]\\.env\\[\\d+\\]\\.valueFrom\\.secretKeyRef\\.name\\)`));
    // The issuer's API is gone with the CRD: the ClusterIssuer is missing too.
    assert.match(text.stdout, new RegExp(`${escape(issuer)} error RG781 ClusterIssuer rivven-ca does not exist`));
    // Like a build finding: the config path and a frame of the line, with a caret under the column.
    assert.match(text.stdout, /RG778 [^\n]*\n\s+at cluster\.clusterAuthToken\.secretName\n[^\n]*\n\s+> \d+ \|\s+clusterAuthToken: \{ secretName: 'rivven-cluster-token'/);
    assert.match(text.stdout, /✘ 3 prerequisite\(s\) missing/);
    const json = await cli(['doctor', '--env', 'prod', '--kubeconfig', kubeconfig, '--format', 'json']);
    assert.is(json.code, 1);
    const report = JSON.parse(json.stdout) as DoctorJson;
    assert.is(report.version, 2);
    const findings = report.environments[0]?.findings ?? [];
    assert.equal(findings.map((f) => [f.code, f.object, f.path, locOf(f)]), [
      ['RG775', 'Certificate.cert-manager.io', 'cluster.tls.certManager', certManager],
      ['RG778', 'rivven-prod/rivven-cluster-token', 'cluster.clusterAuthToken.secretName', token],
      ['RG781', 'ClusterIssuer/rivven-ca', 'cluster.tls.certManager.issuerRef.name', issuer],
    ]);
    for (const out of [text.stdout, text.stderr, json.stdout, json.stderr]) {
      assert.not.ok(out.includes(secretValue), 'a Secret value reached the output');
      assert.not.ok(out.includes(decodedValue), 'a decoded Secret value reached the output');
    }
  });
});

test('doctor: a missing StorageClass points at the environment file that names it, not the base storage block', async () => {
  const storage = positionOf('environments/prod.ts', "storageClassName: 'premium-ssd'");
  await withServer(defaultResources, platform({ withoutStorageClass: true }), async (_server, kubeconfig) => {
    const text = await cli(['doctor', '--kubeconfig', kubeconfig]);
    assert.is(text.code, 1, text.stdout + text.stderr);
    assert.match(text.stdout, new RegExp(`${escape(storage)} error RG780 StorageClass premium-ssd does not exist; apps/StatefulSet/rivven-prod/rivven-main names it\\.\\n\\s+at cluster\\.storage\\.storageClassName`));
    const json = await cli(['doctor', '--kubeconfig', kubeconfig, '--format', 'json']);
    const report = JSON.parse(json.stdout) as DoctorJson;
    // Only prod names a StorageClass; dev and staging use the cluster default.
    assert.equal(report.environments.map((e) => [e.name, e.findings.map((f) => [f.code, f.object, f.path, locOf(f)])]), [
      ['dev', []],
      ['prod', [['RG780', 'StorageClass/premium-ssd', 'cluster.storage.storageClassName', storage]]],
      ['staging', []],
    ]);
  });
});

test('doctor: a CRD served at another version and an operator without its Deployment have their own codes', async () => {
  const resources = defaultResources.map((r) => (r.group === 'monitoring.coreos.com' ? { ...r, version: 'v1beta1' } : r));
  const objects = platform().filter((o) => o.kind !== 'Deployment' || o.metadata.name !== 'cert-manager');
  await withServer(resources, objects, async (_server, kubeconfig) => {
    const { code, stdout } = await cli(['doctor', '--env', 'staging', '--kubeconfig', kubeconfig, '--format', 'json']);
    assert.is(code, 1);
    const findings = (JSON.parse(stdout) as DoctorJson).environments[0]?.findings ?? [];
    assert.equal(findings.map((f) => f.code), ['RG776', 'RG776', 'RG777']);
    assert.match(findings[0]?.message ?? '', /serves monitoring\.coreos\.com at v1beta1, not v1/);
    assert.match(findings[2]?.message ?? '', /cert-manager/);
    // The operator and the CRD point at the setting that turns the feature on.
    assert.equal(findings.map((f) => [f.object, f.path, locOf(f)]), [
      ['PrometheusRule.monitoring.coreos.com', 'monitoring.alerts', positionOf('rivven.config.ts', 'monitoring: {')],
      ['ServiceMonitor.monitoring.coreos.com', 'monitoring.serviceMonitor', positionOf('rivven.config.ts', 'serviceMonitor: true')],
      ['cert-manager', 'cluster.tls.certManager', positionOf('environments/staging.ts', 'certManager: {')],
    ]);
  });
});

test('doctor: Secrets the credentials may not list are unknown (a warning), not missing', async () => {
  await withServer(defaultResources, platform(), async (server, kubeconfig) => {
    server.inject({ path: /\/secrets$/, status: 403 });
    const { code, stdout } = await cli(['doctor', '--env', 'dev', '--kubeconfig', kubeconfig]);
    assert.is(code, 0, stdout);
    assert.match(stdout, new RegExp(`${escape(positionOf('rivven.config.ts', "secretName: 'rivven-cluster-token'"))} warning RG782 Cannot tell whether Secret rivven-cluster-token exists in rivven-dev: not allowed`));
  });
});

test.run();
