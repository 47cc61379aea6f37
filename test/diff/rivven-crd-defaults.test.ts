/**
 * The hand-written table of Rivven CRD defaults (src/diff/rivven-crd-defaults.ts) against the real CRDs
 * of the pinned Rivven version: every `default:` in the schemas must be in the table with the same
 * value, and the table must hold nothing else.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { rivvenCrdDefaultTables } from '../../src/diff/rivven-crd-defaults.js';
import { applyServerDefaults } from '../../src/diff/kubernetes-defaults.js';
import { isPlainObject } from '../../src/diff/json-value.js';
import type { K8sObject } from '../../src/render/k8s-object.js';
import { listAt, mapAt } from './fixtures.js';

const crdDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared/reference/rivven/crds');

/** `path → default` of every schema default, paths in the table's notation (`spec.acls[].host`). */
function schemaDefaults(schema: unknown, at: string, out: Map<string, unknown>): Map<string, unknown> {
  if (!isPlainObject(schema)) return out;
  if ('default' in schema && at !== '') out.set(at, schema['default']);
  const properties = schema['properties'];
  if (isPlainObject(properties)) {
    for (const [key, child] of Object.entries(properties)) schemaDefaults(child, at === '' ? key : `${at}.${key}`, out);
  }
  if (isPlainObject(schema['items'])) schemaDefaults(schema['items'], `${at}[]`, out);
  if (isPlainObject(schema['additionalProperties'])) schemaDefaults(schema['additionalProperties'], `${at}.*`, out);
  return out;
}

interface Crd {
  readonly kind: string;
  readonly defaults: Map<string, unknown>;
}

function readCrds(): Crd[] {
  return fs
    .readdirSync(crdDir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((file) => {
      const crd: unknown = parse(fs.readFileSync(path.join(crdDir, file), 'utf8'));
      const kind = String(mapAt(crd, 'spec', 'names')['kind']);
      if (listAt(crd, 'spec', 'versions').length !== 1) throw new Error(`${file}: expected exactly one version`);
      const schema = mapAt(crd, 'spec', 'versions', 0, 'schema', 'openAPIV3Schema');
      return { kind, defaults: schemaDefaults(schema, '', new Map()) };
    });
}

const crds = readCrds();

test('the four Rivven CRDs are read, with their defaults', () => {
  assert.equal(crds.map((c) => c.kind), ['RivvenCluster', 'RivvenConnect', 'RivvenSchemaRegistry', 'RivvenTopic']);
  for (const crd of crds) assert.ok(crd.defaults.size > 10, `${crd.kind} has ${crd.defaults.size} defaults`);
});

for (const crd of crds) {
  test(`${crd.kind}: the table holds exactly the CRD's defaults`, () => {
    const table = rivvenCrdDefaultTables[crd.kind];
    assert.ok(table, `no table for ${crd.kind}`);
    assert.equal(Object.fromEntries([...Object.entries(table ?? {})].sort()), Object.fromEntries([...crd.defaults.entries()].sort()));
  });
}

test('CRD defaults apply only inside maps that exist, and to every list item', () => {
  const topic: K8sObject = {
    apiVersion: 'rivven.hupe1980.github.io/v1alpha1',
    kind: 'RivvenTopic',
    metadata: { name: 'orders', namespace: 'shop' },
    spec: { clusterRef: { name: 'main' }, acls: [{ principal: 'user:a', operations: ['Read'] }, { principal: 'user:b', operations: ['Write'], host: '10.0.0.1' }] },
  };
  const defaulted = applyServerDefaults(topic);
  assert.equal(topic['spec'], {
    clusterRef: { name: 'main' },
    acls: [
      { principal: 'user:a', operations: ['Read'], permissionType: 'Allow', host: '*' },
      { principal: 'user:b', operations: ['Write'], host: '10.0.0.1', permissionType: 'Allow' },
    ],
    partitions: 3,
    replicationFactor: 1,
    deleteOnRemove: true,
  });
  // spec.config was absent, so none of its defaults apply.
  assert.ok(defaulted.has('spec.deleteOnRemove'));
  assert.not.ok([...defaulted].some((p) => p.startsWith('spec.config')));
});

test.run();
