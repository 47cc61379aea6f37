/**
 * Every default of the model, in one place. The zod schemas read them from here and the JSDoc of each
 * field repeats them with `@default`. Where a Rivven CRD has a default, ours is the same value so the
 * rendered manifests and the API server agree.
 */
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
  topic: {
    partitions: 3,
    replicationFactor: 1,
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
    deleteOnRemove: true,
    aclPermissionType: 'Allow',
    aclHost: '*',
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
