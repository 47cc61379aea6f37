// Development: one broker, no replication, cheap storage; everything else from the base.
import { defineEnvironment } from 'rivven-gitops';

export default defineEnvironment({
  namespace: 'rivven-dev',
  profile: 'development',
  cluster: {
    replicas: 1,
    storage: { size: '10Gi' },
    resources: { requests: { cpu: '250m', memory: '512Mi' }, limits: { cpu: '1', memory: '2Gi' } },
  },
  topicDefaults: { replicationFactor: 1, minInsyncReplicas: 1 },
  topics: {
    'orders-events': { partitions: 3, replicationFactor: 1, minInsyncReplicas: 1, deleteOnRemove: true },
    'cdc.events': { replicationFactor: 1, minInsyncReplicas: 1 },
    'cdc.orders': { replicationFactor: 1, minInsyncReplicas: 1 },
    'cdc.transactions': { replicationFactor: 1 },
    'cdc.schema-changes': { replicationFactor: 1 },
    'cdc.dlq': { replicationFactor: 1 },
  },
  connect: { 'cdc-pipeline': { replicas: 1 } },
  schemaRegistry: { replicas: 1, storage: { replicationFactor: 1 } },
  backup: null,
  argocd: { targetRevision: 'main' },
});
