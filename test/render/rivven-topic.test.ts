import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { renderTopics } from '../../src/render/rivven-topic.js';
import type { UserConfig } from '../../src/model/types.js';
import { resolvedEnvironment } from '../support/resolved.js';
import { checkCrGolden } from '../support/crd-schema.js';

const rich: UserConfig = {
  project: 'shop',
  labels: { 'cost-center': 'platform' },
  cluster: { name: 'events' },
  topicDefaults: { replicationFactor: 3, minInsyncReplicas: 2, compressionType: 'zstd', custom: { 'message.downconversion.enable': 'false' } },
  topics: {
    'orders-events': {
      partitions: 24,
      retention: '7d',
      retentionBytes: '50Gi',
      segmentBytes: '512Mi',
      cleanupPolicy: 'delete,compact',
      maxMessageBytes: '2Mi',
      messageTimestampEnabled: true,
      messageTimestampType: 'LogAppendTime',
      idempotentWrites: false,
      flushInterval: '5s',
      custom: { 'min.cleanable.dirty.ratio': '0.5' },
      deleteOnRemove: false,
      acls: [
        { principal: 'user:order-service', operations: ['Read', 'Write'] },
        { principal: 'group:analytics', operations: ['Read', 'Describe'], permissionType: 'Deny', host: '10.0.0.1' },
      ],
      labels: { team: 'orders' },
      objectLabels: { 'backup.example.com/tier': 'gold', 'app.kubernetes.io/managed-by': 'someone-else' },
    },
    'cdc.events': { partitions: 6, retention: '3d' },
    audit: {},
  },
};

function spec(config: UserConfig, topic: string): Record<string, unknown> {
  const obj = renderTopics(resolvedEnvironment(config)).find((o) => o.metadata.name === topic);
  const s = obj?.['spec'];
  if (s === null || typeof s !== 'object' || Array.isArray(s)) throw new Error(`no spec for ${topic}`);
  return Object.fromEntries(Object.entries(s));
}

test('a topic with nothing set: every CRD default written explicitly', () => {
  assert.equal(checkCrGolden(renderTopics(resolvedEnvironment({ topics: { audit: {} } })), 'rivven-topic/defaults'), []);
  assert.equal(spec({ topics: { audit: {} } }, 'audit')['config'], {
    retentionMs: 604_800_000,
    retentionBytes: -1,
    segmentBytes: 1_073_741_824,
    cleanupPolicy: 'delete',
    compressionType: 'lz4',
    minInsyncReplicas: 1,
    maxMessageBytes: 1_048_576,
    messageTimestampEnabled: true,
    messageTimestampType: 'CreateTime',
    idempotentWrites: true,
    flushIntervalMs: 0,
  });
  assert.is(spec({ topics: { audit: {} } }, 'audit')['deleteOnRemove'], true);
});

test('rich config: every topic field maps onto the real CRD, topics sorted by name', () => {
  const objects = renderTopics(resolvedEnvironment(rich, 'prod'));
  assert.equal(
    objects.map((o) => o.metadata.name),
    ['audit', 'cdc.events', 'orders-events'],
  );
  assert.equal(checkCrGolden(objects, 'rivven-topic/rich'), []);
});

test('units resolve to the CRD numbers; topicDefaults apply below the topic', () => {
  const s = spec(rich, 'orders-events');
  assert.is(s['partitions'], 24);
  assert.is(s['replicationFactor'], 3);
  assert.equal(s['config'], {
    retentionMs: 604_800_000,
    retentionBytes: 53_687_091_200,
    segmentBytes: 536_870_912,
    cleanupPolicy: 'delete,compact',
    compressionType: 'zstd',
    minInsyncReplicas: 2,
    maxMessageBytes: 2_097_152,
    messageTimestampEnabled: true,
    messageTimestampType: 'LogAppendTime',
    idempotentWrites: false,
    flushIntervalMs: 5000,
    custom: { 'message.downconversion.enable': 'false', 'min.cleanable.dirty.ratio': '0.5' },
  });
  assert.equal(s['acls'], [
    { principal: 'user:order-service', operations: ['Read', 'Write'], permissionType: 'Allow', host: '*' },
    { principal: 'group:analytics', operations: ['Read', 'Describe'], permissionType: 'Deny', host: '10.0.0.1' },
  ]);
  assert.is(s['deleteOnRemove'], false);
  assert.equal(s['topicLabels'], { team: 'orders' });
  assert.not.ok('acls' in spec(rich, 'audit'), 'no ACLs, no empty list');
});

test('clusterRef names the cluster and leaves the namespace to the overlay', () => {
  assert.equal(spec(rich, 'audit')['clusterRef'], { name: 'events' });
});

test("objectLabels label the object, but rivven-gitops' own labels cannot be overridden", () => {
  const [, , orders] = renderTopics(resolvedEnvironment(rich, 'prod'));
  assert.is(orders?.metadata.namespace, 'shop-prod');
  assert.is(orders?.metadata.labels?.['backup.example.com/tier'], 'gold');
  assert.is(orders?.metadata.labels?.['app.kubernetes.io/managed-by'], 'rivven-gitops');
  assert.is(orders?.metadata.labels?.['app.kubernetes.io/component'], 'topic');
  assert.is(orders?.metadata.labels?.['cost-center'], 'platform');
});

test('the manifests target renders no RivvenTopic (nothing would reconcile it)', () => {
  assert.equal(renderTopics(resolvedEnvironment({ ...rich, target: 'manifests' })), []);
  assert.equal(renderTopics(resolvedEnvironment({})), [], 'no topics, no objects');
});

test.run();
