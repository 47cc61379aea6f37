// Staging: a three-broker cluster like production's shape, smaller volumes.
import { defineEnvironment } from 'rivven-gitops';

export default defineEnvironment({
  namespace: 'rivven-staging',
  profile: 'staging',
  cluster: {
    replicas: 3,
    storage: { size: '100Gi' },
    placement: { antiAffinity: 'required' },
  },
  topics: {
    'orders-events': { partitions: 12 },
  },
});
