/**
 * What the broker `rivvend` 0.0.22 really reads, listens on and serves. The `manifests` renderers,
 * the monitors, the network policies and the runbook are held to this table by tests.
 */
import { cite, files, type Citation } from './citation.js';

export type ListenerName = 'client' | 'cluster' | 'http';

export interface ListenerFact {
  readonly port: number;
  /** The variable that sets its bind address. */
  readonly bindEnv: string;
  readonly protocols: readonly ('TCP' | 'UDP')[];
  readonly serves: string;
  /**
   * What TLS does on this listener in the published image when RIVVEN_TLS_ENABLED=true:
   * `served` (the listener speaks TLS), `compiled-out` (stays plaintext: the release build lacks the
   * cargo feature), `peer` (used only between brokers).
   */
  readonly tlsWhenEnabled: 'served' | 'compiled-out' | 'peer';
  /** HTTP paths served, for HTTP listeners. */
  readonly paths?: readonly string[];
  readonly cite: readonly Citation[];
}

export const rivvendListeners: Readonly<Record<ListenerName, ListenerFact>> = {
  client: {
    port: 9092,
    bindEnv: 'RIVVEN_BIND',
    protocols: ['TCP'],
    serves: 'the client protocol (a custom binary protocol, not gRPC or HTTP)',
    tlsWhenEnabled: 'compiled-out',
    cite: [
      cite(files.rivvendCli, '33'),
      cite(files.rivvendCargo, '10-15'),
      cite(files.release, '336-341'),
      cite(files.clusterServer, '288-329'),
    ],
  },
  cluster: {
    port: 9093,
    bindEnv: 'RIVVEN_CLUSTER_BIND',
    // SWIM membership gossip binds UDP on the same address.
    protocols: ['TCP', 'UDP'],
    serves: 'broker-to-broker transport and SWIM gossip (default: the client port + 1)',
    tlsWhenEnabled: 'peer',
    cite: [cite(files.rivvendCli, '349-353')],
  },
  http: {
    port: 9094,
    bindEnv: 'RIVVEN_API_BIND',
    protocols: ['TCP'],
    serves: 'the HTTP API: Raft RPCs, /health, /metrics, /metrics/json',
    // start_raft_api_server_with_tls: axum-server with rustls, always compiled in (Cargo.toml
    // axum-server features = ["tls-rustls"]), fed by RIVVEN_TLS_ENABLED/CERT/KEY.
    tlsWhenEnabled: 'served',
    paths: ['/health', '/metrics', '/metrics/json'],
    cite: [cite(files.rivvendCli, '178'), cite(files.raftApi, '378-379'), cite(files.raftApi, '1629-1637'), cite(files.rivvendCargo, '39')],
  },
};

/** The scheme each HTTP listener is scraped and probed with. */
export function httpListenerScheme(tlsEnabled: boolean): 'http' | 'https' {
  return tlsEnabled && rivvendListeners.http.tlsWhenEnabled === 'served' ? 'https' : 'http';
}

export interface EnvFact {
  readonly default?: string;
  readonly note: string;
  readonly cite: readonly Citation[];
}

