/**
 * The `default:` values of the four Rivven CRDs (rivven 0.0.22, crds/*.yaml, schema version v1alpha1),
 * written down by hand. The API server applies a structural-schema default where the field is missing
 * and its parent map exists, and also to every item of a list — the same rule as default-rules.ts.
 * test/diff/rivven-crd-defaults.test.ts reads the real CRDs and fails when this table and their
 * `default:` values disagree in any path or value.
 */
import type { DefaultRule, KindDefaults } from './default-rules.js';
import { rivvenGroup } from '../core/rivven.js';

/** Field path (pattern, `[]` = every list item) → default. */
export type CrdDefaultTable = Readonly<Record<string, unknown>>;

export const rivvenClusterDefaults: CrdDefaultTable = {
  'spec.image': 'ghcr.io/hupe1980/rivven:latest',
  'spec.broker.clientPort': 9092,
  'spec.broker.clusterPort': 9093,
  'spec.broker.metricsPort': 9094,
  'spec.broker.adminPort': 9095,
  'spec.broker.segmentSizeBytes': 1073741824,
  'spec.broker.retentionSizeBytes': 10737418240,
  'spec.broker.retentionDurationSecs': 604800,
  'spec.broker.compressionEnabled': true,
  'spec.broker.compressionLevel': 3,
  'spec.broker.indexIntervalBytes': 4096,
  'spec.broker.ackTimeoutMs': 30000,
  'spec.broker.maxMessageSizeBytes': 1048576,
  'spec.storage.size': '10Gi',
  'spec.storage.accessModes': ['ReadWriteOnce'],
  'spec.tls.enabled': false,
  'spec.tls.certFile': '/etc/rivven/certs/tls.crt',
  'spec.tls.keyFile': '/etc/rivven/certs/tls.key',
  'spec.tls.caFile': '/etc/rivven/certs/ca.crt',
  'spec.tls.clientAuth': false,
  'spec.metrics.enabled': true,
  'spec.metrics.path': '/metrics',
  'spec.metrics.serviceMonitor': false,
  'spec.pdb.enabled': true,
  'spec.livenessProbe.initialDelaySeconds': 30,
  'spec.livenessProbe.periodSeconds': 10,
  'spec.livenessProbe.timeoutSeconds': 5,
  'spec.livenessProbe.failureThreshold': 3,
  'spec.livenessProbe.successThreshold': 1,
  'spec.readinessProbe.initialDelaySeconds': 10,
  'spec.readinessProbe.periodSeconds': 5,
  'spec.readinessProbe.timeoutSeconds': 3,
  'spec.readinessProbe.failureThreshold': 3,
  'spec.readinessProbe.successThreshold': 1,
};

export const rivvenTopicDefaults: CrdDefaultTable = {
  'spec.partitions': 3,
  'spec.replicationFactor': 1,
  'spec.config.retentionMs': 604800000,
  'spec.config.retentionBytes': -1,
  'spec.config.segmentBytes': 1073741824,
  'spec.config.cleanupPolicy': 'delete',
  'spec.config.compressionType': 'lz4',
  'spec.config.minInsyncReplicas': 1,
  'spec.config.maxMessageBytes': 1048576,
  'spec.config.messageTimestampEnabled': true,
  'spec.config.messageTimestampType': 'CreateTime',
  'spec.config.idempotentWrites': true,
  'spec.config.flushIntervalMs': 0,
  'spec.acls[].permissionType': 'Allow',
  'spec.acls[].host': '*',
  // Removing the RivvenTopic deletes the topic and its data unless this is false.
  'spec.deleteOnRemove': true,
};

