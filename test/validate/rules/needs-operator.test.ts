import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { checkNeedsOperator } from '../../../src/validate/rules/needs-operator.js';
import { check, resolve, summary } from './support.js';

const declared = { topics: { orders: { partitions: 6 } }, connect: { p: {} }, schemaRegistry: {} };

test('RG328 is silent under the operator, which renders topics, pipelines and the registry', () => {
  assert.equal(check(checkNeedsOperator, { target: 'operator', ...declared }), []);
});

test('RG328 warns at each declaration the manifests target cannot render', () => {
  const { env, envPos } = resolve({ target: 'manifests', ...declared });
  const findings = checkNeedsOperator(env);
  assert.equal(summary(findings), [
    ['RG328', 'warning', 'topics'],
    ['RG328', 'warning', 'connect'],
    ['RG328', 'warning', 'schemaRegistry'],
  ]);
  assert.equal(findings[0]?.loc, envPos('topics'));
  assert.match(findings[1]?.message ?? '', /Connect pipeline p is not rendered/);
});

test.run();