/** Every RIVVEN_* variable rivvend 0.0.22 reads (its flags' `env =` names); nothing else reaches it. */
export const rivvendEnv: Readonly<Record<string, EnvFact>> = {
  RIVVEN_BIND: { default: '0.0.0.0:9092', note: 'client listener (a SocketAddr)', cite: [cite(files.rivvendCli, '33')] },
  RIVVEN_CLUSTER_BIND: { default: 'bind port + 1', note: 'cluster listener', cite: [cite(files.rivvendCli, '349-353')] },
  RIVVEN_API_BIND: { default: '0.0.0.0:9094', note: 'HTTP API (health, metrics, Raft)', cite: [cite(files.rivvendCli, '178')] },
  RIVVEN_DATA_DIR: { default: './data', note: 'data directory', cite: [cite(files.rivvendCli, '37')] },
  RIVVEN_DEFAULT_PARTITIONS: { default: '3', note: 'partitions of a topic created without a count', cite: [cite(files.rivvendCli, '45')] },
  RIVVEN_MAX_SEGMENT_SIZE: { note: 'segment size, broker-wide', cite: [cite(files.rivvendCli, '49')] },
  RIVVEN_MODE: { default: 'standalone', note: '`standalone` or `cluster`', cite: [cite(files.rivvendCli, '58-72')] },
  RIVVEN_NODE_ID: { note: 'required in cluster mode (a string, hashed into the Raft id)', cite: [cite(files.rivvendCli, '58-72')] },
  RIVVEN_CLUSTER_NAME: { note: 'cluster name (cluster mode)', cite: [cite(files.rivvendCli, '66')] },
  RIVVEN_SEEDS: { note: 'comma list of host:9093 peers', cite: [cite(files.rivvendCli, '58-72')] },
  RIVVEN_ADVERTISE_ADDR: { note: 'a SocketAddr: an IP, not a DNS name', cite: [cite(files.rivvendCli, '58-72')] },
  RIVVEN_REPLICATION_FACTOR: { default: '3', note: 'replication factor of every topic, broker-wide', cite: [cite(files.rivvendCli, '94')] },
  RIVVEN_MIN_ISR: { default: '2', note: 'min in-sync replicas, broker-wide; rivvend refuses to start above the factor', cite: [cite(files.rivvendCli, '98')] },
  RIVVEN_RAFT_HEARTBEAT_MS: { note: 'Raft heartbeat', cite: [cite(files.rivvendCli, '124-133')] },
  RIVVEN_RAFT_ELECTION_MIN_MS: { note: 'Raft election timeout (min)', cite: [cite(files.rivvendCli, '124-133')] },
  RIVVEN_RAFT_ELECTION_MAX_MS: { note: 'Raft election timeout (max)', cite: [cite(files.rivvendCli, '124-133')] },
  RIVVEN_METRICS: { note: 'parsed; metrics are served on the HTTP API regardless', cite: [cite(files.rivvendCli, '170-175')] },
  RIVVEN_METRICS_BIND: { default: '0.0.0.0:9090', note: 'parsed and never used: nothing listens on 9090', cite: [cite(files.rivvendCli, '170-175')] },
  RIVVEN_TLS_ENABLED: { default: 'false', note: 'TLS on the HTTP API (and on the client port only in builds with the `tls` feature)', cite: [cite(files.rivvendCli, '201-218')] },
  RIVVEN_TLS_CERT: { note: 'PEM certificate path', cite: [cite(files.rivvendCli, '205-210')] },
  RIVVEN_TLS_KEY: { note: 'PEM key path', cite: [cite(files.rivvendCli, '205-210')] },
  RIVVEN_TLS_CA: { note: 'CA path: verifies clients and peers', cite: [cite(files.rivvendCli, '201-218')] },
  RIVVEN_TLS_VERIFY_CLIENT: { default: 'false', note: 'require client certificates', cite: [cite(files.rivvendCli, '201-218')] },
  RIVVEN_NO_REQUIRE_AUTH: { default: 'false', note: 'auth is on by default (SASL/PLAIN, SCRAM-SHA-256)', cite: [cite(files.clusterServer, '279-285')] },
  RIVVEN_CLUSTER_AUTH_TOKEN: { note: 'required in cluster mode; protects the Raft API', cite: [cite(files.rivvendCli, '232-233')] },
  RIVVEN_DATACENTER: { note: 'rack awareness', cite: [cite(files.rivvendCli, '26-234')] },
  RIVVEN_RACK: { note: 'rack awareness', cite: [cite(files.rivvendCli, '26-234')] },
};

/** Kubernetes-side helper variables rivvend ignores but our env refers to (`$(POD_IP)`). */
export const helperEnv: readonly string[] = ['POD_IP'];

export const rivvendHealth = {
  path: '/health',
  listener: 'http' as ListenerName,
  meaning: '200 while a Raft leader is known, else 503; there is no /ready, /health/live or /health/ready',
  cite: [cite(files.raftApi, '378')],
} as const;

/** The published images (`FROM scratch`, one binary each, at /app). */
export const rivvenImages = {
  repositories: ['ghcr.io/hupe1980/rivvend', 'ghcr.io/hupe1980/rivven-connect', 'ghcr.io/hupe1980/rivven-operator', 'ghcr.io/hupe1980/rivven-schema'],
  missing: 'ghcr.io/hupe1980/rivven',
  binary: '/app',
  user: 65532,
  group: 65532,
  shell: false,
  /** No published image carries the `rivven` CLI: each image copies one binary (ARG BINARY). */
  carriesCli: false,
  cite: [cite(files.dockerfile, '26,32,48,61,63'), cite(files.release, '438-453')],
} as const;

