/**
 * Every default of the model, in one place. The zod schemas read them from here and the JSDoc of each
 * field repeats them with `@default`. Where a Rivven CRD has a default, ours is the same value so the
 * rendered manifests and the API server agree; the topic's are read from the CRD itself (src/fields).
 */
import { crdDefaultAt, defaultOf, isBoolean, isInteger, isOneOf, isString } from '../fields/derive.js';
import { topicTable } from '../fields/topic.js';

export const defaults = {
  project: 'rivven',
  rivvenVersion: '0.0.22',
  target: 'operator',
  profile: 'development',
  cluster: {
    name: 'main',
    replicas: 3,
    storageSize: '10Gi',
    accessModes: ['ReadWriteOnce'],
    antiAffinity: 'preferred',
    zoneSpread: false,
    pdbMaxUnavailable: 1,
    serviceType: 'ClusterIP',
    imagePullPolicy: 'IfNotPresent',
  },
  // The CRD's defaults, read from the schema pack through the topic table (src/fields/topic.ts).
  topic: {
    partitions: defaultOf(topicTable, 'partitions', isInteger),
    replicationFactor: defaultOf(topicTable, 'replicationFactor', isInteger),
    retentionMs: defaultOf(topicTable, 'retention', isInteger),
    retentionBytes: defaultOf(topicTable, 'retentionBytes', isInteger),
    segmentBytes: defaultOf(topicTable, 'segmentBytes', isInteger),
    cleanupPolicy: defaultOf(topicTable, 'cleanupPolicy', isOneOf(['delete', 'compact', 'delete,compact'])),
    compressionType: defaultOf(topicTable, 'compressionType', isOneOf(['none', 'gzip', 'snappy', 'lz4', 'zstd', 'producer'])),
    minInsyncReplicas: defaultOf(topicTable, 'minInsyncReplicas', isInteger),
    maxMessageBytes: defaultOf(topicTable, 'maxMessageBytes', isInteger),
    messageTimestampEnabled: defaultOf(topicTable, 'messageTimestampEnabled', isBoolean),
    messageTimestampType: defaultOf(topicTable, 'messageTimestampType', isOneOf(['CreateTime', 'LogAppendTime'])),
    idempotentWrites: defaultOf(topicTable, 'idempotentWrites', isBoolean),
    flushIntervalMs: defaultOf(topicTable, 'flushInterval', isInteger),
    deleteOnRemove: defaultOf(topicTable, 'deleteOnRemove', isBoolean),
    aclPermissionType: crdDefaultAt(topicTable.kind, 'spec.acls[].permissionType', isOneOf(['Allow', 'Deny'])),
    aclHost: crdDefaultAt(topicTable.kind, 'spec.acls[].host', isString),
  },
  connect: {
    replicas: 1,
    logLevel: 'info',
    stateDir: '/data/connect-state',
    startOffset: 'latest',
  },
  schemaRegistry: {
    name: 'schema-registry',
    replicas: 1,
    port: 8081,
    timeoutSeconds: 30,
    storageMode: 'broker',
    storageTopic: '_schemas',
    storageReplicationFactor: 3,
    compatibility: 'BACKWARD',
  },
  monitoring: {
    interval: '30s',
    grafanaLabel: 'grafana_dashboard',
    grafanaLabelValue: '1',
    namespace: 'monitoring',
  },
  autoscaling: {
    targetCPUUtilization: 70,
    targetMemoryUtilization: 80,
    scaleDownStabilizationSeconds: 300,
  },
  backup: {
    schedule: '0 2 * * *',
    method: 'volume-snapshot',
    ttl: '720h',
    veleroNamespace: 'velero',
    keep: 7,
  },
  operator: {
    replicas: 1,
    logLevel: 'info',
    crdsSource: 'prerequisite',
  },
  argocd: {
    namespace: 'argocd',
    targetRevision: 'HEAD',
    destinationServer: 'https://kubernetes.default.svc',
  },
  output: {
    dir: 'out',
    layout: 'overlays',
  },
} as const;
