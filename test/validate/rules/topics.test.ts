import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { checkReplicationExceedsBrokers } from '../../../src/validate/rules/replication-exceeds-brokers.js';
import { checkMinInsyncExceedsReplication } from '../../../src/validate/rules/min-insync-exceeds-replication.js';
import { checkInvalidNames } from '../../../src/validate/rules/invalid-names.js';
import { checkSinkTopicsUnmatched } from '../../../src/validate/rules/sink-topics-unmatched.js';
import { checkSourceTopicUndeclared } from '../../../src/validate/rules/source-topic-undeclared.js';
import { cleanBase, check, resolve, summary } from './support.js';

// RG301
test('RG301 passes when every replication factor fits the brokers', () => {
  assert.equal(check(checkReplicationExceedsBrokers, { topics: { orders: { replicationFactor: 3 } } }), []);
});

test('RG301 fails for a topic with more replicas than brokers, at the line that set the factor', () => {
  const { env, envPos } = resolve({ cluster: { replicas: 1 }, topics: { orders: { replicationFactor: 3 } } });
  const findings = checkReplicationExceedsBrokers(env);
  assert.equal(summary(findings), [['RG301', 'error', 'topics.orders.replicationFactor']]);
  assert.equal(findings[0]?.loc, envPos('topics', 'orders', 'replicationFactor'));
  assert.match(findings[0]?.message ?? '', /replicationFactor 3, but cluster\.replicas is 1/);
});

test('RG301 also points at the line that set cluster.replicas, the other end of the comparison', () => {
  const { env, envPos } = resolve({ cluster: { replicas: 1 }, topics: { orders: { replicationFactor: 3 } } });
  const findings = checkReplicationExceedsBrokers(env);
  assert.equal(findings[0]?.related, [{ message: 'cluster.replicas = 1', loc: envPos('cluster', 'replicas') }]);
});

test('RG301 names a broker count nobody wrote as the default', () => {
  const { env } = resolve({ topics: { orders: { replicationFactor: 5 } } }, { ...cleanBase, cluster: { auth: cleanBase.cluster.auth } });
  const findings = checkReplicationExceedsBrokers(env);
  assert.equal(findings[0]?.related, [{ message: `cluster.replicas = ${env.config.cluster.replicas} (the default)` }]);
});

test('RG301 points at topicDefaults when that is where the factor came from', () => {
  const { env, basePos } = resolve({ cluster: { replicas: 2 } }, { ...cleanBase, topicDefaults: { replicationFactor: 3 }, topics: { a: {} } });
  const findings = checkReplicationExceedsBrokers(env);
  assert.equal(summary(findings), [['RG301', 'error', 'topics.a.replicationFactor']]);
  assert.equal(findings[0]?.loc, basePos('topicDefaults', 'replicationFactor'));
});

test('RG301 also checks the topics a connect source creates', () => {
  const findings = check(checkReplicationExceedsBrokers, {
    topics: { t: {} },
    connect: { p: { sources: { s: { connector: 'http', topic: 't', topicConfig: { replicationFactor: 5 } } } } },
  });
  assert.equal(summary(findings), [['RG301', 'error', 'connect.p.sources.s.topicConfig.replicationFactor']]);
});

// RG302
test('RG302 passes when minInsyncReplicas ≤ replicationFactor', () => {
  assert.equal(check(checkMinInsyncExceedsReplication, { topics: { t: { replicationFactor: 3, minInsyncReplicas: 2 } } }), []);
});

test('RG302 fails when minInsyncReplicas > replicationFactor', () => {
  const { env, envPos } = resolve({ topics: { t: { replicationFactor: 2, minInsyncReplicas: 3 } } });
  const findings = checkMinInsyncExceedsReplication(env);
  assert.equal(summary(findings), [['RG302', 'error', 'topics.t.minInsyncReplicas']]);
  assert.equal(findings[0]?.loc, envPos('topics', 't', 'minInsyncReplicas'));
});

// RG303
test('RG303 passes for DNS-1123 names, including dotted topic names', () => {
  assert.equal(
    check(checkInvalidNames, {
      topics: { 'orders-events': {}, 'cdc.orders': {} },
      connect: { 'cdc-pipeline': { sources: { pg: { connector: 'postgres-cdc', topic: 'cdc.orders' } }, sinks: { s3: { connector: 's3', topics: ['cdc.*'], consumerGroup: 'g' } } } },
    }),
    [],
  );
});

