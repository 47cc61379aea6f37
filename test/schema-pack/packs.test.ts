import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { schemaPackFor, supportedRivvenVersions, isSupportedRivvenVersion } from '../../src/schema-pack/packs.js';
import { normalizeCrds, CrdShapeError } from '../../src/schema-pack/normalize-crd.js';

test('the closed set of Rivven versions: 0.0.19 to 0.0.22, one pack', () => {
  assert.equal(supportedRivvenVersions, ['0.0.19', '0.0.20', '0.0.21', '0.0.22']);
  assert.ok(isSupportedRivvenVersion('0.0.22'));
  assert.not.ok(isSupportedRivvenVersion('1.4.0'));
  assert.equal(schemaPackFor('1.4.0'), undefined);
  assert.is(schemaPackFor('0.0.19'), schemaPackFor('0.0.22'));
});

test('the pack names its upstream and holds the four Rivven CRDs with their structural schemas', () => {
  const pack = schemaPackFor('0.0.22', 'deploy-yaml');
  assert.ok(pack);
  assert.equal(pack.origin.repository, 'github.com/hupe1980/rivven');
  assert.equal(pack.origin.commit, 'ff11bcd7e2709e01eee5b0ed5f1a2080c2139c7d');
  assert.equal(pack.origin.license, 'Apache-2.0');
  assert.equal(Object.keys(pack.crds), [
    'rivven.hupe1980.github.io/RivvenCluster',
    'rivven.hupe1980.github.io/RivvenConnect',
    'rivven.hupe1980.github.io/RivvenSchemaRegistry',
    'rivven.hupe1980.github.io/RivvenTopic',
  ]);
  const topic = pack.crds['rivven.hupe1980.github.io/RivvenTopic']?.versions['v1alpha1'];
  const partitions = topic?.properties?.['spec']?.properties?.['partitions'];
  assert.equal(partitions, { type: 'integer', minimum: 1, maximum: 10000, default: 3 });
  assert.equal(topic?.properties?.['spec']?.required, ['clusterRef']);
});

test('normalizing keeps what the API server acts on, drops descriptions and sorts properties', () => {
  const crds = normalizeCrds([
    {
      file: 'x.yaml',
      value: {
        kind: 'CustomResourceDefinition',
        spec: {
          group: 'example.com',
          scope: 'Namespaced',
          names: { kind: 'Widget', plural: 'widgets' },
          versions: [
            {
              name: 'v1',
              served: true,
              schema: {
                openAPIV3Schema: {
                  type: 'object',
                  description: 'dropped',
                  properties: { spec: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true }, b: { type: 'string', pattern: '^a' }, a: { type: 'integer', default: 1 } },
                },
              },
            },
            { name: 'v0', served: false },
          ],
        },
      },
    },
    { file: 'x.yaml', value: { kind: 'ConfigMap' } },
  ]);
  assert.equal(JSON.stringify(crds), JSON.stringify({
    'example.com/Widget': {
      group: 'example.com',
      kind: 'Widget',
      plural: 'widgets',
      scope: 'Namespaced',
      versions: { v1: { type: 'object', properties: { a: { type: 'integer', default: 1 }, b: { type: 'string', pattern: '^a' }, spec: { type: 'object', preserveUnknownFields: true } } } },
    },
  }));
  assert.throws(
    () => normalizeCrds([{ file: 'y.yaml', value: { kind: 'CustomResourceDefinition', spec: { group: 'g', names: { kind: 'K' }, versions: [{ name: 'v1', schema: { openAPIV3Schema: { oneOf: [] } } }] } } }]),
    (e: unknown) => e instanceof CrdShapeError && /oneOf/.test(e.message),
  );
});

test.run();
