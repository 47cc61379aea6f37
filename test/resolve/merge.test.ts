import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { mergeLayers, type MergeLayer } from '../../src/resolve/merge.js';
import { pathKey } from '../../src/core/path.js';
import { valueAt } from '../../src/resolve/value-at.js';
import { positionsOf } from './support/loaded.js';

const base = (value: unknown): MergeLayer => ({ layer: 'base', file: 'rivven.config.ts', value, positions: positionsOf('rivven.config.ts', value) });
const env = (value: unknown): MergeLayer => ({ layer: 'environment', file: 'environments/prod.ts', value, positions: positionsOf('environments/prod.ts', value) });
const merge = (...values: unknown[]) => mergeLayers(values.map((v, i) => (i === 0 ? base(v) : env(v))));

test('objects merge deeply: untouched keys of the base survive', () => {
  const { value, findings } = merge(
    { cluster: { replicas: 3, storage: { size: '100Gi', accessModes: ['ReadWriteOnce'] } } },
    { cluster: { storage: { storageClassName: 'premium-ssd' } } },
  );
  assert.equal(findings, []);
  assert.equal(value, { cluster: { replicas: 3, storage: { size: '100Gi', accessModes: ['ReadWriteOnce'], storageClassName: 'premium-ssd' } } });
});

test('named collections merge by key: an environment changes one topic and adds another', () => {
  const { value } = merge(
    { topics: { orders: { partitions: 12, retention: '7d' }, audit: { partitions: 1 } } },
    { topics: { orders: { partitions: 24 }, debug: { partitions: 1 } } },
  );
  assert.equal(value, { topics: { orders: { partitions: 24, retention: '7d' }, audit: { partitions: 1 }, debug: { partitions: 1 } } });
});

test('null removes the key and everything under it', () => {
  const { value } = merge({ topics: { orders: { partitions: 12 }, debug: { partitions: 1, acls: [{ principal: 'x' }] } }, backup: { method: 'velero' } }, { topics: { debug: null }, backup: null });
  assert.equal(value, { topics: { orders: { partitions: 12 } } });
});

test('null for a key nobody set is not an error and leaves nothing behind', () => {
  const { value, findings } = merge({ cluster: { replicas: 3 } }, { schemaRegistry: null, cluster: { tls: null } });
  assert.equal(findings, []);
  assert.equal(value, { cluster: { replicas: 3 } });
});

test('null inside an object the environment adds means "not set"', () => {
  const { value } = merge({}, { schemaRegistry: { replicas: 2, auth: null } });
  assert.equal(value, { schemaRegistry: { replicas: 2 } });
});

test('arrays replace as a whole, they are not merged element by element', () => {
  const { value } = merge({ topics: { t: { acls: [{ principal: 'a' }, { principal: 'b' }] } } }, { topics: { t: { acls: [{ principal: 'c' }] } } });
  assert.equal(value, { topics: { t: { acls: [{ principal: 'c' }] } } });
});

test('inside an array, null is data and stays for the schema to judge', () => {
  const { value } = merge({ list: [1, null, { a: null }] });
  assert.equal(value, { list: [1, null, { a: null }] });
});

test('scalars replace; a scalar can replace an object and an object a scalar', () => {
  const { value } = merge({ a: 1, b: { deep: true }, c: 'text' }, { a: 2, b: 'flat', c: { now: 'object' } });
  assert.equal(value, { a: 2, b: 'flat', c: { now: 'object' } });
});

test('a key written as undefined neither sets nor removes', () => {
  const { value } = merge({ cluster: { replicas: 3 } }, { cluster: { replicas: undefined } });
  assert.equal(value, { cluster: { replicas: 3 } });
});

test('the layers are never modified and the result shares no structure with them', () => {
  const b = { topics: { orders: { acls: [{ principal: 'a' }] } } };
  const e = { topics: { orders: { partitions: 3 } } };
  const before = JSON.stringify([b, e]);
  const { value } = merge(b, e);
  assert.is(JSON.stringify([b, e]), before);
  assert.is.not(valueAt(value, ['topics']), b.topics);
  assert.is.not(valueAt(value, ['topics', 'orders', 'acls']), b.topics.orders.acls);
  assert.is.not(valueAt(value, ['topics', 'orders', 'acls', 0]), b.topics.orders.acls[0]);
});

