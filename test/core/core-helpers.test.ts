import vm from 'node:vm';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { cloneJson, isPlainObject, isPlainObjectOfAnyRealm, isRecord } from '../../src/core/json.js';
import { canonicalJson, jsonEqual } from '../../src/core/json-equal.js';
import { escapePointerSegment, unescapePointerSegment } from '../../src/core/json-pointer.js';
import { apiGroup, apiVersionOnly, idOf, idOfRef, refOf } from '../../src/core/object-ref.js';
import { compareText } from '../../src/core/order.js';
import { configDurationStyle, formatDuration, retentionDurationStyle } from '../../src/core/units.js';

test('one duration formatter: weeks in config values, days for retention, each with its own zero', () => {
  assert.is(formatDuration(604_800_000), '1w');
  assert.is(formatDuration(604_800_000, configDurationStyle), '1w');
  assert.is(formatDuration(604_800_000, retentionDurationStyle), '7d');
  assert.is(formatDuration(1_209_600_000, retentionDurationStyle), '14d');
  assert.is(formatDuration(129_600_000, retentionDurationStyle), '36h');
  assert.is(formatDuration(0), '0s');
  assert.is(formatDuration(0, retentionDurationStyle), '0');
  assert.is(formatDuration(1500), '1500ms');
});

test('JSON pointer segments round-trip keys with slashes and tildes', () => {
  assert.is(escapePointerSegment('app.kubernetes.io/name'), 'app.kubernetes.io~1name');
  assert.is(escapePointerSegment('a~/b'), 'a~0~1b');
  for (const key of ['plain', 'a/b', '~1', 'x~0/y']) assert.is(unescapePointerSegment(escapePointerSegment(key)), key);
});

test('object predicates: any object, this realm\'s literals, literals of any realm', () => {
  class Box {}
  const foreign: unknown = vm.runInNewContext('({ a: 1 })');
  assert.ok(isRecord(new Box()));
  assert.not.ok(isPlainObject(new Box()));
  assert.not.ok(isPlainObjectOfAnyRealm(new Box()));
  assert.not.ok(isPlainObject(foreign));
  assert.ok(isPlainObjectOfAnyRealm(foreign));
  assert.ok(isPlainObject(Object.create(null)));
  for (const check of [isRecord, isPlainObject, isPlainObjectOfAnyRealm]) {
    assert.not.ok(check([]));
    assert.not.ok(check(null));
  }
});

test('JSON copy and equality follow what JSON would write', () => {
  assert.is(cloneJson(undefined), undefined);
  const source = { a: [1, { b: 2 }], c: undefined };
  const copy = cloneJson(source);
  assert.equal(copy, { a: [1, { b: 2 }] });
  assert.is.not(copy.a, source.a);
  assert.ok(jsonEqual({ a: 1, b: [1, 2] }, { b: [1, 2], a: 1 }));
  assert.ok(jsonEqual({ a: 1, gone: undefined }, { a: 1 }));
  assert.ok(jsonEqual([undefined], [null]));
  assert.not.ok(jsonEqual({ a: 1 }, { a: '1' }));
  assert.is(canonicalJson({ b: 1, a: [Number.NaN] }), '{"a":[null],"b":1}');
});

test('object identity ignores the version and names the core group ""', () => {
  assert.is(apiGroup('v1'), '');
  assert.is(apiGroup('apps/v1'), 'apps');
  assert.is(apiVersionOnly('apps/v1'), 'v1');
  assert.is(apiVersionOnly('v1'), 'v1');
  const obj = { apiVersion: 'rivven.hupe1980.github.io/v1alpha1', kind: 'RivvenTopic', metadata: { name: 'orders', namespace: 'prod' } };
  assert.is(idOf(obj), 'rivven.hupe1980.github.io/RivvenTopic/prod/orders');
  assert.is(idOf(obj), idOfRef(refOf(obj)));
  assert.is(idOf({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'prod' } }), '/Namespace//prod');
});

test('text order is code-unit order, not the locale\'s', () => {
  assert.equal(['b', 'B', 'a', 'ä', 'A'].sort(compareText), ['A', 'B', 'a', 'b', 'ä']);
  assert.is(compareText('x', 'x'), 0);
});

test.run();
