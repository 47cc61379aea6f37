import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { applyJsonPatch, diffJsonPatch } from '../../src/kustomize/json-patch.js';
import type { JsonPatchOperation } from '../../src/kustomize/json-patch.js';
import { cloneJson } from '../../src/core/json.js';
import { jsonEqual } from '../../src/core/json-equal.js';
import { escapePointerSegment } from '../../src/core/json-pointer.js';

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

/** The definition diffJsonPatch keeps: ask jsonEqual at every level, recurse where it says different. */
function referenceDiff(from: unknown, to: unknown, path: string, ops: JsonPatchOperation[]): void {
  if (jsonEqual(from, to)) return;
  const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
  const keys = (v: Record<string, unknown>) => Object.keys(v).filter((k) => v[k] !== undefined).sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
  if (isRecord(from) && isRecord(to)) {
    for (const key of keys(from)) if (!keys(to).includes(key)) ops.push({ op: 'remove', path: `${path}/${escapePointerSegment(key)}` });
    for (const key of keys(to)) {
      const child = `${path}/${escapePointerSegment(key)}`;
      if (keys(from).includes(key)) referenceDiff(from[key], to[key], child, ops);
      else ops.push({ op: 'add', path: child, value: cloneJson(to[key]) });
    }
    return;
  }
  if (Array.isArray(from) && Array.isArray(to) && from.length === to.length) {
    to.forEach((item, i) => referenceDiff(from[i], item, `${path}/${i}`, ops));
    return;
  }
  ops.push({ op: 'replace', path, value: cloneJson(to) });
}

/** The outcome of a diff: its operations, or the error it threw. */
function outcome(diff: () => JsonPatchOperation[]): unknown {
  try {
    return diff();
  } catch (error) {
    return `threw ${String(error)}`;
  }
}

/** Instances that differ in their own members but not as JSON. */
class Tagged {
  constructor(readonly label: string) {}
  toJSON(): string {
    return 'tagged';
  }
}

// Everything jsonEqual treats specially: undefined members and items, NaN, -0, a Date and a class
// instance (toJSON), a function (dropped), array-index and `__proto__` keys.
const tricky = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom('', 'x', 1, 0, -0, Number.NaN, true, null, undefined, new Date(0), '1970-01-01T00:00:00.000Z', () => 1, new Tagged('a'), new Tagged('b')),
    tie('array'),
    tie('object'),
  ),
  array: fc.array(tie('value'), { maxLength: 3 }),
  object: fc.dictionary(fc.constantFrom('a', 'b', 'a/b', '~1', '0', '__proto__'), tie('value'), { maxKeys: 3, noNullPrototype: true }),
})).object;

/**
 * A near twin of a value: keys in reverse order, and per the dice, members swapped for ones equal as
 * JSON (undefined and null items, NaN and null, a Date and its string, a function and undefined, two
 * Tagged) or for a different value.
 */
function twin(value: unknown, dice: () => number, inArray = false, root = false): unknown {
  const roll = dice();
  if (roll === 0 && !root) return 'changed';
  if (Array.isArray(value)) return value.map((item) => twin(item, dice, true));
  if (value instanceof Date) return roll === 1 ? value.toISOString() : value;
  if (value instanceof Tagged) return roll === 1 ? new Tagged(`${value.label}!`) : value;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).reverse()) {
      Object.defineProperty(out, key, { value: twin(Reflect.get(value, key), dice), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  if (roll !== 1) return value;
  if (value === undefined || typeof value === 'function') return inArray ? null : undefined;
  if (value === null || Number.isNaN(value)) return inArray && value === null ? undefined : null;
  return value;
}

test('diffJsonPatch gives exactly the operations of the reference diff, keys in any order (property)', () => {
  fc.assert(
    fc.property(tricky, tricky, fc.array(fc.nat(3), { minLength: 40, maxLength: 40 }), (a, b, rolls) => {
      let next = 0;
      const dice = () => rolls[next++ % rolls.length] ?? 2;
      for (const [from, to] of [[a, b], [a, twin(a, dice, false, true)], [a, twin(b, dice, false, true)]] as const) {
        assert.equal(
          outcome(() => diffJsonPatch(from, to)),
          outcome(() => {
            const ops: JsonPatchOperation[] = [];
            referenceDiff(from, to, '', ops);
            return ops;
          }),
        );
      }
    }),
    { numRuns: 3000 },
  );
});

test('applying a patch copies only what it changes: shared and untouched nodes of the original stay as they were', () => {
  const labels = { app: 'rivven' };
  const doc = { metadata: { labels, annotations: { a: '1' } }, spec: { template: { metadata: { labels } } }, list: [{ x: 1 }, { x: 2 }] };
  const before = JSON.stringify(doc);
  const patched = applyJsonPatch(doc, [
    { op: 'replace', path: '/metadata/labels/app', value: 'other' },
    { op: 'add', path: '/list/1/y', value: { deep: true } },
    { op: 'remove', path: '/metadata/annotations/a' },
  ]);
  assert.is(JSON.stringify(doc), before);
  assert.equal(patched, { metadata: { labels: { app: 'other' }, annotations: {} }, spec: { template: { metadata: { labels: { app: 'rivven' } } } }, list: [{ x: 1 }, { x: 2, y: { deep: true } }] });
  assert.throws(() => applyJsonPatch(doc, [{ op: 'replace', path: '/spec/missing/x', value: 1 }]), /does not exist/);
  assert.throws(() => applyJsonPatch(doc, [{ op: 'remove', path: '/metadata/nothing' }]), /missing/);
});

test.run();
