// Staging: a three-broker cluster shaped like production (TLS, one broker per node), smaller volumes.
import { defineEnvironment } from 'rivven-gitops';

export default defineEnvironment({
  namespace: 'rivven-staging',
  profile: 'staging',
  cluster: {
    replicas: 3,
    storage: { size: '100Gi' },
    placement: { antiAffinity: 'required' },
    tls: {
      enabled: true,
      certManager: { issuerRef: { name: 'letsencrypt-staging', kind: 'ClusterIssuer' } },
    },
  },
  topics: {
    'orders-events': { partitions: 12 },
  },
});
