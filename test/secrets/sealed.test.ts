/**
 * Sealed Secrets delivery as a user meets it: SealedSecret files kept in the repository and named by
 * `secrets.sealed` (per environment, each cluster having its own sealing key) are emitted into the
 * environment's overlay in the secrets wave, conform to the SealedSecret schema and count as deliveries;
 * the hostile and mistaken inputs (a path or link leaving the project, a plain Secret, another kind, a
 * wrong namespace, a missing key, a Secret delivered twice) are coded errors at their file:line:col, and
 * no message repeats a value of the sealed file.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compileProject } from '../../src/compile.js';
import { UserError, type Finding } from '../../src/errors/diagnostic.js';
import { conformObject } from '../../src/conform/conform-object.js';
import { syncWaveAnnotation } from '../../src/render/argocd-annotations.js';
import { listPrerequisites } from '../../src/render/prerequisites.js';
import type { K8sObject } from '../../src/render/k8s-object.js';

const created: string[] = [];
test.after(() => {
  for (const root of created.splice(0)) fs.rmSync(root, { recursive: true, force: true });
});

function writeFleet(files: Readonly<Record<string, string>>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'rivven-sealed-'));
  created.push(root);
  for (const [file, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), content);
  }
  return root;
}

const ciphertext = (env: string): string => `AgBy3i4OJSWK-CIPHERTEXT-${env}-9f2c`;

const base = (secrets = '') => `import { defineConfig } from 'rivven-gitops';

export default defineConfig({
  project: 'shop',
  target: 'manifests',
  cluster: { replicas: 1, auth: { enabled: false }, clusterAuthToken: { secretName: 'cluster-token', key: 'token' } },
  networkPolicy: { enabled: true },
  argocd: { repoURL: 'https://github.com/example/fleet.git' },
  secrets: { ${secrets} },
});
`;

const environment = (namespace: string, sealed?: string) =>
  `import { defineEnvironment } from 'rivven-gitops';\nexport default defineEnvironment({\n  namespace: '${namespace}',\n${sealed === undefined ? '' : `  secrets: { sealed: [${sealed}] },\n`}});\n`;

const sealedSecret = (namespace: string, keys: readonly string[] = ['token'], extra = '') => `apiVersion: bitnami.com/v1alpha1
kind: SealedSecret
metadata:
  name: cluster-token
  namespace: ${namespace}
${extra}spec:
  encryptedData:
${keys.map((k) => `    ${k}: ${ciphertext(namespace)}`).join('\n')}
  template:
    metadata:
      name: cluster-token
      namespace: ${namespace}
    type: Opaque
`;

/** A fleet whose dev and prod each deliver the cluster token through their own sealed file. */
function sealedFleet(overrides: Readonly<Record<string, string>> = {}): string {
  return writeFleet({
    'rivven.config.ts': base(),
    'environments/dev.ts': environment('shop-dev', "'secrets/sealed/dev/*.yaml'"),
    'environments/prod.ts': environment('shop-prod', "'secrets/sealed/prod/*.yaml'"),
    'secrets/sealed/dev/cluster-token.yaml': sealedSecret('shop-dev'),
    'secrets/sealed/prod/cluster-token.yaml': sealedSecret('shop-prod'),
    ...overrides,
  });
}

async function compileFailure(root: string): Promise<readonly Finding[]> {
  try {
    await compileProject({ root, typecheck: false });
  } catch (error) {
    if (error instanceof UserError) return error.findings;
    throw error;
  }
  throw new Error(`expected the build of ${root} to fail`);
}

const where = (f: Finding): string => `${f.code} ${f.loc === undefined ? f.path : `${f.loc.file}:${f.loc.line}:${f.loc.column}`}`;
const errors = (findings: readonly Finding[]): string[] => findings.filter((f) => f.severity === 'error').map(where);
const everything = (findings: readonly Finding[]): string => findings.map((f) => `${f.message} ${f.hint ?? ''}`).join('\n');

