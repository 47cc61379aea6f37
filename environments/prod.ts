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
    // Deliberate warning RG424: this encrypts the HTTP API on 9094 (probes, metrics, Raft between
    // brokers); the published rivvend image keeps the client port 9092 plaintext (no `tls` feature).
    tls: {
      enabled: true,
      // A CA issuer: brokers are dialled by in-cluster names (*.svc), which no ACME issuer can validate,
      // and rivvend trusts peers through the issuer's ca.crt that only a CA issuer writes.
      certManager: { issuerRef: { name: 'rivven-ca', kind: 'ClusterIssuer' } },
      mtls: { clientCASecret: 'rivven-client-ca' },
    },
  },
  // The client CA the brokers verify client certificates with: its ca.crt from the fleet's store.
  secrets: { items: { 'rivven-client-ca': { keys: { 'ca.crt': { key: 'rivven/prod/client-ca', property: 'ca.crt' } } } } },
  backup: { schedule: '0 2 * * *', volumeSnapshot: { keep: 14 } },
  // An escape hatch for what the DSL does not model: the brokers are scheduled before other pods.
  customize: {
    patches: {
      'broker-priority': {
        target: { kind: 'StatefulSet', name: 'rivven-main' },
        ops: [{ op: 'add', path: '/spec/template/spec/priorityClassName', value: 'system-cluster-critical' }],
      },
    },
  },
});
