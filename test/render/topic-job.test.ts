import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { findTopicJobIssues, renderTopicJob } from '../../src/render/topic-job.js';
import { annotateForArgoCd } from '../../src/render/argocd-annotations.js';
import { findUnappliedTopicSettings } from '../../src/validate/unapplied-topic-settings.js';
import type { UserConfig } from '../../src/model/types.js';
import { resolvedEnvironment } from '../support/resolved.js';
import { validateBuiltin } from '../support/k8s-schema.js';

const base: UserConfig = {
  project: 'p',
  target: 'manifests',
  namespace: 'rivven-prod',
  cluster: { name: 'main', replicas: 3, auth: { enabled: false } },
  topics: { orders: { partitions: 12, retention: '3d' }, "it's": { partitions: 1 } },
  topicJob: { image: 'registry.example/rivven-cli:0.0.22' },
};

function script(config: UserConfig): string {
  const [job] = renderTopicJob(resolvedEnvironment(config, 'prod'));
  assert.ok(job);
  assert.equal(validateBuiltin(job), []);
  const containers = (job as unknown as { spec: { template: { spec: { containers: { command: string[] }[] } } } }).spec.template.spec.containers;
  return containers[0]?.command[2] ?? '';
}

test('a declared CLI image gives an idempotent PostSync Job creating each topic with its partitions', () => {
  const env = resolvedEnvironment(base, 'prod');
  const [job] = annotateForArgoCd(renderTopicJob(env), env);
  assert.is(job?.metadata.annotations?.['argocd.argoproj.io/hook'], 'PostSync');
  assert.is(job?.metadata.annotations?.['argocd.argoproj.io/hook-delete-policy'], 'BeforeHookCreation');
  const text = script(base);
  assert.match(text, "server='rivven-main.rivven-prod.svc:9092'");
  assert.match(text, `rivven topic info 'orders' -s "$server" >/dev/null 2>&1 || rivven topic create 'orders' -p 12 -s "$server"`);
  // Quoting holds for any name.
  assert.match(text, `rivven topic create 'it'\\''s' -p 1`);
});

test('partitions count as applied with the Job; everything else is still RG425', () => {
  const orders = findUnappliedTopicSettings(resolvedEnvironment(base, 'prod').config).find((u) => u.topic === 'orders');
  assert.equal(orders?.settings.map((s) => s.setting), ['retention', 'deleteOnRemove']);
  const without = findUnappliedTopicSettings(resolvedEnvironment({ ...base, topicJob: undefined }, 'prod').config);
  assert.ok(without.find((u) => u.topic === 'orders')?.settings.some((s) => s.setting === 'partitions'));
});

test('RG428: no Job when the broker requires auth (the CLI cannot log in), nor under the operator', () => {
  const authOn = resolvedEnvironment({ ...base, cluster: { name: 'main', replicas: 3, clusterAuthToken: { secretName: 't', key: 'k' } } }, 'prod');
  assert.equal(renderTopicJob(authOn), []);
  assert.equal(findTopicJobIssues(authOn).map((f) => [f.code, f.severity]), [['RG428', 'error']]);
  const operator = resolvedEnvironment({ ...base, target: 'operator' }, 'prod');
  assert.equal(renderTopicJob(operator), []);
  assert.equal(findTopicJobIssues(operator).map((f) => [f.code, f.severity]), [['RG428', 'warning']]);
  assert.equal(findTopicJobIssues(resolvedEnvironment({ ...base, topicJob: undefined }, 'prod')), []);
});

test.run();
