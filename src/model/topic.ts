import { z } from 'zod';
import { rowDefault } from '../fields/derive.js';
import { topicTable } from '../fields/topic.js';
import { defaults } from './defaults.js';
import { durationMs, sizeBytes, stringMap } from './primitives.js';

const day = 86_400_000;

export const aclOperations = ['Read', 'Write', 'Create', 'Delete', 'Alter', 'Describe', 'All', 'DescribeConfigs', 'AlterConfigs'] as const;

export const topicAclSchema = z.strictObject({
  /** `user:name`, `group:name` or `*`. */
  principal: z.string().min(1).max(256),
  operations: z.array(z.enum(aclOperations)).min(1).max(7),
  /** @default 'Allow' */
  permissionType: z.enum(['Allow', 'Deny']).default(defaults.topic.aclPermissionType),
  /** @default '*' */
  host: z.string().max(256).default(defaults.topic.aclHost),
});

/**
 * Topic settings with the real RivvenTopic ranges. Every field is optional here: the same shape serves
 * `topicDefaults` and each topic, and the resolve stage fills what is left from the CRD defaults.
 */
export const topicFields = {
  /** Partitions (1–10000). Can never decrease once created. @default 3 */
  partitions: z.number().int().min(1).max(10000),
  /** Replicas of each partition (1–10, at most the broker count). @default 1 */
  replicationFactor: z.number().int().min(1).max(10),
  /** How long records are kept (1h–10y): `'7d'` or milliseconds. @default '7d' */
  retention: durationMs.refine((ms) => ms >= 3_600_000 && ms <= 3650 * day, {
    message: 'Out of range: retention must be between 1h and 3650d',
    params: { code: 'RG204' },
  }),
  /** Bytes kept per partition, or -1 for unlimited. @default -1 */
  retentionBytes: z.union([z.literal(-1), sizeBytes]),
  /** Segment file size (1Mi–10Gi). @default '1Gi' */
  segmentBytes: sizeBytes.refine((b) => b >= 1_048_576 && b <= 10_737_418_240, {
    message: 'Out of range: segmentBytes must be between 1Mi and 10Gi',
    params: { code: 'RG204' },
  }),
  /** @default 'delete' */
  cleanupPolicy: z.enum(['delete', 'compact', 'delete,compact']),
  /** @default 'lz4' */
  compressionType: z.enum(['none', 'gzip', 'snappy', 'lz4', 'zstd', 'producer']),
  /** In-sync replicas a write needs (1–10, at most replicationFactor). @default 1 */
  minInsyncReplicas: z.number().int().min(1).max(10),
  /** Largest record (1Ki–100Mi). @default '1Mi' */
  maxMessageBytes: sizeBytes.refine((b) => b >= 1024 && b <= 104_857_600, {
    message: 'Out of range: maxMessageBytes must be between 1Ki and 100Mi',
    params: { code: 'RG204' },
  }),
  /** @default true */
  messageTimestampEnabled: z.boolean(),
  /** @default 'CreateTime' */
  messageTimestampType: z.enum(['CreateTime', 'LogAppendTime']),
  /** @default true */
  idempotentWrites: z.boolean(),
  /** Scheduled flush interval (0–24h); 0 means no scheduled flush. @default 0 */
  flushInterval: durationMs.refine((ms) => ms <= day, {
    message: 'Out of range: flushInterval must be at most 24h',
    params: { code: 'RG204' },
  }),
  /** Extra broker-side topic settings, passed as strings. */
  custom: stringMap,
  /**
   * Delete the topic and its data when its RivvenTopic is removed. The CRD's default is `true`;
   * set `false` for topics whose data must survive a mistaken removal. @default true
   */
  deleteOnRemove: z.boolean(),
} as const;

