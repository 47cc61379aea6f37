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

test('RG328 on topics claims no auto-creation the fact table does not confirm at 0.0.22, and advises no operator', () => {
  const [topics, ...others] = checkNeedsOperator(resolve({ target: 'manifests', ...declared }).env);
  const message = topics?.message ?? '';
  assert.not.match(message, /rivvend creates topics/);
  // The fact table read auto-creation only in a commit after the tag: the message says exactly that.
  assert.match(message, /not confirmed/);
  assert.match(message, /crates\/rivvend\/src\/handler\/produce\.rs:48-58 \(a commit after v0\.0\.22\)/);
  const hint = topics?.hint ?? '';
  assert.match(hint, /topicJob: \{ image \}/);
  assert.match(hint, /rivven topic create/);
  for (const f of [topics, ...others]) assert.not.match(f?.hint ?? '', /target "operator"/, f?.path);
});

test('RG328 is silent about topics the topic Job creates (topicJob with auth off), and still warns when the Job cannot run', () => {
  const job = { target: 'manifests', topics: { orders: {} }, topicJob: { image: 'registry.example.com/rivven-cli:0.0.22' } };
  assert.equal(check(checkNeedsOperator, { ...job, cluster: { auth: { enabled: false } } }), []);
  assert.equal(summary(check(checkNeedsOperator, job)), [['RG328', 'warning', 'topics']]);
});

test.run();
