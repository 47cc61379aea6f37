import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { applyJsonPatch, diffJsonPatch } from '../../src/kustomize/json-patch.js';

test('a changed scalar is one replace; equal objects need no patch', () => {
  assert.equal(diffJsonPatch({ spec: { replicas: 3, image: 'x' } }, { spec: { replicas: 5, image: 'x' } }), [{ op: 'replace', path: '/spec/replicas', value: 5 }]);
  assert.equal(diffJsonPatch({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] }), []);
});

test('arrays of equal length are patched per element, others replaced whole', () => {
  assert.equal(diffJsonPatch({ ports: [{ port: 1 }, { port: 2 }] }, { ports: [{ port: 1 }, { port: 3 }] }), [{ op: 'replace', path: '/ports/1/port', value: 3 }]);
  assert.equal(diffJsonPatch({ ports: [1] }, { ports: [1, 2] }), [{ op: 'replace', path: '/ports', value: [1, 2] }]);
});

test('keys with / and ~ are escaped (RFC 6901)', () => {
  assert.equal(diffJsonPatch({ l: { 'a/b': '1', 'c~d': '2' } }, { l: { 'a/b': '3' } }), [
    { op: 'remove', path: '/l/c~0d' },
    { op: 'replace', path: '/l/a~1b', value: '3' },
  ]);
});

test('a value changing type (object → null → list) is replaced', () => {
  assert.equal(diffJsonPatch({ config: { a: 1 } }, { config: null }), [{ op: 'replace', path: '/config', value: null }]);
  assert.equal(diffJsonPatch({ config: null }, { config: [1] }), [{ op: 'replace', path: '/config', value: [1] }]);
});

const json = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, fc.string({ maxLength: 3 }), fc.integer({ min: 0, max: 3 }), fc.boolean(), fc.constant(null), tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 3 }),
  object: fc.dictionary(fc.constantFrom('a', 'b', 'a/b', 'c~d', '~1', '0', ''), tie('value'), { maxKeys: 4, noNullPrototype: true }),
})).object;

test('applying the diff of a and b to a gives exactly b, and leaves a alone (property)', () => {
  fc.assert(
    fc.property(json, json, (a, b) => {
      const before = JSON.stringify(a);
      const ops = diffJsonPatch(a, b);
      assert.equal(applyJsonPatch(a, ops), b);
      assert.is(JSON.stringify(a), before);
    }),
    { numRuns: 500 },
  );
});

test.run();
