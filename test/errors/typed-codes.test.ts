import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { catalog, codeInfo, finding, formatMessage, isCode } from '../../src/errors/catalog.js';
import { dangerCodes } from '../../src/errors/codes/diff.js';

test('finding() accepts only catalogued codes (tsc checks the expected errors below)', () => {
  // @ts-expect-error RG000 is not a catalogued code
  const made = () => finding('RG000', { path: 'x', message: 'm' });
  assert.type(made, 'function');
  assert.is(isCode('RG000'), false);
  assert.is(codeInfo('RG000'), undefined);
  assert.is(isCode('RG110'), true);
  assert.is(codeInfo('RG301')?.title, catalog.RG301.title);
});

test('a code whose message is worded in the catalog takes its values, never a message of its own', () => {
  // @ts-expect-error RG110 is worded in the catalog: it takes params, not a message
  const reworded = () => finding('RG110', { path: 'qa', message: 'Unknown environment "qa".' });
  assert.type(reworded, 'function');
  const f = finding('RG110', { path: 'qa', params: { name: 'qa', known: ['prod', 'dev'] } });
  assert.is(f.message, "There is no environment 'qa': found dev, prod.");
  assert.is(f.hint, catalog.RG110.hint);
  assert.is(formatMessage('RG110', { name: 'qa', known: [] }), "There is no environment 'qa': environments/ holds no environment files.");
  assert.is(formatMessage('RG110', { name: 'qa', known: ['dev', 'prod'], fleet: true }), 'Unknown environment "qa"; the fleet has dev, prod.');
});

test('the dangerous-change codes are the diff codes flagged danger: RG700 to RG717, not the source errors', () => {
  assert.equal(dangerCodes, Array.from({ length: 18 }, (_, i) => `RG${700 + i}`));
});

test.run();
