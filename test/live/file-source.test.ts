/**
 * The file source: a multi-document YAML dump, a `kubectl get -o yaml` List, or a directory of them; and
 * the part of a dump that belongs to one environment.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { UserError } from '../../src/errors/diagnostic.js';
import { dumpEnvironmentSource, parseDump, readDump, scopeOf } from '../../src/live/file-source.js';
import type { K8sObject } from '../../src/render/k8s-object.js';
import { readObjects } from '../diff/fixtures.js';

const created: string[] = [];
test.after(() => {
  for (const dir of created.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rivven-file-source-'));
  created.push(dir);
  return dir;
}

const kubectlList = `apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: ConfigMap
  metadata: {name: a, namespace: shop-prod}
- apiVersion: apps/v1
  kind: Deployment
  metadata: {name: b, namespace: shop-prod}
metadata:
  resourceVersion: ""
`;

/** What the REST API returns for a list call: items without kind and apiVersion. */
const apiList = `apiVersion: v1
kind: ServiceList
metadata: {resourceVersion: "4711"}
items:
- metadata: {name: rivven-broker, namespace: shop-prod}
  spec: {ports: [{port: 9092}]}
`;

function ids(objects: readonly K8sObject[]): string[] {
  return objects.map((o) => `${o.apiVersion} ${o.kind} ${o.metadata.namespace ?? ''}/${o.metadata.name}`);
}

test('a kubectl List, a typed API list and plain documents, in one stream', () => {
  const { objects, problems } = parseDump('dump.yaml', `${kubectlList}---\n${apiList}---\napiVersion: v1\nkind: Namespace\nmetadata: {name: shop-prod}\n---\n`);
  assert.equal(problems, []);
  assert.equal(ids(objects), ['v1 ConfigMap shop-prod/a', 'apps/v1 Deployment shop-prod/b', 'v1 Service shop-prod/rivven-broker', 'v1 Namespace /shop-prod']);
});

test('a directory is read recursively, YAML and JSON, in name order; other files are ignored', async () => {
  const dir = tempDir();
  fs.mkdirSync(path.join(dir, 'nested'));
  fs.writeFileSync(path.join(dir, 'b.yaml'), apiList);
  fs.writeFileSync(path.join(dir, 'a.yml'), kubectlList);
  fs.writeFileSync(path.join(dir, 'nested', 'c.json'), JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'shop-prod' } }));
  fs.writeFileSync(path.join(dir, 'notes.txt'), 'not yaml: [');
  assert.equal(ids(await readDump(dir)), ['v1 ConfigMap shop-prod/a', 'apps/v1 Deployment shop-prod/b', 'v1 Service shop-prod/rivven-broker', 'v1 ConfigMap shop-prod/c']);
});

test('a missing path is RG732; broken YAML is RG732; something that is not an object is RG733', async () => {
  const codes = async (target: string) => {
    try {
      await readDump(target);
      return [];
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      return error.findings.map((f) => `${f.code} ${f.message}`);
    }
  };
  const dir = tempDir();
  assert.match((await codes(path.join(dir, 'nope.yaml'))).join(), /^RG732 Cannot read the dump .*nope\.yaml: it does not exist\./);
  fs.writeFileSync(path.join(dir, 'broken.yaml'), 'a: [\n');
  assert.match((await codes(path.join(dir, 'broken.yaml'))).join(), /^RG732 Document 1 of .*broken\.yaml is not valid YAML/);
  fs.writeFileSync(path.join(dir, 'list.yaml'), '- 1\n- 2\n');
  assert.match((await codes(path.join(dir, 'list.yaml'))).join(), /^RG733 Document 1 of .*list\.yaml holds something that is not a Kubernetes object\./);
  const overlap = tempDir();
  fs.writeFileSync(path.join(overlap, 'a.yaml'), kubectlList);
  fs.writeFileSync(path.join(overlap, 'b.yaml'), kubectlList.replace('name: b', 'name: c'));
  assert.match((await codes(overlap)).join(), /^RG733 ConfigMap shop-prod\/a is in the dump twice \(.*a\.yaml and .*b\.yaml\)\.$/);
});

test("an environment takes its namespaces' objects of the kinds it renders, and its own cluster-scoped objects", () => {
  const rendered = readObjects('unchanged/rendered.yaml');
  const scope = scopeOf('shop-prod', rendered);
  const dump = [
    ...readObjects('unchanged/live.yaml'),
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: 'shop-dev' } },
    { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'rivven-broker-0', namespace: 'shop-prod' } },
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop-dev' } },
  ];
  const source = dumpEnvironmentSource(dump, scope);
  const names = ids(source.objects);
  assert.ok(names.includes('v1 Namespace /shop-prod'));
  assert.not.ok(names.includes('v1 Namespace /shop-dev'));
  assert.not.ok(names.some((n) => n.includes('shop-dev/') || n.includes(' Pod ')), names.join('\n'));
  assert.is(source.deletions, 'tracked');
});

test.run();
