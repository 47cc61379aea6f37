// Production: five brokers spread over nodes and zones, TLS from cert-manager with client certificates,
// premium SSDs, daily volume snapshots.
import { defineEnvironment } from 'rivven-gitops';

export default defineEnvironment({
  namespace: 'rivven-prod',
  profile: 'production',
  cluster: {
    replicas: 5,
    storage: { size: '500Gi', storageClassName: 'premium-ssd' },
    placement: { antiAffinity: 'required', zoneSpread: true },
    tls: {
      enabled: true,
      certManager: { issuerRef: { name: 'letsencrypt-prod', kind: 'ClusterIssuer' } },
      mtls: { clientCASecret: 'rivven-client-ca' },
    },
  },
  topics: {
    'orders-events': { partitions: 24, labels: { team: 'orders', environment: 'production' } },
  },
  connect: { 'cdc-pipeline': { replicas: 3 } },
  schemaRegistry: { replicas: 2 },
  backup: { schedule: '0 2 * * *', volumeSnapshot: { keep: 14 } },
});
