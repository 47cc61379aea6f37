/** RG840–RG842: production at least as durable as staging. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { durabilityBrokers } from '../../../src/check/rules/durability-brokers.js';
import { durabilityReplication } from '../../../src/check/rules/durability-replication.js';
import { durabilityRetention } from '../../../src/check/rules/durability-retention.js';
import { assertOne, fixture, paths, run } from '../support.js';

const staging = { profile: 'staging', cluster: { replicas: 5 }, topics: { orders: { replicationFactor: 4, retention: '14d', retentionBytes: '2Gi' } } };

test('RG840–RG842 pass when production matches or exceeds staging', () => {
  const f = fixture({ prod: { cluster: { replicas: 5 }, topics: { orders: { replicationFactor: 4, retention: '30d', retentionBytes: -1 } } }, staging }, undefined, 'prod');
  for (const rule of [durabilityBrokers, durabilityReplication, durabilityRetention]) assert.equal(run(rule, f), [], rule.code);
});

test('RG840–RG842 compare only with staging environments', () => {
  const f = fixture({ prod: {}, dev: { ...staging, profile: 'development' } }, undefined, 'prod');
  for (const rule of [durabilityBrokers, durabilityReplication, durabilityRetention]) assert.equal(run(rule, f), [], rule.code);
});

test('RG840 fails when production has fewer brokers than staging', () => {
  const f = fixture({ prod: { cluster: { replicas: 3 } }, staging }, undefined, 'prod');
  assertOne(run(durabilityBrokers, f), 'cluster.replicas', f.envPos('cluster', 'replicas'), /prod runs 3 brokers but staging environment staging runs 5/);
});

test('RG840–RG842 also point at the staging value they compare with', () => {
  const f = fixture({ prod: { cluster: { replicas: 3 }, topics: { orders: { replicationFactor: 3, retention: '7d' } } }, staging }, undefined, 'prod');
  const peer = f.fleet.environments.find((e) => e.name === 'staging');
  if (peer === undefined) throw new Error('no staging');
  const origin = (...path: string[]) => peer.provenance.get(`/${path.join('/')}`)?.origin.loc;
  assert.ok(origin('cluster', 'replicas')?.file.includes('staging'));
  assert.equal(run(durabilityBrokers, f)[0]?.related, [{ message: 'cluster.replicas = 5 in staging', loc: origin('cluster', 'replicas') }]);
  assert.equal(run(durabilityReplication, f)[0]?.related, [
    { message: 'topics.orders.replicationFactor = 4 in staging', loc: origin('topics', 'orders', 'replicationFactor') },
  ]);
  assert.equal(run(durabilityRetention, f)[0]?.related, [{ message: 'topics.orders.retention = 2w in staging', loc: origin('topics', 'orders', 'retention') }]);
});

test('RG841 fails per topic replicated less than in staging', () => {
  const f = fixture({ prod: { topics: { orders: { replicationFactor: 3 } } }, staging }, undefined, 'prod');
  assertOne(run(durabilityReplication, f), 'topics.orders.replicationFactor', f.envPos('topics', 'orders', 'replicationFactor'), /replicationFactor 3 in prod but 4 in staging environment staging/);
});

test('RG842 fails for shorter retention by time and by bytes, with -1 as unlimited', () => {
  const f = fixture({ prod: { topics: { orders: { retention: '7d' } } }, staging }, undefined, 'prod');
  const found = run(durabilityRetention, f);
  assert.equal(paths(found), ['topics.orders.retention', 'topics.orders.retentionBytes']);
  assert.match(found[0]?.message ?? '', /keeps data for 1w in prod but 2w in staging environment staging/);
  assert.match(found[1]?.message ?? '', /at most 1 GiB per partition in prod but 2 GiB/);
  const unlimited = fixture({ prod: {}, staging: { ...staging, topics: { orders: { retention: '7d', retentionBytes: -1 } } } }, undefined, 'prod');
  assert.match(run(durabilityRetention, unlimited)[0]?.message ?? '', /1 GiB per partition in prod but unlimited in staging/);
});

test.run();
