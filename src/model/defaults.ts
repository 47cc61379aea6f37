/**
 * Every default of the model, in one place. The zod schemas read them from here and the JSDoc of each
 * field repeats them with `@default`. Where a Rivven CRD has a default, ours is the same value so the
 * rendered manifests and the API server agree: those are read from the CRD schemas of the schema pack,
 * through the Rivven kinds' field tables (src/fields), and written nowhere else.
 */
import { crdDefaultAt, defaultOf, isBoolean, isInteger, isOneOf, isString } from '../fields/derive.js';
import { clusterTable } from '../fields/cluster.js';
import { connectTable } from '../fields/connect.js';
import { schemaRegistryTable } from '../fields/schema-registry.js';
import { topicTable } from '../fields/topic.js';

export const defaults = {
  project: 'rivven',
  rivvenVersion: '0.0.22',
  target: 'operator',
  profile: 'development',
  cluster: {
    name: 'main',
    replicas: defaultOf(clusterTable, 'replicas', isInteger),
    storageSize: crdDefaultAt(clusterTable.kind, 'spec.storage.size', isString),
    accessModes: ['ReadWriteOnce'],
    antiAffinity: 'preferred',
    zoneSpread: false,
    pdbMaxUnavailable: 1,
    serviceType: 'ClusterIP',
    imagePullPolicy: 'IfNotPresent',
  },
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
    replicas: crdDefaultAt(connectTable.kind, 'spec.replicas', isInteger),
    logLevel: crdDefaultAt(connectTable.kind, 'spec.config.logLevel', isOneOf(['trace', 'debug', 'info', 'warn', 'error'])),
    stateDir: crdDefaultAt(connectTable.kind, 'spec.config.stateDir', isString),
    startOffset: crdDefaultAt(connectTable.kind, 'spec.sinks[].startOffset', isOneOf(['earliest', 'latest'])),
  },
  schemaRegistry: {
    name: 'schema-registry',
    replicas: crdDefaultAt(schemaRegistryTable.kind, 'spec.replicas', isInteger),
    port: crdDefaultAt(schemaRegistryTable.kind, 'spec.server.port', isInteger),
    timeoutSeconds: crdDefaultAt(schemaRegistryTable.kind, 'spec.server.timeoutSeconds', isInteger),
    storageMode: crdDefaultAt(schemaRegistryTable.kind, 'spec.storage.mode', isOneOf(['memory', 'broker'])),
    storageTopic: crdDefaultAt(schemaRegistryTable.kind, 'spec.storage.topic', isString),
    storageReplicationFactor: crdDefaultAt(schemaRegistryTable.kind, 'spec.storage.replicationFactor', isInteger),
    compatibility: crdDefaultAt(schemaRegistryTable.kind, 'spec.compatibility.defaultLevel', isOneOf(['BACKWARD', 'BACKWARD_TRANSITIVE', 'FORWARD', 'FORWARD_TRANSITIVE', 'FULL', 'FULL_TRANSITIVE', 'NONE'])),
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
