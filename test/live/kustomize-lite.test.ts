/**
 * The git source's kustomize evaluator against the real `kubectl kustomize`: on a hand-written tree with
 * the tricky cases (namespace rename, cluster-scoped kinds, RoleBinding subjects, patches before the
 * namespace transform, regex targets, YAML 1.1 look-alike strings), and on the tree `build` writes for
 * the diff fixture fleet. Everything else a kustomization can say is refused, never approximated.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compileProject } from '../../src/compile.js';
import { buildKustomization, type FileMap } from '../../src/live/kustomize-lite.js';
import { UserError } from '../../src/errors/diagnostic.js';
import { assertSameObjects, kubectlTest, kustomizeBuild } from '../support/kubectl.js';
import { fixturesDir } from '../diff/fixtures.js';

const treeDir = path.join(fixturesDir, 'kustomize');

/** Every file under `dir`, keyed by its `/`-separated path relative to `dir`. */
function readTree(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (rel: string): void => {
    for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const child = rel === '' ? entry.name : `${rel}/${entry.name}`;
      if (entry.isDirectory()) walk(child);
      else files.set(child, fs.readFileSync(path.join(dir, child), 'utf8'));
    }
  };
  walk('');
  return files;
}

const tree = readTree(treeDir);

function refusal(files: FileMap, dir: string): string {
  try {
    buildKustomization(files, dir);
  } catch (error) {
    if (error instanceof UserError) return error.findings.map((f) => `${f.code} ${f.message}`).join('\n');
    throw error;
  }
  return assert.unreachable('expected a refusal') ?? '';
}

for (const dir of ['base', 'overlays/prod', 'other-namespaces/prod', 'nested/a']) {
  kubectlTest(test, `${dir}: the same objects as kubectl kustomize`, async () => {
    assertSameObjects(buildKustomization(tree, dir), await kustomizeBuild(path.join(treeDir, dir)));
  });
}

test('the measured namespace rules, spelled out', () => {
  const objects = buildKustomization(tree, 'overlays/prod');
  const byName = (kind: string, name: string) => objects.find((o) => o.kind === kind && o.metadata.name === name);
  // The base's Namespace is renamed; the patch that targeted its old name still applied (patches run first).
  assert.equal(byName('Namespace', 'shop-prod')?.metadata.labels, { 'app.kubernetes.io/managed-by': 'rivven-gitops', environment: 'production' });
  // Cluster-scoped kinds keep no namespace; an object of another namespace is moved.
  assert.is(byName('StorageClass', 'premium-ssd')?.metadata.namespace, undefined);
  assert.is(byName('ClusterRole', 'rivven-operator-shop')?.metadata.namespace, undefined);
  assert.is(byName('RivvenTopic', 'orders')?.metadata.namespace, 'shop-prod');
  // Subjects follow the overlay when named "default", or when they name a ServiceAccount of the build
  // (without a namespace, or with its namespace before the transform) — whatever the subject's kind.
  assert.equal(byName('ClusterRoleBinding', 'rivven-operator-shop')?.['subjects'], [
    { kind: 'ServiceAccount', name: 'rivven-operator', namespace: 'shop-prod' },
    { kind: 'ServiceAccount', name: 'default', namespace: 'shop-prod' },
  ]);
  assert.equal(byName('ClusterRoleBinding', 'subjects-by-reference')?.['subjects'], [
    { kind: 'ServiceAccount', name: 'rivven-operator', namespace: 'shop-prod' },
    { kind: 'ServiceAccount', name: 'rivven-operator', namespace: 'other' },
    { kind: 'User', name: 'rivven-operator', namespace: 'shop-prod' },
    { kind: 'ServiceAccount', name: 'not-in-this-build', namespace: 'shop' },
    { kind: 'Group', name: 'default', namespace: 'shop-prod' },
  ]);
  // `cdc\.events` matches only cdc.events, not cdcxevents.
  assert.is(JSON.stringify(byName('RivvenTopic', 'cdc.events')?.['spec']).includes('"partitions":12'), true);
  assert.is(JSON.stringify(byName('RivvenTopic', 'cdcxevents')?.['spec']).includes('"partitions":3'), true);
  // YAML 1.1 look-alikes stay strings.
  assert.equal(byName('ConfigMap', 'rivven-config')?.['data'], {
    mode: 'on',
    perms: '0777',
    'mode-copy': 'on',
    'was-empty': '~',
    script: '#!/bin/sh\necho "hello"\n',
  });
});

kubectlTest(test, 'the tree build writes for the diff fixture fleet: every overlay as kubectl builds it', async () => {
  const compiled = await compileProject({ root: path.join(fixturesDir, 'fleet'), typecheck: false });
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'rivven-kustomize-lite-'));
  try {
    for (const [file, text] of compiled.tree) {
      fs.mkdirSync(path.dirname(path.join(out, file)), { recursive: true });
      fs.writeFileSync(path.join(out, file), text);
    }
    const dirs = [...compiled.tree.keys()].filter((f) => f.endsWith('/kustomization.yaml')).map((f) => f.slice(0, -'/kustomization.yaml'.length));
    assert.ok(dirs.includes('overlays/prod') && dirs.includes('base'), dirs.join(' '));
    for (const dir of dirs) assertSameObjects(buildKustomization(compiled.tree, dir), await kustomizeBuild(path.join(out, dir)), dir);
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
});

test('anything outside the subset build writes is refused with RG731, naming the file', () => {
  const withKustomization = (text: string, extra: Record<string, string> = {}): FileMap =>
    new Map([['k/kustomization.yaml', text], ['k/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n'], ...Object.entries(extra)]);
  assert.match(refusal(withKustomization('resources: [cm.yaml]\ncommonLabels: {a: b}\n'), 'k'), /^RG731 k\/kustomization\.yaml: "commonLabels" is not evaluated/);
  assert.match(refusal(withKustomization('resources: [cm.yaml]\npatches:\n- patch: "metadata: {name: a}"\n'), 'k'), /RG731 .*target/);
  assert.match(
    refusal(withKustomization('resources: [cm.yaml]\npatches:\n- target: {kind: ConfigMap}\n  patch: |\n    metadata: {labels: {a: b}}\n'), 'k'),
    /only RFC 6902/,
  );
  assert.match(refusal(withKustomization('resources: [https://github.com/x/y//crds?ref=v1]\n'), 'k'), /remote resource/);
  assert.match(refusal(withKustomization('resources: [missing.yaml]\n'), 'k'), /resource missing\.yaml does not exist/);
  assert.match(refusal(withKustomization('resources: [cm.yaml, again.yaml]\n', { 'k/again.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n' }), 'k'), /included twice/);
  assert.match(refusal(withKustomization('resources: [cm.yaml]\npatches:\n- target: {kind: ConfigMap}\n  patch: |\n    - op: replace\n      path: /data/x\n      value: 1\n'), 'k'), /does not exist/);
  assert.match(refusal(new Map([['k/x.yaml', '']]), 'k'), /has no kustomization\.yaml/);
  assert.match(refusal(withKustomization('resources: [../../../etc]\n'), 'k'), /outside the output directory/);
});

test.run();
