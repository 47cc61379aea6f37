/**
 * The table of Rivven CRD defaults (src/diff/rivven-crd-defaults.ts, read from the schema pack) against the CRDs
 * of the pinned Rivven version: every `default:` in the schemas must be in the table with the same
 * value, and the table must hold nothing else.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { rivvenCrdDefaultTables } from '../../src/diff/rivven-crd-defaults.js';
import { applyServerDefaults } from '../../src/diff/kubernetes-defaults.js';
import type { K8sObject } from '../../src/render/k8s-object.js';
import { schemaPackFor } from '../../src/schema-pack/packs.js';
import type { StructuralSchema } from '../../src/schema-pack/types.js';

/** `path → default` of every schema default, paths in the table's notation (`spec.acls[].host`). */
function schemaDefaults(schema: StructuralSchema, at: string, out: Map<string, unknown>): Map<string, unknown> {
  if ('default' in schema && at !== '') out.set(at, schema.default);
  for (const [key, child] of Object.entries(schema.properties ?? {})) schemaDefaults(child, at === '' ? key : `${at}.${key}`, out);
  if (schema.items !== undefined) schemaDefaults(schema.items, `${at}[]`, out);
  if (typeof schema.additionalProperties === 'object') schemaDefaults(schema.additionalProperties, `${at}.*`, out);
  return out;
}

interface Crd {
  readonly kind: string;
  readonly defaults: Map<string, unknown>;
}

/** The CRDs of the pinned Rivven version, from the committed schema pack. */
function readCrds(): Crd[] {
  const pack = schemaPackFor('0.0.22');
  if (pack === undefined) throw new Error('no schema pack for 0.0.22');
  return Object.values(pack.crds)
    .map((crd) => {
      const versions = Object.values(crd.versions);
      if (versions.length !== 1 || versions[0] === undefined) throw new Error(`${crd.kind}: expected exactly one version`);
      return { kind: crd.kind, defaults: schemaDefaults(versions[0], '', new Map()) };
    })
    .sort((a, b) => (a.kind < b.kind ? -1 : 1));
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
