import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { resolvedEnvironment } from './resolved.js';

test('topics take topicDefaults, then the CRD defaults', () => {
  const env = resolvedEnvironment(
    { topicDefaults: { replicationFactor: 3 }, topics: { orders: { partitions: 12, retention: '3d' }, audit: {} } },
    'prod',
  );
  assert.is(env.config.namespace, 'rivven-prod');
  assert.is(env.config.topics['orders']?.partitions, 12);
  assert.is(env.config.topics['orders']?.replicationFactor, 3);
  assert.is(env.config.topics['orders']?.retention, 3 * 86_400_000);
  assert.is(env.config.topics['audit']?.partitions, 3);
  assert.is(env.config.topics['audit']?.deleteOnRemove, true);
  assert.is(env.config.cluster.name, 'main');
});

test.run();