export const topicDefaultsSchema = z.strictObject({
  /**
   * Partitions (1–10000). Can never decrease once created. @default 3
   * @becomes RivvenTopic `spec.partitions`
   */
  partitions: topicFields.partitions.optional(),
  /**
   * Replicas of each partition (1–10, at most the broker count). @default 1
   * @becomes RivvenTopic `spec.replicationFactor`
   */
  replicationFactor: topicFields.replicationFactor.optional(),
  /**
   * How long records are kept (1h–10y): `'7d'` or milliseconds. @default '7d'
   * @becomes RivvenTopic `spec.config.retentionMs`
   */
  retention: topicFields.retention.optional(),
  /**
   * Bytes kept per partition, or -1 for unlimited. @default -1
   * @becomes RivvenTopic `spec.config.retentionBytes`
   */
  retentionBytes: topicFields.retentionBytes.optional(),
  /**
   * Segment file size (1Mi–10Gi). @default '1Gi'
   * @becomes RivvenTopic `spec.config.segmentBytes`
   */
  segmentBytes: topicFields.segmentBytes.optional(),
  /**
   * @default 'delete'
   * @becomes RivvenTopic `spec.config.cleanupPolicy`
   */
  cleanupPolicy: topicFields.cleanupPolicy.optional(),
  /**
   * @default 'lz4'
   * @becomes RivvenTopic `spec.config.compressionType`
   */
  compressionType: topicFields.compressionType.optional(),
  /**
   * In-sync replicas a write needs (1–10, at most replicationFactor). @default 1
   * @becomes RivvenTopic `spec.config.minInsyncReplicas`
   */
  minInsyncReplicas: topicFields.minInsyncReplicas.optional(),
  /**
   * Largest record (1Ki–100Mi). @default '1Mi'
   * @becomes RivvenTopic `spec.config.maxMessageBytes`
   */
  maxMessageBytes: topicFields.maxMessageBytes.optional(),
  /**
   * @default true
   * @becomes RivvenTopic `spec.config.messageTimestampEnabled`
   */
  messageTimestampEnabled: topicFields.messageTimestampEnabled.optional(),
  /**
   * @default 'CreateTime'
   * @becomes RivvenTopic `spec.config.messageTimestampType`
   */
  messageTimestampType: topicFields.messageTimestampType.optional(),
  /**
   * @default true
   * @becomes RivvenTopic `spec.config.idempotentWrites`
   */
  idempotentWrites: topicFields.idempotentWrites.optional(),
  /**
   * Scheduled flush interval (0–24h); 0 means no scheduled flush. @default 0
   * @becomes RivvenTopic `spec.config.flushIntervalMs`
   */
  flushInterval: topicFields.flushInterval.optional(),
  /**
   * Extra broker-side topic settings, passed as strings.
   * @becomes RivvenTopic `spec.config.custom`
   */
  custom: topicFields.custom.optional(),
  /**
   * Delete the topic and its data when its RivvenTopic is removed. The CRD's default is `true`; set `false` for topics whose data must survive a mistaken removal. @default true
   * @becomes RivvenTopic `spec.deleteOnRemove`
   */
  deleteOnRemove: topicFields.deleteOnRemove.optional(),
});

/**
 * Every topic setting's default, keyed as the model names it: the CRD's default at each setting's row
 * (src/fields/topic.ts), read from the schema pack and checked here by the model's own schema.
 */
export const topicSettingDefaults = topicDefaultsSchema
  .omit({ custom: true })
  .required()
  .parse(Object.fromEntries(topicTable.rows.filter((r) => r.default.from === 'crd').map((r) => [r.config.join('.'), rowDefault(topicTable, r)])));

export const topicSchema = topicDefaultsSchema.extend({
  /**
   * Who may do what on the topic.
   * @becomes RivvenTopic `spec.acls`
   */
  acls: z.array(topicAclSchema).max(100).optional(),
  /**
   * Labels on the topic's metadata inside Rivven.
   * @becomes RivvenTopic `spec.topicLabels`
   */
  labels: stringMap.optional(),
  /**
   * Kubernetes labels on the RivvenTopic object.
   * @becomes RivvenTopic `metadata.labels`
   */
  objectLabels: stringMap.optional(),
});
