/**
 * RivvenTopic ↔ `topics[name]` (and `topicDefaults`). Every setting of the model's topic is a row; the
 * topic's `clusterRef` is not a topic setting (it names the environment's cluster).
 */
import { formatRetention, num } from './format.js';
import type { FieldRow, KindTable } from './row.js';

const crd = { from: 'crd' } as const;
const none = { from: 'none' } as const;

function includesPolicy(value: unknown, policy: string): boolean {
  return typeof value === 'string' && value.split(',').map((s) => s.trim()).includes(policy);
}

const partitions: FieldRow = {
  config: ['partitions'],
  crd: 'spec.partitions',
  unit: 'plain',
  label: 'partitions',
  default: crd,
  danger: ({ before, after, subject: topic }) => {
    const [p0, p1] = [num(before), num(after)];
    if (p0 === undefined || p1 === undefined) return [];
    if (p1 < p0) return [{ code: 'RG700', severity: 'error', message: `${topic} would go from ${p0} to ${p1} partitions: partitions never decrease, so the change is refused and the topic keeps ${p0}.` }];
    if (p1 > p0) return [{ code: 'RG701', severity: 'warning', message: `${topic} grows from ${p0} to ${p1} partitions: keys map to different partitions from now on.` }];
    return [];
  },
};

const replicationFactor: FieldRow = {
  config: ['replicationFactor'],
  crd: 'spec.replicationFactor',
  unit: 'plain',
  label: 'replication factor',
  default: crd,
  danger: ({ before, after, subject: topic }) => {
    const [r0, r1] = [num(before), num(after)];
    if (r0 === undefined || r1 === undefined || r0 === r1) return [];
    return [{ code: 'RG702', severity: 'warning', message: `${topic} replication factor changes from ${r0} to ${r1}.` }];
  },
};

const retention: FieldRow = {
  config: ['retention'],
  crd: 'spec.config.retentionMs',
  unit: 'duration-ms',
  label: 'retention',
  default: crd,
  danger: ({ before, after, subject: topic }) => {
    const [t0, t1] = [num(before), num(after)];
    if (t0 === undefined || t1 === undefined || t1 >= t0) return [];
    return [{ code: 'RG716', severity: 'warning', message: `${topic} retention shortens from ${formatRetention(t0)} to ${formatRetention(t1)}: older records are deleted.` }];
  },
};

const cleanupPolicy: FieldRow = {
  config: ['cleanupPolicy'],
  crd: 'spec.config.cleanupPolicy',
  unit: 'plain',
  label: 'cleanup policy',
  default: crd,
  danger: ({ before: c0, after: c1, subject: topic }) => {
    if (!(includesPolicy(c0, 'compact') && !includesPolicy(c0, 'delete') && includesPolicy(c1, 'delete'))) return [];
    return [{ code: 'RG704', severity: 'error', message: `${topic} cleanup policy changes from ${String(c0)} to ${String(c1)}: compacted records older than the retention are deleted.` }];
  },
};

/** Removing the RivvenTopic deletes the topic and its data unless this is false (classify.ts, RG703). */
export const topicDeleteOnRemove: FieldRow = {
  config: ['deleteOnRemove'],
  crd: 'spec.deleteOnRemove',
  unit: 'plain',
  label: 'deleteOnRemove',
  default: crd,
  danger: ({ before, after, subject: topic }) =>
    before === false && after !== false ? [{ code: 'RG717', severity: 'warning', message: `${topic} gets deleteOnRemove: true: removing it later deletes its data.` }] : [],
};

/** Rows the summary of a new topic names, in its order. */
export const topicCreatedRows = { partitions, replicationFactor, retention } as const;

/** The topic's ACL list: its items' defaults (Allow, any host) come from the CRD too (`topicAclDefaults`). */
export const topicAcls: FieldRow = { config: ['acls'], crd: 'spec.acls', unit: 'list', default: { from: 'model', value: [], why: 'no ACL rules unless written' } };

/** Kubernetes labels of the RivvenTopic object. */
export const topicObjectLabels: FieldRow = { config: ['objectLabels'], crd: 'metadata.labels', unit: 'string-map', default: none };

export const topicTable: KindTable = {
  kind: 'RivvenTopic',
  rows: [
    partitions,
    replicationFactor,
    retention,
    { config: ['retentionBytes'], crd: 'spec.config.retentionBytes', unit: 'bytes-or-unlimited', label: 'retention bytes', default: crd },
    { config: ['segmentBytes'], crd: 'spec.config.segmentBytes', unit: 'bytes', label: 'segment bytes', default: crd },
    cleanupPolicy,
    { config: ['compressionType'], crd: 'spec.config.compressionType', unit: 'plain', label: 'compression', default: crd },
    { config: ['minInsyncReplicas'], crd: 'spec.config.minInsyncReplicas', unit: 'plain', label: 'min in-sync replicas', default: crd },
    { config: ['maxMessageBytes'], crd: 'spec.config.maxMessageBytes', unit: 'bytes', label: 'max message bytes', default: crd },
    { config: ['messageTimestampEnabled'], crd: 'spec.config.messageTimestampEnabled', unit: 'plain', default: crd },
    { config: ['messageTimestampType'], crd: 'spec.config.messageTimestampType', unit: 'plain', default: crd },
    { config: ['idempotentWrites'], crd: 'spec.config.idempotentWrites', unit: 'plain', default: crd },
    { config: ['flushInterval'], crd: 'spec.config.flushIntervalMs', unit: 'duration-ms', label: 'flush interval', default: crd },
    {
      config: ['custom'],
      crd: 'spec.config.custom',
      unit: 'string-map',
      default: none,
      importRefusal: 'custom settings must be strings (the CRD says so); not carried over.',
    },
    topicAcls,
    topicDeleteOnRemove,
    { config: ['labels'], crd: 'spec.topicLabels', unit: 'string-map', default: none, importRefusal: 'topicLabels must be strings; not carried over.' },
    topicObjectLabels,
  ],
  // The order the dangers of one change are reported in.
  classifyOrder: [partitions, replicationFactor, cleanupPolicy, retention, topicDeleteOnRemove],
};