test('each environment emits its own sealed file, in its namespace and the secrets wave, before the broker; the token counts as delivered', async () => {
  const compiled = await compileProject({ root: sealedFleet(), typecheck: false });
  assert.equal(compiled.findings.filter((f) => f.code >= 'RG350' && f.code <= 'RG369'), []);
  for (const env of ['dev', 'prod']) {
    const objects = compiled.render.environments.find((e) => e.name === env)?.objects ?? [];
    const sealed = objects.filter((o) => o.kind === 'SealedSecret');
    assert.is(sealed.length, 1, env);
    const s = sealed[0] as K8sObject;
    assert.is(s.metadata.namespace, `shop-${env}`);
    assert.equal((s['spec'] as { encryptedData: unknown }).encryptedData, { token: ciphertext(`shop-${env}`) }, 'the ciphertext of this environment, not another');
    const statefulSet = objects.find((o) => o.kind === 'StatefulSet');
    assert.is(s.metadata.annotations?.[syncWaveAnnotation], '-2');
    assert.ok(Number(statefulSet?.metadata.annotations?.[syncWaveAnnotation]) > -2);
    assert.equal(conformObject(s, undefined).violations, []);
    const prerequisites = listPrerequisites(objects);
    assert.ok(prerequisites.apis.some((a) => a.group === 'bitnami.com' && a.kind === 'SealedSecret' && a.version === 'v1alpha1'));
    assert.ok(prerequisites.operators.some((o) => o.name === 'Sealed Secrets controller'));
    assert.not.ok(prerequisites.secrets.some((p) => p.name === 'cluster-token'), 'delivered, so not a Secret to create by hand');
  }
  const runbook = compiled.tree.get('overlays/prod/RUNBOOK.md') ?? '';
  assert.match(runbook, '| `cluster-token` | `token` | `StatefulSet/rivven-main` | SealedSecret `cluster-token` from `secrets/sealed/prod/cluster-token.yaml`');
  assert.match(runbook, 'Sealed Secrets controller');
  assert.match(runbook, 'kubectl get sealedsecrets.bitnami.com -n shop-prod');
  assert.ok(compiled.tree.has('overlays/prod/sealedsecret-cluster-token.yaml'));
  assert.not.ok([...compiled.tree.keys()].some((f) => f.startsWith('base/') && f.includes('sealedsecret')), 'never in the shared base');
});

test('the SealedSecret schema rejects what the API server would: no encryptedData, a non-string ciphertext, an unknown field', () => {
  const sealed = (spec: Record<string, unknown>): K8sObject => ({ apiVersion: 'bitnami.com/v1alpha1', kind: 'SealedSecret', metadata: { name: 't', namespace: 'n' }, spec });
  assert.equal(conformObject(sealed({ encryptedData: { a: 'x' }, template: { type: 'Opaque', data: { b: '{{ .a }}' }, metadata: { labels: { l: 'v' } } } }), undefined).violations, []);
  const classes = (o: K8sObject): string[] => conformObject(o, undefined).violations.map((v) => `${v.class} ${v.path.join('.')}`);
  assert.equal(classes(sealed({})), ['required spec.encryptedData']);
  assert.equal(classes(sealed({ encryptedData: { a: 1 } })), ['type spec.encryptedData.a']);
  assert.equal(classes(sealed({ encryptedData: {}, template: { typo: 'Opaque' } })), ['pruned spec.template.typo']);
  assert.equal(classes({ ...sealed({ encryptedData: {} }), apiVersion: 'bitnami.com/v1' }).map((c) => c.split(' ')[0]), ['unknown-kind']);
});

test('build checks every emitted SealedSecret against that schema', async () => {
  const root = sealedFleet({ 'secrets/sealed/prod/cluster-token.yaml': sealedSecret('shop-prod').replace('    type: Opaque\n', '    type: Opaque\n  tempalte: {}\n') });
  const findings = await compileFailure(root);
  const conform = findings.filter((f) => f.severity === 'error');
  assert.is(conform.length, 1, conform.map((f) => f.message).join('\n'));
  assert.match(conform[0]?.message ?? '', /SealedSecret.*cluster-token.*spec\.tempalte.*prune/);
  assert.not.match(everything(findings), 'CIPHERTEXT');
});

test('the same input gives the same bytes', async () => {
  const root = sealedFleet({ 'secrets/sealed/prod/other.yaml': sealedSecret('shop-prod').replaceAll('cluster-token', 'zz-other') });
  const a = await compileProject({ root, typecheck: false });
  const b = await compileProject({ root, typecheck: false });
  assert.equal([...a.tree.entries()], [...b.tree.entries()]);
});

