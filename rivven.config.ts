// The fleet's base configuration, modelled on the Rivven deployment guide. Environments under
// environments/ change only what differs; `npx rivven-gitops explain prod cluster.replicas` shows where
// any value comes from.
import { defineConfig } from 'rivven-gitops';

export default defineConfig({
  project: 'rivven',
  rivvenVersion: '0.0.22',
  target: 'operator',

  cluster: {
    name: 'main',
    replicas: 3,
    storage: { size: '100Gi' },
    resources: {
      requests: { cpu: '1', memory: '2Gi' },
      limits: { cpu: '4', memory: '8Gi' },
    },
    placement: { antiAffinity: 'preferred' },
    // Brokers join the cluster with a shared token kept in a Secret; only the reference is in Git.
    clusterAuthToken: { secretName: 'rivven-cluster-token', key: 'token' },
    auth: { mechanism: 'scram', scram: { existingSecret: 'rivven-users' } },
  },

  // Writes need two in-sync replicas unless a topic says otherwise (the production checklist, RG831), and
  // removing a topic from Git never deletes its data (the RivvenTopic default would, RG832).
  topicDefaults: { compressionType: 'lz4', minInsyncReplicas: 2, deleteOnRemove: false },

  topics: {
    'orders-events': {
      partitions: 12,
      replicationFactor: 3,
      retention: '7d',
      cleanupPolicy: 'delete',
      minInsyncReplicas: 2,
      acls: [
        { principal: 'user:order-service', operations: ['Read', 'Write'] },
        { principal: 'user:analytics', operations: ['Read'] },
      ],
      // Keep the topic and its data if the RivvenTopic is ever removed from Git.
      deleteOnRemove: false,
      labels: { team: 'orders' },
    },
    'cdc.events': { partitions: 6, replicationFactor: 3, retention: '3d', minInsyncReplicas: 2 },
    'cdc.orders': { partitions: 6, replicationFactor: 3, retention: '3d', minInsyncReplicas: 2 },
    'cdc.transactions': { partitions: 3, replicationFactor: 3, retention: '3d' },
    'cdc.schema-changes': { partitions: 1, replicationFactor: 3, retention: '30d', cleanupPolicy: 'compact' },
    'cdc.dlq': { partitions: 3, replicationFactor: 3, retention: '14d' },
  },

  // The guide's CDC pipeline. Its parallel, health and router blocks are accepted by the model but
  // the postgres-cdc connector of 0.0.22 does not read them (RG501), so they are left out here.
  connect: {
    'cdc-pipeline': {
      replicas: 2,
      resources: { requests: { cpu: '500m', memory: '1Gi' }, limits: { memory: '2Gi' } },
      sources: {
        'postgres-cdc': {
          connector: 'postgres-cdc',
          topic: 'cdc.events',
          configSecretRef: 'postgres-credentials',
          postgresCdc: {
            slotName: 'rivven_slot',
            publication: 'rivven_pub',
            snapshotMode: 'initial',
            tables: [
              { schema: 'public', table: 'orders', columns: ['id', 'customer_id', 'total'] },
              { schema: 'public', table: 'customers', columnMasks: { email: '***@***.***' } },
            ],
            snapshot: { batchSize: 20000, parallelTables: 8, queryTimeoutSecs: 600, maxRetries: 5 },
            incrementalSnapshot: { chunkSize: 2048, watermarkStrategy: 'update_and_insert', maxConcurrentChunks: 4 },
            heartbeat: { intervalSecs: 5 },
            deduplication: { bloomExpectedInsertions: 500000, bloomFpp: 0.001, lruSize: 50000, windowSecs: 7200 },
            transactionTopic: { topicName: 'cdc.transactions', includeDataCollections: true },
            schemaChangeTopic: { topicName: 'cdc.schema-changes', includeColumns: true },
            transforms: [{ type: 'mask_field', config: { fields: ['ssn', 'credit_card'], replacement: '***' } }],
          },
        },
      },
      sinks: {
        's3-archive': {
          connector: 's3',
          topics: ['cdc.*'],
          consumerGroup: 's3-archiver',
          configSecretRef: 's3-credentials',
          config: { bucket: 'data-lake', format: 'parquet', compression: 'zstd' },
        },
      },
    },
  },

  schemaRegistry: {
    replicas: 2,
    server: { port: 8081, timeoutSeconds: 30, corsEnabled: true },
    storage: { mode: 'broker', topic: '_schemas', replicationFactor: 3 },
    compatibility: {
      defaultLevel: 'BACKWARD',
      subjects: { 'orders-events-value': 'FULL', 'user-profile-value': 'FORWARD' },
    },
    schemas: { avro: true, jsonSchema: true, protobuf: true },
    resources: { requests: { cpu: '500m', memory: '1Gi' }, limits: { memory: '2Gi' } },
    podDisruptionBudget: { enabled: true, maxUnavailable: 1 },
  },

  monitoring: {
    serviceMonitor: true,
    interval: '15s',
    labels: { release: 'kube-prometheus-stack' },
  },

  networkPolicy: { allowedNamespaces: ['orders', 'analytics'] },

  backup: { method: 'volume-snapshot', schedule: '0 2 * * *', volumeSnapshot: { keep: 7 } },

  operator: { install: true },

  argocd: {
    repoURL: 'https://github.com/example/rivven-fleet.git',
    targetRevision: 'main',
  },
});
