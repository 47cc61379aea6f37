/** RG830–RG834: Rivven data safety over the resolved topics. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { topicReplication } from '../../../src/check/rules/topic-replication.js';
import { topicMinInsync } from '../../../src/check/rules/topic-min-insync.js';
import { topicDeleteOnRemove } from '../../../src/check/rules/topic-delete-on-remove.js';
import { capacityOverflow } from '../../../src/check/rules/capacity-overflow.js';
import { capacityUnbounded } from '../../../src/check/rules/capacity-unbounded.js';
import { assertOne, paths, prod, productionBase, run } from '../support.js';

// RG830
test('RG830 passes for topics and the schema storage topic replicated three times', () => {
  assert.equal(run(topicReplication, prod()), []);
});

test('RG830 fails for a topic replicated twice, and points at topicDefaults when that set it', () => {
  const f = prod({ topics: { orders: { replicationFactor: 2 } } });
  assertOne(run(topicReplication, f), 'topics.orders.replicationFactor', f.envPos('topics', 'orders', 'replicationFactor'), /replicationFactor 2: a broker failing while another is down/);
  const base = { ...productionBase, topicDefaults: { replicationFactor: 1 }, topics: { events: { minInsyncReplicas: 1 } } };
  const d = prod({}, base);
  assertOne(run(topicReplication, d), 'topics.events.replicationFactor', d.basePos('topicDefaults', 'replicationFactor'), /replicationFactor 1: losing the broker/);
});

test('RG830 fails for the CRD default of 1, pointing at the topic', () => {
  const f = prod({ topics: { audit: { partitions: 1, minInsyncReplicas: 1 } } });
  assertOne(run(topicReplication, f), 'topics.audit.replicationFactor', f.envPos('topics', 'audit'), /"audit" has replicationFactor 1/);
});

test("RG830 fails for the schema registry's storage topic", () => {
  const f = prod({ schemaRegistry: { storage: { replicationFactor: 1 } } });
  assertOne(run(topicReplication, f), 'schemaRegistry.storage.replicationFactor', f.envPos('schemaRegistry', 'storage', 'replicationFactor'), /keeps every schema in topic "_schemas" with replicationFactor 1/);
});

// RG831
test('RG831 passes with minInsyncReplicas 2', () => {
  assert.equal(run(topicMinInsync, prod()), []);
});

test('RG831 fails with minInsyncReplicas 1', () => {
  const f = prod({ topics: { orders: { minInsyncReplicas: 1 } } });
  const v = assertOne(run(topicMinInsync, f), 'topics.orders.minInsyncReplicas', f.envPos('topics', 'orders', 'minInsyncReplicas'), /minInsyncReplicas 1\): if the leader dies/);
  assert.is(v.hint, 'Set minInsyncReplicas: 2.');
});

// RG832
test('RG832 passes with deleteOnRemove false', () => {
  assert.equal(run(topicDeleteOnRemove, prod()), []);
});

test('RG832 flags deleteOnRemove true, and says when it is only the CRD default', () => {
  const f = prod({ topics: { orders: { deleteOnRemove: true }, audit: { replicationFactor: 3, minInsyncReplicas: 2 } } });
  const found = run(topicDeleteOnRemove, f);
  assert.equal(paths(found), ['topics.audit.deleteOnRemove', 'topics.orders.deleteOnRemove']);
  assert.match(found[0]?.message ?? '', /"audit" has deleteOnRemove true \(the RivvenTopic default\)/);
  assert.equal(found[0]?.loc, f.envPos('topics', 'audit'));
  assert.match(found[1]?.message ?? '', /"orders" has deleteOnRemove true: removing/);
  assert.equal(found[1]?.loc, f.envPos('topics', 'orders', 'deleteOnRemove'));
});

// RG833
test('RG833 passes when bounded topics fit the volumes', () => {
  // 6 partitions × 3 replicas × (1Gi + 1Gi segment) = 36Gi ≤ 3 × 100Gi.
  assert.equal(run(capacityOverflow, prod()), []);
});

test('RG833 warns when retention can overflow, at the volume size, naming the largest topics', () => {
  // 6 × 3 × (20Gi + 1Gi) = 378Gi > 3 × 100Gi.
  const f = prod({ topics: { orders: { retentionBytes: '20Gi' } } });
  assertOne(
    run(capacityOverflow, f),
    'cluster.storage.size',
    f.basePos('cluster', 'storage', 'size'),
    /may keep 378 GiB .* but 3 brokers × 100Gi hold 300 GiB\. Largest: "orders" 378 GiB/,
  );
});

// RG834
test('RG834 passes when every topic has a byte limit', () => {
  assert.equal(run(capacityUnbounded, prod()), []);
});

test('RG834 says the estimate is impossible for topics kept by time only', () => {
  const f = prod({ topics: { orders: { retentionBytes: -1 } } });
  assertOne(run(capacityUnbounded, f), 'topics.orders.retentionBytes', f.envPos('topics', 'orders', 'retentionBytes'), /cannot be estimated: topic "orders" keeps data by time only/);
});

test('RG834 stays quiet when RG833 already found an overflow', () => {
  const f = prod({ topics: { orders: { retentionBytes: '20Gi' }, clicks: { replicationFactor: 3, minInsyncReplicas: 2 } } });
  assert.equal(run(capacityUnbounded, f), []);
  assert.match(run(capacityOverflow, f)[0]?.message ?? '', /before 1 topic kept by time only/);
});

test.run();
