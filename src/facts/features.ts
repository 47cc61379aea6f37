/**
 * Per feature: does it work end to end on Rivven 0.0.22, per rivven-gitops target? The generated
 * docs/rivven-0.0.22.md is this table, the topic and operator tables, with their citations.
 */
import { cite, files, type Citation } from './citation.js';

export type Verdict = 'works' | 'workaround' | 'does-not-work';

export interface FeatureFact {
  readonly feature: string;
  readonly manifests: Verdict;
  readonly operator: Verdict;
  /** What happens, and the workaround where there is one. */
  readonly note: string;
  /** Codes rivven-gitops reports for it. */
  readonly codes: readonly string[];
  readonly cite: readonly Citation[];
}

export const featureFacts: readonly FeatureFact[] = [
  {
    feature: 'Brokers start',
    manifests: 'works',
    operator: 'does-not-work',
    note: 'The StatefulSet runs /app with RIVVEN_* variables. The operator runs `rivvend --config`, which the FROM scratch image and the flag set do not have.',
    codes: ['RG414'],
    cite: [cite(files.dockerfile, '48,63'), cite(files.resources, '411-415')],
  },
  {
    feature: 'Replicated Raft cluster',
    manifests: 'works',
    operator: 'does-not-work',
    note: 'RIVVEN_MODE=cluster, RIVVEN_NODE_ID from the pod name, RIVVEN_SEEDS through the headless Service, RIVVEN_ADVERTISE_ADDR from the pod IP, RIVVEN_CLUSTER_AUTH_TOKEN from a Secret.',
    codes: ['RG416', 'RG322'],
    cite: [cite(files.rivvendCli, '58-72,232-233'), cite(files.resources, '206-304')],
  },
  {
    feature: 'Health probes',
    manifests: 'works',
    operator: 'does-not-work',
    note: 'Readiness GETs /health on 9094 (200 with a Raft leader); liveness and startup check that 9094 accepts connections.',
    codes: ['RG415'],
    cite: [cite(files.raftApi, '378'), cite(files.resources, '327-363')],
  },
  {
    feature: 'Prometheus metrics',
    manifests: 'works',
    operator: 'workaround',
    note: '/metrics is on the HTTP API at 9094; the ServiceMonitor/PodMonitor re-point the target there (the operator exposes 9090, where nothing listens).',
    codes: [],
    cite: [cite(files.rivvendCli, '170-178'), cite(files.raftApi, '379'), cite(files.resources, '272-283')],
  },
  {
    feature: 'TLS on the HTTP API (9094)',
    manifests: 'works',
    operator: 'does-not-work',
    note: 'With RIVVEN_TLS_ENABLED/CERT/KEY the HTTP API serves HTTPS (start_raft_api_server_with_tls): probes, monitors and the runbook use https. The operator sets other variable names.',
    codes: ['RG417'],
    cite: [cite(files.raftApi, '1629-1637'), cite(files.rivvendCargo, '39'), cite(files.resources, '286-304')],
  },
  {
    feature: 'TLS and mTLS on the client port (9092)',
    manifests: 'does-not-work',
    operator: 'does-not-work',
    note: 'Client TLS is behind the `tls` cargo feature, which the release build does not enable: 9092 stays plaintext in the published image. Build rivvend with `--features tls` and set cluster.image to use it.',
    codes: ['RG424'],
    cite: [cite(files.rivvendCargo, '10-15'), cite(files.release, '336-341'), cite(files.clusterServer, '288-329')],
  },
  {
    feature: 'Client authentication (SASL/SCRAM)',
    manifests: 'does-not-work',
    operator: 'does-not-work',
    note: 'Auth is on by default, but rivvend starts with an empty user store and no flag or variable loads users, so every client is refused; the operator’s own client never authenticates either. Nothing reads SCRAM users, client tokens or RBAC rules (RG429). Turning auth off (RIVVEN_NO_REQUIRE_AUTH) and limiting the client port with NetworkPolicies is what works; under target manifests auth off without NetworkPolicies or effective mTLS is an error (RG430).',
    codes: ['RG427', 'RG429', 'RG430', 'RG418'],
    cite: [cite(files.clusterServer, '279-285,1518-1521'), cite(files.rivvendCli, '26-234'), cite(files.clusterClient, '97')],
  },
  {
    feature: 'Topics: creation',
    manifests: 'workaround',
    operator: 'does-not-work',
    note: 'No published image carries the `rivven` CLI and it cannot authenticate. With a CLI image you build and auth off, `topicJob` renders an idempotent PostSync Job (`rivven topic info || rivven topic create NAME -p N`); otherwise create them with the CLI outside the fleet. Whether a producer’s first write creates a topic on 0.0.22 is not confirmed (seen only in a later commit); if it does, the broker defaults apply (cluster.config → RIVVEN_DEFAULT_PARTITIONS, RIVVEN_REPLICATION_FACTOR, RIVVEN_MIN_ISR).',
    codes: ['RG425', 'RG428', 'RG328'],
    cite: [cite(files.rivvenCli, '92-108,186-193'), cite(files.release, '438-453'), cite(files.produce, '48-58', 'later-commit')],
  },
  {
    feature: 'Topics: per-topic settings (retention, cleanup, compression, ACLs, labels, …)',
    manifests: 'does-not-work',
    operator: 'does-not-work',
    note: 'Nothing carries per-topic settings to a 0.0.22 broker; the operator’s status claims ConfigApplied/ACLsApplied anyway.',
    codes: ['RG425'],
    cite: [cite(files.clusterClient, '147-156'), cite(files.topicController, '345-370')],
  },
  {
    feature: 'Connect pipelines',
    manifests: 'does-not-work',
    operator: 'does-not-work',
    note: 'rivven-gitops renders pipelines only as RivvenConnect, and the operator starts rivven-connect with arguments clap rejects.',
    codes: ['RG328', 'RG419'],
    cite: [cite(files.connectController, '421-425'), cite(files.connectMain, '55-57')],
  },
  {
    feature: 'Schema registry',
    manifests: 'does-not-work',
    operator: 'does-not-work',
    note: 'rivven-gitops renders it only as RivvenSchemaRegistry, whose Deployment the API server always rejects; the binary keeps schemas in memory with auth off anyway.',
    codes: ['RG328', 'RG420'],
    cite: [cite(files.registryController, '409-435,590-609'), cite(files.schemaMain, '184,190')],
  },
  {
    feature: 'PodDisruptionBudget',
    manifests: 'works',
    operator: 'workaround',
    note: 'The operator writes strings ("1"), which the API server accepts only as percentages: with operator.crds.schema "print-crd" rivven-gitops writes a percentage or disables it.',
    codes: ['RG421'],
    cite: [cite(files.resources, '631-640'), cite(files.crd, '724-726')],
  },
  {
    feature: 'Debugging inside broker pods',
    manifests: 'workaround',
    operator: 'workaround',
    note: 'The images have no shell: the runbook uses an ephemeral debug container running as the image user 65532.',
    codes: [],
    cite: [cite(files.dockerfile, '32,61')],
  },
];
