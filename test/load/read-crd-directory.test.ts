/**
 * The CRD directory a project names is hostile input: it must stay inside the project and nothing on the
 * way may be a symbolic link. A good one becomes a schema pack.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readCrdDirectory } from '../../src/load/read-crd-directory.js';
import { UserError } from '../../src/errors/diagnostic.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const patched = path.join(repoRoot, 'test/fixtures/conform/pruned-field/patched-crds');

function project(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'rivven-crd-dir-'));
  fs.cpSync(patched, path.join(root, 'crds'), { recursive: true });
  return root;
}

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof UserError) return error.findings.map((f) => `${f.code} ${f.message}`).join('\n');
    throw error;
  }
  throw new Error('expected a refusal');
}

test('a directory of CRD YAML inside the project becomes a pack named after it', () => {
  const root = project();
  const pack = readCrdDirectory(root, 'crds');
  assert.is(pack.source, 'user-directory');
  assert.equal(Object.keys(pack.crds), ['rivven.hupe1980.github.io/RivvenCluster', 'rivven.hupe1980.github.io/RivvenTopic']);
  assert.equal(pack.origin.files, ['crds/rivvencluster.yaml', 'crds/rivventopic.yaml']);
  fs.rmSync(root, { recursive: true });
});

test('paths outside the project are refused (RG211)', () => {
  const root = project();
  assert.match(refusal(() => readCrdDirectory(root, '/etc')), /^RG211 .*relative path inside the project/);
  assert.match(refusal(() => readCrdDirectory(root, '../')), /^RG211 .*inside the project/);
  assert.match(refusal(() => readCrdDirectory(root, 'crds/../..')), /^RG211 .*inside the project/);
  assert.match(refusal(() => readCrdDirectory(root, 'missing')), /^RG211 .*missing does not exist/);
  fs.rmSync(root, { recursive: true });
});

test('a symbolic link to the directory or to a file in it is refused', () => {
  const root = project();
  const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'rivven-crd-outside-'));
  fs.cpSync(patched, outside, { recursive: true });
  fs.symlinkSync(outside, path.join(root, 'linked'));
  assert.match(refusal(() => readCrdDirectory(root, 'linked')), /^RG211 .*linked is a symbolic link/);
  fs.symlinkSync(path.join(outside, 'rivventopic.yaml'), path.join(root, 'crds', 'extra.yaml'));
  assert.match(refusal(() => readCrdDirectory(root, 'crds')), /^RG211 .*extra\.yaml is not a regular file/);
  fs.rmSync(root, { recursive: true });
  fs.rmSync(outside, { recursive: true });
});

test('a directory without CRDs, or with a CRD the validator cannot read, is refused', () => {
  const root = project();
  fs.mkdirSync(path.join(root, 'empty'));
  fs.writeFileSync(path.join(root, 'empty', 'cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: x }\n');
  assert.match(refusal(() => readCrdDirectory(root, 'empty')), /^RG211 .*no CustomResourceDefinition/);
  fs.writeFileSync(path.join(root, 'crds', 'bad.yaml'), 'kind: CustomResourceDefinition\nspec: { group: g, names: { kind: K }, versions: [{ name: v1, schema: { openAPIV3Schema: { anyOf: [] } } }] }\n');
  assert.match(refusal(() => readCrdDirectory(root, 'crds')), /^RG211 .*anyOf/);
  fs.rmSync(root, { recursive: true });
});

test.run();
