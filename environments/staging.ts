// Staging: a three-broker cluster shaped like production (TLS, one broker per node), smaller volumes.
import { defineEnvironment } from 'rivven-gitops';

export default defineEnvironment({
  namespace: 'rivven-staging',
  profile: 'staging',
  cluster: {
    replicas: 3,
    storage: { size: '100Gi' },
    placement: { antiAffinity: 'required' },
    // Deliberate warning RG424: this encrypts the HTTP API on 9094 (probes, metrics, Raft between
    // brokers); the published rivvend image keeps the client port 9092 plaintext (no `tls` feature).
    tls: {
      enabled: true,
      // A CA issuer: brokers are dialled by in-cluster names (*.svc), which no ACME issuer can validate,
      // and rivvend trusts peers through the issuer's ca.crt that only a CA issuer writes.
      certManager: { issuerRef: { name: 'rivven-ca', kind: 'ClusterIssuer' } },
    },
  },
});
