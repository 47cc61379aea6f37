import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { describeCronProblem, formatDuration, isCron, parseDuration, parseQuantity, parseSize } from '../../src/core/units.js';

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

test('describeCronProblem names the field, its range and the value that is wrong', () => {
  assert.is(describeCronProblem('0 2 * * *'), undefined);
  assert.is(describeCronProblem('@daily'), undefined);
  assert.is(describeCronProblem('0 25 * * *'), 'the hour (2nd field) must be 0-23, got 25');
  assert.is(describeCronProblem('61 * * * *'), 'the minute (1st field) must be 0-59, got 61');
  assert.is(describeCronProblem('0 0 32 * *'), 'the day of the month (3rd field) must be 1-31, got 32');
  assert.is(describeCronProblem('0 0 * 13 *'), 'the month (4th field) must be 1-12 or JAN-DEC, got 13');
  assert.is(describeCronProblem('0 0 * * FUN'), 'the day of the week (5th field) must be 0-7 or SUN-SAT, got FUN');
  assert.is(describeCronProblem('*/0 * * * *'), 'the minute (1st field) has the step /0: a step must be 1-59');
  assert.is(describeCronProblem('0 5-2 * * *'), 'the hour (2nd field) has the range 5-2, which runs backwards');
  assert.is(describeCronProblem('* * * *'), 'it has 4 fields, expected 5 (minute hour day-of-month month day-of-week)');
  assert.is(describeCronProblem('@fortnightly'), 'the macro @fortnightly is unknown (known: @yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly)');
  assert.is(describeCronProblem(''), 'it is empty');
});

test.run();
