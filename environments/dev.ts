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
  backup: null,
  argocd: { targetRevision: 'main' },
});
