import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { toYaml, toYamlThroughLibrary } from '../../src/kustomize/yaml-writer.js';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileProject } from '../../src/compile.js';
import { randomFleet } from './random-fleet.js';

// toYaml writes plain data itself and leaves the rest to the `yaml` library; both must give the same bytes.

const tricky = fc.constantFrom(
  '', ' ', 'a', 'on', 'No', '~', 'null', '0777', '1e3', '.5', '1:20', '2024-01-01', '- a', '-', '?', ': x', 'a: b', 'a:', 'a #b', '#x',
  '*x', '&a', '!t', '|', '>', "'q'", '"q"', '%x', '@x', '`x', '---', '--- x', '...', 'a\tb', '\ttab', 'tab\t', 'x\u0085y', 'é', '𝄞',
  'a\nb', 'a\nb\n', 'a\n\nb\n', 'a\nb\n\n', ' a\nb', '\na', 'a \nb', 'a\n b', 'a\nb ', 'a\n---\nb\n', 'x\r\ny', 'k8s.io/name', '$1:9094',
  '{a}', '[a]', 'a,b', 'https://x.y/z?q=1#f', '*.svc', 'on\noff', 'a'.repeat(1100),
);
const text = fc.oneof(tricky, fc.string({ maxLength: 6 }), fc.stringMatching(/^[a-z0-9 .:#\-\n]{0,8}$/));
const scalar = fc.oneof(text, fc.integer(), fc.double({ noNaN: false }), fc.boolean(), fc.constant(null), fc.constant(undefined));
const value = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: 'small' }, scalar, tie('list'), tie('map')),
  list: fc.array(tie('node'), { maxLength: 3 }),
  map: fc.dictionary(fc.oneof(text, fc.constantFrom('apiVersion', 'kind', 'metadata', 'name', 'namespace')), tie('node'), { maxKeys: 4 }),
})).node;

test('toYaml and the library write the same bytes for any data', () => {
  fc.assert(
    fc.property(fc.oneof(fc.dictionary(fc.oneof(text, fc.constantFrom('metadata', 'spec')), value, { maxKeys: 5 }), fc.array(value, { maxLength: 4 })), (doc) => {
      assert.is(toYaml(doc), toYamlThroughLibrary(doc));
    }),
    { numRuns: 5000 },
  );
});

test('toYaml and the library write the same bytes for every rendered object of the example fleet', async () => {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
  const fleet = (await compileProject({ root, typecheck: false })).render;
  let objects = 0;
  for (const env of fleet.environments) {
    for (const obj of env.objects) {
      assert.is(toYaml(obj), toYamlThroughLibrary(obj), `${env.name} ${obj.kind}/${obj.metadata.name}`);
      objects += 1;
    }
  }
  assert.ok(objects > 50);
  const kustomization = { apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', resources: ['../../base', 'a.yaml'], patches: [] };
  assert.is(toYaml(kustomization, { keyOrder: ['apiVersion', 'kind', 'resources'] }), toYamlThroughLibrary(kustomization, { keyOrder: ['apiVersion', 'kind', 'resources'] }));
});

test('toYaml and the library write the same bytes for random fleets', () => {
  fc.assert(
    fc.property(randomFleet(), (fleet) => {
      for (const obj of fleet.environments.flatMap((e) => e.objects)) assert.is(toYaml(obj), toYamlThroughLibrary(obj));
    }),
    { numRuns: 100 },
  );
});

test('nesting deeper than the direct writer goes is written by the library, the same way', () => {
  let deep: unknown = 'leaf';
  for (let i = 0; i < 150; i += 1) deep = i % 2 === 0 ? { [`k${i}`]: deep } : [deep];
  const text = toYaml({ deep });
  assert.is(text, toYamlThroughLibrary({ deep }));
  assert.ok(text.includes('k148:'));
});

test('a string is written the same wherever and however often it occurs', () => {
  // Strings are remembered across calls: the first use must not decide for a later one elsewhere.
  for (const value of ['on', 'a: b', 'plain', '0777', 'x #y']) {
    const doc = { [value]: [value, { [value]: value }], k: value };
    assert.is(toYaml(doc), toYamlThroughLibrary(doc));
    assert.is(toYaml(doc), toYamlThroughLibrary(doc));
  }
});

test('a cycle or a class instance is still refused', () => {
  const cyclic: Record<string, unknown> = { a: 1 };
  cyclic['self'] = cyclic;
  assert.throws(() => toYaml(cyclic), /cyclic/);
  assert.throws(() => toYaml({ when: new Date(0) }), /Date/);
});

test.run();