test('values that are not data (class instances, Object.create, functions, NaN) are refused with RG203 and left out', () => {
  const inherited: unknown = Object.create({ replicas: 9 });
  const { value, findings } = mergeLayers([base({ at: { x: 1 }, cluster: { replicas: 3 } }), env({ at: new Date(0), cluster: inherited, config: { f: () => 1, n: Number.NaN, list: [1, undefined] } })]);
  assert.equal(value, { at: { x: 1 }, cluster: { replicas: 3 }, config: { list: [1] } });
  assert.equal(
    findings.map((f) => [f.code, f.path]),
    [
      ['RG203', 'at'],
      ['RG203', 'cluster'],
      ['RG203', 'config.f'],
      ['RG203', 'config.n'],
      ['RG203', 'config.list[1]'],
    ],
  );
  assert.match(findings[0]?.message ?? '', 'at in environments/prod.ts is a Date');
  assert.match(findings[1]?.message ?? '', 'a prototype of its own');
});

test('a value nested deeper than the limit is refused with RG208 instead of merged for minutes', () => {
  let deep: unknown = 'x';
  for (let i = 0; i < 3000; i += 1) deep = [deep];
  const layers = [base({}), env({ config: { deep } })];
  const started = Date.now();
  const { findings } = mergeLayers(layers);
  assert.ok(Date.now() - started < 1000, `took ${Date.now() - started} ms`);
  assert.equal(findings.map((f) => f.code), ['RG208']);
  assert.match(findings[0]?.message ?? '', 'is nested more than 64 levels deep');
});

test('forbidden keys are refused with RG201 at the key, and the rest still merges', () => {
  const overlay: unknown = JSON.parse('{"cluster":{"replicas":5,"__proto__":{"admin":true}},"constructor":{"x":1},"topics":{"t":{"acls":[{"prototype":1,"principal":"p"}]}}}');
  const layer = env(overlay);
  const { value, findings } = mergeLayers([base({ cluster: { replicas: 3 } }), layer]);
  assert.equal(value, { cluster: { replicas: 5 }, topics: { t: { acls: [{ principal: 'p' }] } } });
  assert.equal(
    findings.map((f) => [f.code, f.path, f.loc]),
    [
      ['RG201', 'cluster.__proto__', layer.positions.get(pathKey(['cluster', '__proto__']))],
      ['RG201', 'constructor', layer.positions.get(pathKey(['constructor']))],
      ['RG201', 'topics.t.acls[0].prototype', layer.positions.get(pathKey(['topics', 't', 'acls', 0, 'prototype']))],
    ],
  );
  assert.ok(findings.every((f) => f.severity === 'error' && f.message.includes('environments/prod.ts')));
});

test('a value that contains itself is reported (RG209) instead of looping forever', () => {
  const cyclic: Record<string, unknown> = { replicas: 3 };
  cyclic['self'] = cyclic;
  const { value, findings } = merge({ cluster: cyclic });
  assert.equal(findings.map((f) => [f.code, f.path]), [['RG209', 'cluster.self']]);
  assert.equal(value, { cluster: { replicas: 3 } });
});

test('a value shared by two keys (no cycle) merges normally', () => {
  const shared = { partitions: 3 };
  const { value, findings } = merge({ topics: { a: shared, b: shared } });
  assert.equal(findings, []);
  assert.equal(value, { topics: { a: { partitions: 3 }, b: { partitions: 3 } } });
});

// ---- properties ---------------------------------------------------------------------------------

/**
 * Values whose every key has a fixed kind (o* objects, a* arrays, s* scalars), as a config written
 * against one schema has: for those, merging is associative.
 */