test('without a delivery the token is RG350; a sealed file in the base alone delivers it for every environment that keeps it', async () => {
  const none = writeFleet({ 'rivven.config.ts': base("external: []"), 'environments/dev.ts': environment('shop-dev') });
  assert.equal(errors(await compileFailure(none)).filter((e) => e.startsWith('RG350')).length, 1);
  const shared = writeFleet({
    'rivven.config.ts': base("sealed: ['secrets/sealed/*.yaml']"),
    'environments/dev.ts': environment('shop-dev'),
    'secrets/sealed/token.yaml': sealedSecret('shop-dev', ['token'], "  annotations:\n    sealedsecrets.bitnami.com/cluster-wide: 'true'\n"),
  });
  const compiled = await compileProject({ root: shared, typecheck: false });
  assert.equal(compiled.findings.filter((f) => f.code >= 'RG350' && f.code <= 'RG369'), []);
});

test('a sealed path leaving the project is RG356 at the config line', async () => {
  const root = sealedFleet({ 'environments/prod.ts': environment('shop-prod', "'../elsewhere/*.yaml'") });
  const findings = await compileFailure(root);
  assert.equal(errors(findings), ['RG356 environments/prod.ts:4:23']);
});

test('a sealed file that is a symbolic link leading outside the project is RG357, and its content is never read', async () => {
  const outside = writeFleet({ 'stolen.yaml': 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: topsecret-line\nstringData:\n  password: hunter2-LEAK\n' });
  const root = sealedFleet();
  fs.symlinkSync(path.join(outside, 'stolen.yaml'), path.join(root, 'secrets/sealed/prod/stolen.yaml'));
  const findings = await compileFailure(root);
  assert.equal(errors(findings), ['RG357 environments/prod.ts:4:23']);
  assert.match(findings[0]?.message ?? '', 'secrets/sealed/prod/stolen.yaml is a symbolic link leading outside the project; it was not read');
  assert.not.match(everything(findings), /topsecret-line|hunter2/);
});

test('a pattern matching nothing is RG358', async () => {
  const root = sealedFleet({ 'environments/prod.ts': environment('shop-prod', "'secrets/sealed/prd/*.yaml'") });
  assert.equal(errors(await compileFailure(root)), ['RG358 environments/prod.ts:4:23']);
});

test('invalid YAML in a sealed file is RG359 at its file:line:col', async () => {
  const root = sealedFleet({ 'secrets/sealed/prod/cluster-token.yaml': 'apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata:\n  name: x\n   bad: [\n' });
  const findings = await compileFailure(root);
  assert.ok(findings.length > 0 && findings.every((f) => f.code === 'RG359' && f.loc?.file === 'secrets/sealed/prod/cluster-token.yaml'), findings.map(where).join(', '));
});

test('a plain Secret with data in a sealed file is RG361 at its data line, and its values are not printed', async () => {
  const plain = 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: cluster-token\n  namespace: shop-prod\ndata:\n  token: aHVudGVyMi1wbGFpbg==\n';
  const root = sealedFleet({ 'secrets/sealed/prod/cluster-token.yaml': `${sealedSecret('shop-prod').replace('cluster-token', 'other')}---\n${plain}` });
  const findings = await compileFailure(root);
  assert.equal(errors(findings), ['RG361 secrets/sealed/prod/cluster-token.yaml:20:1']);
  assert.match(findings[0]?.message ?? '', 'document 2 is a plain Secret "cluster-token" holding data (1 keys)');
  assert.not.match(everything(findings), /aHVudGVy|hunter2/);
});

test('another kind, or a SealedSecret whose ciphertext is not a string, is RG360 in the sealed file; no ciphertext is printed', async () => {
  const configMap = sealedFleet({ 'secrets/sealed/prod/cluster-token.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n' });
  const found = await compileFailure(configMap);
  assert.equal(errors(found), ['RG360 secrets/sealed/prod/cluster-token.yaml:2:1']);
  assert.match(found[0]?.message ?? '', 'document 1 is v1 ConfigMap "settings", not a bitnami.com/v1alpha1 SealedSecret');
  const nested = sealedFleet({ 'secrets/sealed/prod/cluster-token.yaml': sealedSecret('shop-prod').replace(`token: ${ciphertext('shop-prod')}`, `token: { nested: ${ciphertext('shop-prod')} }`) });
  const bad = await compileFailure(nested);
  assert.equal(errors(bad), ['RG360 secrets/sealed/prod/cluster-token.yaml:8:5']);
  assert.not.match(everything(bad), 'CIPHERTEXT');
});

test('a SealedSecret sealed for another namespace is RG362 at its namespace line; namespace-wide too; cluster-wide moves', async () => {
  const strict = sealedFleet({ 'secrets/sealed/prod/cluster-token.yaml': sealedSecret('shop-dev') });
  const findings = await compileFailure(strict);
  assert.equal(errors(findings), ['RG362 secrets/sealed/prod/cluster-token.yaml:5:3']);
  assert.match(findings[0]?.message ?? '', 'sealed for namespace "shop-dev" (strict scope: namespace and name), but this environment deploys to "shop-prod"');
  const namespaceWide = sealedFleet({ 'secrets/sealed/prod/cluster-token.yaml': sealedSecret('shop-dev', ['token'], "  annotations:\n    sealedsecrets.bitnami.com/namespace-wide: 'true'\n") });
  assert.equal(errors(await compileFailure(namespaceWide)).map((e) => e.split(' ')[0]), ['RG362']);
  const clusterWide = sealedFleet({ 'secrets/sealed/prod/cluster-token.yaml': sealedSecret('shop-dev', ['token'], "  annotations:\n    sealedsecrets.bitnami.com/cluster-wide: 'true'\n") });
  const compiled = await compileProject({ root: clusterWide, typecheck: false });
  const moved = compiled.render.environments.find((e) => e.name === 'prod')?.objects.find((o) => o.kind === 'SealedSecret');
  assert.is(moved?.metadata.namespace, 'shop-prod');
});

test('a key the consumer reads that the SealedSecret does not hold is RG351 at its encryptedData line', async () => {
  const root = sealedFleet({ 'secrets/sealed/prod/cluster-token.yaml': sealedSecret('shop-prod', ['password']) });
  const findings = await compileFailure(root);
  assert.equal(errors(findings), ['RG351 secrets/sealed/prod/cluster-token.yaml:7:3']);
  assert.match(findings[0]?.message ?? '', 'Secret "cluster-token" is read for "token" by StatefulSet/rivven-main, but SealedSecret/cluster-token holds no such key');
  // A key the template computes counts as held.
  const templated = sealedFleet({ 'secrets/sealed/prod/cluster-token.yaml': sealedSecret('shop-prod', ['password']).replace('    type: Opaque\n', "    type: Opaque\n    data:\n      token: '{{ .password }}'\n") });
  const compiled = await compileProject({ root: templated, typecheck: false });
  assert.equal(compiled.findings.filter((f) => f.code === 'RG351'), []);
});

test('a Secret both sealed and in secrets.items or secrets.external is RG355', async () => {
  const items = sealedFleet({
    'rivven.config.ts': base("store: { kind: 'ClusterSecretStore', name: 'vault' }, items: { 'cluster-token': { remoteKey: 'shop/rivven' } }"),
  });
  assert.equal(errors(await compileFailure(items)), ['RG355 rivven.config.ts:9:77']);
  const external = sealedFleet({ 'rivven.config.ts': base("external: ['cluster-token']") });
  const found = await compileFailure(external);
  assert.equal(errors(found), ['RG355 secrets/sealed/dev/cluster-token.yaml:4:3', 'RG355 secrets/sealed/prod/cluster-token.yaml:4:3']);
  assert.match(found[0]?.message ?? '', 'Secret "cluster-token" is delivered by SealedSecret/cluster-token and also by secrets.external');
});

test('a SealedSecret that customize.objectFiles adds counts as the delivery', async () => {
  const root = writeFleet({
    'rivven.config.ts': base("external: []").replace('  secrets:', "  customize: { objectFiles: ['extra/*.yaml'] },\n  secrets:"),
    'environments/dev.ts': environment('shop-dev'),
    'extra/cluster-token.yaml': sealedSecret('shop-dev'),
  });
  const compiled = await compileProject({ root, typecheck: false });
  assert.equal(compiled.findings.filter((f) => f.code >= 'RG350' && f.code <= 'RG369'), []);
  assert.ok(compiled.render.environments[0]?.objects.some((o) => o.kind === 'SealedSecret'));
});

test.run();