/**
 * Whether `image` is the published broker image (or unset, which renders it): the one known to lack
 * client TLS (RG424). An image someone built may have the `tls` feature.
 */
export function isPublishedBrokerImage(image: string | undefined): boolean {
  return image === undefined || image.startsWith('ghcr.io/hupe1980/rivvend:');
}

/** Broker auth: on by default, and 0.0.22 has no way to load users (RG427). */
export const rivvendUsers = {
  summary: 'rivvend 0.0.22 starts with an empty user store and reads users from no flag, variable or file',
  cite: [cite(files.clusterServer, '279-285,1518-1521'), cite(files.rivvendCli, '26-234')],
} as const;

/** What the `rivven` CLI can do against a broker. */
export const rivvenCli = {
  topicCreate: 'rivven topic create NAME -p PARTITIONS -s HOST:PORT',
  /** `Client::connect(server)`: no credentials and no TLS options on any subcommand. */
  authenticates: false,
  tls: false,
  /** Only a name and a partition count reach the broker. */
  topicSettings: ['partitions'],
  cite: [cite(files.rivvenCli, '92-108,186-193')],
} as const;

/** Metrics rivven-connect exports (the only other Rivven process with metrics). */
export const connectMetrics: readonly string[] = ['rivven_connect_lag', 'rivven_cdc_lag_milliseconds'];

/** Metric names the deployment guide's alerts use that no Rivven process exports. */
export const unexportedGuideMetrics: readonly string[] = ['rivven_consumer_lag_records', 'rivven_storage_bytes_used', 'rivven_storage_bytes_total'];

/** Metrics rivvend exports on /metrics. */
export const rivvendMetrics: readonly string[] = [
  'rivven_raft_node_id',
  'rivven_raft_is_leader',
  'rivven_raft_current_term',
  'rivven_raft_last_log_index',
  'rivven_raft_applied_index',
  'rivven_raft_cluster_voters',
  'rivven_raft_cluster_learners',
  'rivven_info',
];

export interface AuthSettingFact {
  /** Whether rivvend 0.0.22 reads anything this setting renders. */
  readonly read: boolean;
  readonly fact: string;
  readonly cite: readonly Citation[];
}

/**
 * What rivvend 0.0.22 does with each client-auth setting of the config (RG429, RG430). Its flags
 * (cli.rs) are the only inputs: RIVVEN_NO_REQUIRE_AUTH switches auth off, RIVVEN_TLS_CA and
 * RIVVEN_TLS_VERIFY_CLIENT verify client certificates, and RIVVEN_CLUSTER_AUTH_TOKEN protects the Raft
 * API between brokers. Nothing loads users, client tokens or authorization policies.
 */
export const rivvendAuthSettings = {
  scramUsers: { read: false, fact: 'no flag, variable or file loads SCRAM users: the AuthManager starts empty', cite: rivvendUsers.cite },
  clientToken: {
    read: false,
    fact: 'the only token rivvend reads is RIVVEN_CLUSTER_AUTH_TOKEN, which guards Raft RPCs between brokers; clients cannot log in with a token',
    cite: [cite(files.rivvendCli, '232-233'), cite(files.rivvendCli, '26-234')],
  },
  authorization: { read: false, fact: 'no flag or variable loads authorization rules (RBAC or Cedar policies)', cite: [cite(files.rivvendCli, '26-234')] },
  clientCertificates: {
    read: true,
    fact: 'RIVVEN_TLS_CA and RIVVEN_TLS_VERIFY_CLIENT verify client certificates, but only on a client listener that speaks TLS: the published image keeps 9092 plaintext (no `tls` feature)',
    cite: [cite(files.rivvendCli, '201-218'), cite(files.rivvendCargo, '10-15'), cite(files.release, '336-341')],
  },
  noRequireAuth: { read: true, fact: 'RIVVEN_NO_REQUIRE_AUTH=true lets every client in without credentials', cite: [cite(files.clusterServer, '279-285')] },
} as const satisfies Record<string, AuthSettingFact>;
