// The fleet's base configuration, modelled on the Rivven deployment guide. Environments under
// environments/ change only what differs; `npx rivven-gitops explain prod cluster.replicas` shows where
// any value comes from.
import { defineConfig } from 'rivven-gitops';

export default defineConfig({
  project: 'rivven',
  rivvenVersion: '0.0.22',
  // A StatefulSet running rivvend with the variables, ports and probes it really has. The operator
  // of 0.0.22 cannot bring up a working broker (RG414–RG423, docs/rivven-0.0.22.md), so it is not used.
  target: 'manifests',

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
    // Client auth off: rivvend 0.0.22 starts with an empty user store and can load no users, so with
    // auth on every client is refused (RG427). The client port is limited by networkPolicy below.
    auth: { enabled: false },
  },

  // Topics: Rivven 0.0.22 carries no per-topic settings to a broker (docs/rivven-0.0.22.md): a topic
  // gets the broker-wide defaults (3 partitions, replication factor 3, min ISR 2). The defaults below
  // say exactly that, so nothing here claims more than 0.0.22 applies (RG425 lists any setting that
  // would not be applied). Removing a topic from Git never deletes it.
  topicDefaults: { replicationFactor: 3, minInsyncReplicas: 2, deleteOnRemove: false },

  // Deliberate warning RG328 (once per environment): nothing in this fleet creates these topics; they
  // are declared so reviews name them. Whether rivvend 0.0.22 creates a topic on a producer's first
  // write is not confirmed (docs/rivven-0.0.22.md). No published image carries the rivven CLI: with one
  // you build, `topicJob: { image }` creates them; otherwise create them with `rivven topic create`.
  topics: {
    'orders-events': {},
    'cdc.events': {},
    'cdc.orders': {},
    'cdc.transactions': {},
    'cdc.schema-changes': {},
    'cdc.dlq': {},
  },

  // No connect pipelines and no schema registry: on 0.0.22 rivven-gitops can render them only as
  // operator resources, and the operator cannot run either (RG419, RG420; docs/rivven-0.0.22.md).

  monitoring: {
    serviceMonitor: true,
    interval: '15s',
    labels: { release: 'kube-prometheus-stack' },
  },

  networkPolicy: { allowedNamespaces: ['orders', 'analytics'] },

  backup: { method: 'volume-snapshot', schedule: '0 2 * * *', volumeSnapshot: { keep: 7 } },

  // Every Secret the brokers read is delivered by the External Secrets Operator from one
  // ClusterSecretStore: Git holds only the store keys, never a value. Each ExternalSecret carries exactly
  // the keys the brokers read, and a Secret read but delivered nowhere stops the build (RG350).
  secrets: {
    store: { kind: 'ClusterSecretStore', name: 'fleet-secrets' },
    items: { 'rivven-cluster-token': { remoteKey: 'rivven/cluster-token' } },
  },

  argocd: {
    repoURL: 'https://github.com/example/rivven-fleet.git',
    targetRevision: 'main',
  },
});
