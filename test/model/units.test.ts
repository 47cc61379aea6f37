import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { formatDuration, isCron, parseDuration, parseQuantity, parseSize } from '../../src/model/units.js';

test('durations parse to milliseconds and format back', () => {
  assert.is(parseDuration('7d'), 604_800_000);
  assert.is(parseDuration('1h30m'), 5_400_000);
  assert.is(parseDuration('500ms'), 500);
  assert.is(parseDuration('7 days'), undefined);
  assert.is(parseDuration(-1), undefined);
  assert.is(formatDuration(604_800_000), '1w');
  assert.is(formatDuration(86_400_000), '1d');
});

test('quantities and sizes follow Kubernetes suffixes', () => {
  assert.is(parseQuantity('500m'), 0.5);
  assert.is(parseQuantity('1Gi'), 2 ** 30);
  assert.is(parseQuantity('1e3'), 1000);
  assert.is(parseQuantity('1GB'), undefined);
  assert.is(parseSize('1.5'), undefined);
  assert.is(parseSize('100Gi'), 100 * 2 ** 30);
});

test('cron accepts five fields and macros, refuses the rest', () => {
  assert.ok(isCron('0 2 * * *'));
  assert.ok(isCron('*/15 0-6 1,15 JAN-MAR MON-FRI'));
  assert.ok(isCron('@daily'));
  assert.not.ok(isCron('0 2 * *'));
  assert.not.ok(isCron('61 2 * * *'));
  assert.not.ok(isCron('0 25 * * *'));
});

test.run();