export const rivvenConnectDefaults: CrdDefaultTable = {
  'spec.replicas': 1,
  'spec.version': '0.0.1',
  'spec.imagePullPolicy': 'IfNotPresent',
  'spec.config.stateDir': '/data/connect-state',
  'spec.config.logLevel': 'info',
  'spec.sources[].enabled': true,
  'spec.sources[].topicConfig.autoCreate': true,
  'spec.sinks[].enabled': true,
  'spec.sinks[].startOffset': 'latest',
  'spec.sinks[].rateLimit.eventsPerSecond': 0,
  'spec.settings.topic.autoCreate': true,
  'spec.settings.topic.defaultPartitions': 1,
  'spec.settings.topic.defaultReplicationFactor': 1,
  'spec.settings.retry.maxRetries': 10,
  'spec.settings.retry.initialBackoffMs': 100,
  'spec.settings.retry.maxBackoffMs': 30000,
  'spec.settings.health.enabled': false,
  'spec.settings.health.port': 8080,
  'spec.settings.metrics.enabled': false,
  'spec.settings.metrics.port': 9091,
  'spec.tls.enabled': false,
  'spec.tls.mtlsEnabled': false,
  'spec.tls.insecure': false,
};

export const rivvenSchemaRegistryDefaults: CrdDefaultTable = {
  'spec.replicas': 1,
  'spec.version': 'latest',
  'spec.imagePullPolicy': 'IfNotPresent',
  'spec.server.port': 8081,
  'spec.server.bindAddress': '0.0.0.0',
  'spec.server.timeoutSeconds': 30,
  'spec.server.maxRequestSize': 10485760,
  'spec.server.corsEnabled': false,
  'spec.storage.mode': 'broker',
  'spec.storage.topic': '_schemas',
  'spec.storage.replicationFactor': 3,
  'spec.storage.partitions': 1,
  'spec.storage.normalize': true,
  'spec.compatibility.defaultLevel': 'BACKWARD',
  'spec.compatibility.allowOverrides': true,
  'spec.schemas.avro': true,
  'spec.schemas.jsonSchema': true,
  'spec.schemas.protobuf': true,
  'spec.schemas.strictValidation': true,
  'spec.contexts.enabled': false,
  'spec.contexts.maxContexts': 0,
  'spec.contexts.predefined[].active': true,
  'spec.validation.enabled': false,
  'spec.validation.maxSchemaSize': 1048576,
  'spec.validation.rules[].level': 'error',
  'spec.auth.enabled': false,
  'spec.auth.jwt.usernameClaim': 'sub',
  'spec.auth.jwt.rolesClaim': 'roles',
  'spec.auth.users[].role': 'reader',
  'spec.tls.enabled': false,
  'spec.tls.mtlsEnabled': false,
  'spec.tls.brokerTlsEnabled': false,
  'spec.metrics.enabled': true,
  'spec.metrics.port': 9090,
  'spec.metrics.path': '/metrics',
  'spec.metrics.serviceMonitorEnabled': false,
  'spec.metrics.scrapeInterval': '30s',
  'spec.external.enabled': false,
  'spec.external.syncIntervalSeconds': 300,
  'spec.livenessProbe.initialDelaySeconds': 15,
  'spec.livenessProbe.periodSeconds': 10,
  'spec.livenessProbe.timeoutSeconds': 5,
  'spec.livenessProbe.failureThreshold': 3,
  'spec.readinessProbe.initialDelaySeconds': 5,
  'spec.readinessProbe.periodSeconds': 5,
  'spec.readinessProbe.timeoutSeconds': 3,
  'spec.readinessProbe.failureThreshold': 3,
  'spec.podDisruptionBudget.enabled': false,
};

const group = rivvenGroup;

/** Every table by kind: what the CRD test checks. */
export const rivvenCrdDefaultTables: Readonly<Record<string, CrdDefaultTable>> = {
  RivvenCluster: rivvenClusterDefaults,
  RivvenTopic: rivvenTopicDefaults,
  RivvenConnect: rivvenConnectDefaults,
  RivvenSchemaRegistry: rivvenSchemaRegistryDefaults,
};

function toRules(kind: string, table: CrdDefaultTable): DefaultRule[] {
  // Parents before children is already the table's order; the split puts the field after the last dot.
  return Object.entries(table).map(([path, value]) => {
    const dot = path.lastIndexOf('.');
    return { at: path.slice(0, dot), field: path.slice(dot + 1), value, source: `rivven crds/${kind.toLowerCase()}-crd.yaml` };
  });
}

export const rivvenCrdDefaults: readonly KindDefaults[] = Object.entries(rivvenCrdDefaultTables).map(([kind, table]) => ({
  kinds: [`${group}/${kind}`],
  rules: toRules(kind, table),
}));
