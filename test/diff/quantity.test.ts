/** Quantities compare by value, only in fields that hold quantities. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compareQuantities, isQuantityField, quantitiesEqual } from '../../src/diff/quantity.js';

test('equal values in different spellings', () => {
  assert.ok(quantitiesEqual('1000m', '1'));
  assert.ok(quantitiesEqual('1', 1));
  assert.ok(quantitiesEqual('1Gi', '1024Mi'));
  assert.ok(quantitiesEqual('0.5', '500m'));
  assert.ok(quantitiesEqual('1e3', '1k'));
  assert.ok(quantitiesEqual('100m', '0.1'));
  assert.not.ok(quantitiesEqual('1G', '1Gi'));
  assert.not.ok(quantitiesEqual('2Gi', '1Gi'));
  assert.not.ok(quantitiesEqual('fast', 'fast'));
});

test('ordering by value', () => {
  assert.ok((compareQuantities('500Gi', '100Gi') ?? 0) > 0);
  assert.ok((compareQuantities('1Ti', '1024Gi') ?? 1) === 0);
  assert.is(compareQuantities('x', '1Gi'), undefined);
});

test('which fields hold quantities', () => {
  assert.ok(isQuantityField(['spec', 'template', 'spec', 'containers', '[]', 'resources', 'limits', 'cpu']));
  assert.ok(isQuantityField(['spec', 'volumeClaimTemplates', '[]', 'spec', 'resources', 'requests', 'storage']));
  assert.ok(isQuantityField(['spec', 'storage', 'size']));
  assert.ok(isQuantityField(['spec', 'template', 'spec', 'volumes', '[]', 'emptyDir', 'sizeLimit']));
  assert.not.ok(isQuantityField(['spec', 'replicas']));
  assert.not.ok(isQuantityField(['metadata', 'labels', 'size']));
});

test.run();