test('RG303 fails for topic, pipeline, source and sink names Kubernetes would reject', () => {
  const { env, envPos } = resolve({
    topics: { Orders_Events: {}, [`t${'x'.repeat(63)}`]: {} },
    connect: { 'cdc.pipeline': { sources: { PG: { connector: 'http', topic: 'a' } }, sinks: { 's_3': { connector: 's3', topics: ['a'], consumerGroup: 'g' } } } },
  });
  const findings = checkInvalidNames(env);
  assert.equal(summary(findings), [
    ['RG303', 'error', 'topics.Orders_Events'],
    ['RG303', 'error', `topics.t${'x'.repeat(63)}`],
    ['RG303', 'error', 'connect["cdc.pipeline"]'],
    ['RG303', 'error', 'connect["cdc.pipeline"].sources.PG'],
    ['RG303', 'error', 'connect["cdc.pipeline"].sinks.s_3'],
  ]);
  assert.equal(findings[0]?.loc, envPos('topics', 'Orders_Events'));
  assert.is(findings[0]?.hint, 'Rename the topic, e.g. "orders-events".');
});

// RG304
const pipeline = (sinkTopics: string[], extra: Record<string, unknown> = {}) => ({
  connect: {
    p: {
      sources: { pg: { connector: 'postgres-cdc', topic: 'cdc.events', ...extra } },
      sinks: { archive: { connector: 's3', topics: sinkTopics, consumerGroup: 'g' } },
    },
  },
});

test('RG304 passes for globs and names that match declared or produced topics', () => {
  assert.equal(check(checkSinkTopicsUnmatched, { topics: { 'cdc.orders': {} }, ...pipeline(['cdc.*', 'cdc.orders', 'cdc.events']) }), []);
  const cdc = {
    slotName: 's',
    publication: 'p',
    tables: [{ table: 'orders' }],
    transactionTopic: { topicName: 'tx.log' },
    router: { deadLetterQueue: 'dlq.cdc', rules: [{ conditionType: 'table', conditionValue: 'x', destination: 'routed.x' }] },
  };
  assert.equal(check(checkSinkTopicsUnmatched, pipeline(['tx.*', 'dlq.cdc', 'routed.?'], { postgresCdc: cdc })), []);
  assert.equal(check(checkSinkTopicsUnmatched, pipeline(['db.public.orders', 'db.*'], { topicRouting: 'db.{schema}.{table}' })), []);
});

test('RG304 warns for a pattern or name that matches nothing, at the entry', () => {
  const { env, envPos } = resolve({ topics: { 'orders-events': {} }, ...pipeline(['cdx.*', 'orders-events', 'missing']) });
  const findings = checkSinkTopicsUnmatched(env);
  assert.equal(summary(findings), [
    ['RG304', 'warning', 'connect.p.sinks.archive.topics[0]'],
    ['RG304', 'warning', 'connect.p.sinks.archive.topics[2]'],
  ]);
  assert.equal(findings[0]?.loc, envPos('connect', 'p', 'sinks', 'archive', 'topics', 0));
});

test('RG304 ignores disabled sinks', () => {
  const overlay = pipeline(['nothing.*']);
  overlay.connect.p.sinks.archive = { ...overlay.connect.p.sinks.archive, ...{ enabled: false } };
  assert.equal(check(checkSinkTopicsUnmatched, overlay), []);
});

// RG305
test('RG305 passes when the source topic is declared', () => {
  assert.equal(check(checkSourceTopicUndeclared, { topics: { 'cdc.events': {} }, ...pipeline(['cdc.events']) }), []);
});

test('RG305 warns when connect would auto-create the topic, and fails when auto-create is off', () => {
  const { env, envPos } = resolve(pipeline(['cdc.events']));
  const warn = checkSourceTopicUndeclared(env);
  assert.equal(summary(warn), [['RG305', 'warning', 'connect.p.sources.pg.topic']]);
  assert.equal(warn[0]?.loc, envPos('connect', 'p', 'sources', 'pg', 'topic'));
  const off = check(checkSourceTopicUndeclared, pipeline(['cdc.events'], { topicConfig: { autoCreate: false } }));
  assert.equal(summary(off), [['RG305', 'error', 'connect.p.sources.pg.topic']]);
});

test('RG305 also covers the side topics a postgres-cdc source writes', () => {
  const cdc = { slotName: 's', publication: 'p', tables: [{ table: 'orders' }], schemaChangeTopic: { topicName: 'cdc.schema' } };
  const findings = check(checkSourceTopicUndeclared, { topics: { 'cdc.events': {} }, ...pipeline(['cdc.events'], { postgresCdc: cdc }) });
  assert.equal(summary(findings), [['RG305', 'warning', 'connect.p.sources.pg.postgresCdc.schemaChangeTopic.topicName']]);
});

test.run();