const scalar = fc.oneof(fc.integer({ min: -5, max: 5 }), fc.constantFrom('x', 'y', '7d'), fc.boolean());
const { tree } = fc.letrec<{ tree: Record<string, unknown> }>((tie) => ({
  tree: fc.record(
    {
      sa: scalar,
      sb: scalar,
      aa: fc.array(scalar, { maxLength: 3 }),
      oa: tie('tree'),
      ob: tie('tree'),
    },
    { requiredKeys: [], noNullPrototype: true },
  ),
}));
/** The same shape where any key may be null (remove). */
const { overlay } = fc.letrec<{ overlay: Record<string, unknown> }>((tie) => ({
  overlay: fc.record(
    {
      sa: fc.oneof(scalar, fc.constant(null)),
      sb: scalar,
      aa: fc.oneof(fc.array(scalar, { maxLength: 3 }), fc.constant(null)),
      oa: fc.oneof(tie('overlay'), fc.constant(null)),
      ob: tie('overlay'),
    },
    { requiredKeys: [], noNullPrototype: true },
  ),
}));

const limited = { numRuns: 200 };

test('property: merging with an empty overlay is the identity', () => {
  fc.assert(
    fc.property(tree, (a) => {
      assert.equal(merge(a, {}).value, a);
      assert.equal(merge({}, a).value, a);
      assert.equal(merge(a).value, a);
    }),
    limited,
  );
});

test('property: merging is associative for values of one shape', () => {
  fc.assert(
    fc.property(tree, tree, tree, (a, b, c) => {
      const left = merge(merge(a, b).value, c).value;
      const right = merge(a, merge(b, c).value).value;
      assert.equal(left, right);
    }),
    limited,
  );
});

test('property: merging a value onto itself changes nothing', () => {
  fc.assert(fc.property(tree, (a) => assert.equal(merge(a, a).value, a)), limited);
});

test('property: the overlay wins for every scalar and array it sets; null removes; other base keys survive', () => {
  fc.assert(
    fc.property(tree, overlay, (a, o) => {
      const result = merge(a, o).value;
      const keysOf = (v: unknown): string[] => (v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.keys(v) : []);
      const check = (r: unknown, b: unknown, ov: unknown): void => {
        for (const key of new Set([...keysOf(b), ...keysOf(ov)])) {
          const o = valueAt(ov, [key]);
          if (o === null) assert.not.ok(keysOf(r).includes(key), `${key} removed`);
          else if (!keysOf(ov).includes(key)) assert.equal(valueAt(r, [key]), valueAt(b, [key]));
          else if (key.startsWith('o')) check(valueAt(r, [key]), valueAt(b, [key]), o);
          else assert.equal(valueAt(r, [key]), o);
        }
      };
      check(result, a, o);
    }),
    limited,
  );
});

/** JSON text with arbitrary keys, including the dangerous ones, parsed the way a JSON config would be. */
const dangerousKey = fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype', 'polluted', 'toString', 'hasOwnProperty'), fc.string({ maxLength: 4 }));
const { json } = fc.letrec<{ json: string }>((tie) => ({
  json: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.oneof(fc.integer(), fc.constant('null'), fc.constant('true')).map(String),
    fc.array(fc.tuple(dangerousKey, tie('json')), { maxLength: 4 }).map((entries) => `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`),
    fc.array(tie('json'), { maxLength: 3 }).map((items) => `[${items.join(',')}]`),
  ),
}));

function keysEverywhere(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v: unknown) => keysEverywhere(v, out));
  else if (value !== null && typeof value === 'object') {
    assert.is(Object.getPrototypeOf(value), Object.prototype, 'merged objects are ordinary objects');
    for (const key of Object.keys(value)) {
      out.push(key);
      keysEverywhere(Object.getOwnPropertyDescriptor(value, key)?.value, out);
    }
  }
  return out;
}

test('property: no input reaches Object.prototype, and no forbidden key survives anywhere', () => {
  const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();
  fc.assert(
    fc.property(json, json, (a, b) => {
      const left: unknown = JSON.parse(`{"x":${a}}`);
      const right: unknown = JSON.parse(`{"x":${b},"__proto__":{"polluted":1}}`);
      const { value, findings } = merge(left, right);
      assert.equal(Object.getOwnPropertyNames(Object.prototype).sort(), prototypeKeys);
      assert.not.ok('polluted' in {});
      const keys = keysEverywhere(value);
      assert.not.ok(keys.some((k) => k === '__proto__' || k === 'constructor' || k === 'prototype'));
      assert.ok(findings.some((f) => f.code === 'RG201' && f.path === '__proto__'));
    }),
    { numRuns: 300 },
  );
  assert.not.ok('polluted' in {});
});

test.run();
