import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { canonicalJson, jsonEqual } from '../../src/core/json-equal.js';

/** The definition the fast paths must keep: JSON.stringify with every object's keys sorted. */
function reference(value: unknown): string | undefined {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    const sorted: Record<string, unknown> = {};
    for (const [k, child] of Object.entries(v).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))) {
      Object.defineProperty(sorted, k, { value: child, enumerable: true });
    }
    return sorted;
  });
}

const scalar = fc.oneof(
  fc.string({ maxLength: 3 }),
  fc.constantFrom('10', '2', '__proto__', 'a/b'),
  fc.integer({ min: -2, max: 2 }),
  fc.constantFrom(0.5, -0, Number.NaN, Number.POSITIVE_INFINITY),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.constant(new Date(0)),
);
const key = fc.oneof(fc.string({ maxLength: 2 }), fc.constantFrom('10', '2', '__proto__'));
const json = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, scalar, tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 3 }),
  object: fc.array(fc.tuple(key, tie('value')), { maxLength: 4 }).map((entries) => {
    const out: Record<string, unknown> = {};
    for (const [k, v] of entries) Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
    return out;
  }),
})).value;

test('canonicalJson judges equality exactly as sorted JSON.stringify does', () => {
  fc.assert(
    fc.property(json, json, (a, b) => {
      assert.is(canonicalJson(a) === canonicalJson(b), reference(a) === reference(b));
    }),
    { numRuns: 3000 },
  );
});

test('jsonEqual agrees with comparing canonical JSON, also for near-equal pairs', () => {
  fc.assert(
    fc.property(json, json, (a, b) => {
      assert.is(jsonEqual(a, b), reference(a) === reference(b));
      // A copy through JSON (keys re-inserted, Dates turned into strings) is equal to the original.
      const copy: unknown = a === undefined ? undefined : JSON.parse(JSON.stringify(a));
      assert.ok(jsonEqual(a, copy));
    }),
    { numRuns: 3000 },
  );
  assert.ok(jsonEqual({ a: 1, b: [1, { c: undefined }] }, { b: [1, {}], a: 1 }));
  assert.ok(jsonEqual({ when: new Date(0) }, { when: '1970-01-01T00:00:00.000Z' }));
  assert.ok(jsonEqual([undefined, Number.NaN], [null, null]));
  assert.not.ok(jsonEqual({ a: 1 }, { a: 1, b: 2 }));
  assert.not.ok(jsonEqual({ a: [] }, { a: {} }));
});

test.run();
