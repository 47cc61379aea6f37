/**
 * The broker StatefulSet of the `manifests` target: `rivvend` configured through its real RIVVEN_*
 * variables (it has no config file), on its real ports, with probes that survive a cluster that has
 * not elected a Raft leader yet. Object names and pod labels are the operator's, so everything else
 * (Services, monitors, policies, runbooks) reads the same under both targets.
 */
import type { Finding } from '../errors/diagnostic.js';
import { finding } from '../errors/catalog.js';
import type { ResolvedConfig, ResolvedEnvironment } from '../model/types.js';
import { k8sObject, toContainerEnv, type K8sObject } from './k8s-object.js';
import {
  brokerNames,
  brokerPorts,
  brokerSelector,
  commonLabels,
  images,
  restrictedContainerSecurityContext,
  restrictedPodSecurityContext,
} from './names.js';
import { brokerHttpScheme, brokerTlsSecretName } from './tls.js';
import { renderRivvendEnv, rivvendTable, type EnvValue } from '../fields/rivvend.js';

export const brokerDataDir = '/data';
export const brokerTlsDir = '/etc/rivven/tls';
export const brokerClientCaDir = '/etc/rivven/client-ca';
/** rivvend's defaults for replication (cli.rs); it refuses to start when min ISR exceeds the factor. */
const rivvendDefaultReplicationFactor = 3;
const rivvendDefaultMinIsr = 2;

type EnvVar = Record<string, unknown> & { name: string };

/**
 * `cluster` whenever more than one broker can exist (now, or after the HPA scales up): a standalone
 * rivvend never joins peers, and switching mode later would restart every pod. One fixed broker runs
 * `standalone`, which is its own Raft leader at once (so `/health` turns 200) and needs no token or seeds.
 */
export function brokerMode(config: Pick<ResolvedConfig, 'cluster' | 'autoscaling'>): 'cluster' | 'standalone' {
  const scalable = config.autoscaling?.enabled === true && config.autoscaling.maxReplicas > 1;
  return config.cluster.replicas > 1 || scalable ? 'cluster' : 'standalone';
}

/**
 * RIVVEN_SEEDS: every broker's stable DNS name through the headless Service, with this environment's
 * namespace (so the value differs per environment and is rendered per environment). With an HPA only
 * the brokers that always exist (below minReplicas) are seeds; later ones join through them.
 */
export function brokerSeeds(config: Pick<ResolvedConfig, 'cluster' | 'autoscaling' | 'namespace'>): string[] {
  const names = brokerNames(config);
  const always = config.autoscaling?.enabled ? Math.min(config.cluster.replicas, config.autoscaling.minReplicas) : config.cluster.replicas;
  return Array.from(
    { length: Math.max(1, always) },
    (_, i) => `${names.statefulSet}-${i}.${names.headlessService}.${config.namespace}.svc.cluster.local:${brokerPorts.cluster}`,
  );
}

function fieldRef(name: string, fieldPath: string): EnvVar {
  return { name, valueFrom: { fieldRef: { fieldPath } } };
}

/**
 * Ordered (the rivvend table's order): Kubernetes expands `$(POD_IP)` only from variables defined
 * earlier in the list. Settings copied from the config come from the table; these are computed.
 */
function renderEnv(config: ResolvedConfig): EnvVar[] {
  const c = config.cluster;
  const cluster = brokerMode(config) === 'cluster';
  const tls = brokerTlsSecretName(config) !== undefined;
  const guide = c.config;
  // rivvend refuses to start when min ISR (default 2) exceeds the replication factor, so a factor of 1
  // written alone brings min ISR down with it rather than crash-looping every broker.
  const minIsr = guide?.minInsyncReplicas ?? (guide?.defaultReplicationFactor !== undefined && guide.defaultReplicationFactor < rivvendDefaultMinIsr ? guide.defaultReplicationFactor : undefined);
  const value = (v: string): EnvValue => ({ value: v });
  const env: EnvVar[] = [
    fieldRef('POD_IP', 'status.podIP'),
    ...renderRivvendEnv(rivvendTable, c, {
      RIVVEN_MODE: value(brokerMode(config)),
      // rivvend takes the node id as a string and hashes it into Raft's numeric id (cli.rs `node_id:
      // Option<String>`, raft_api `hash_node_id`), so the pod name works, and a StatefulSet pod keeps
      // its name (and so its Raft identity) across restarts and rescheduling.
      RIVVEN_NODE_ID: { valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
      RIVVEN_BIND: value(`0.0.0.0:${brokerPorts.client}`),
      RIVVEN_CLUSTER_BIND: value(`0.0.0.0:${brokerPorts.cluster}`),
      RIVVEN_API_BIND: value(`0.0.0.0:${brokerPorts.http}`),
      RIVVEN_DATA_DIR: value(brokerDataDir),
      RIVVEN_SEEDS: cluster ? value(brokerSeeds(config).join(',')) : undefined,
      // Parsed as a SocketAddr: a DNS name fails, so the pod IP from the downward API it is.
      RIVVEN_ADVERTISE_ADDR: cluster ? value(`$(POD_IP):${brokerPorts.cluster}`) : undefined,
      RIVVEN_TLS_ENABLED: tls ? value('true') : undefined,
      RIVVEN_TLS_CERT: tls ? value(`${brokerTlsDir}/tls.crt`) : undefined,
      RIVVEN_TLS_KEY: tls ? value(`${brokerTlsDir}/tls.key`) : undefined,
      // With mTLS rivvend's one CA setting verifies client certificates and is trusted when it dials
      // peer brokers over HTTPS, so the client CA bundle must also hold the broker issuer's CA.
      // Without it rivvend dials peers trusting only public roots, which never signed an in-cluster
      // name: cert-manager writes the issuer's CA as ca.crt (internal names rule out ACME issuers);
      // an existing Secret may lack ca.crt, and a missing file would stop rivvend, so it is left out.
      RIVVEN_TLS_CA: !tls ? undefined : c.tls.mtls?.enabled ? value(`${brokerClientCaDir}/ca.crt`) : c.tls.existingSecret === undefined ? value(`${brokerTlsDir}/ca.crt`) : undefined,
      RIVVEN_TLS_VERIFY_CLIENT: tls && c.tls.mtls?.enabled ? value('true') : undefined,
      RIVVEN_MIN_ISR: minIsr === undefined ? undefined : value(String(minIsr)),
    }),
  ];
  // A variable the user sets replaces the generated one; theirs come last so they may use $(POD_IP).
  const own = new Set((c.env ?? []).map((v) => v.name));
  return [...env.filter((v) => !own.has(v.name)), ...(c.env ?? []).map((v) => ({ ...toContainerEnv(v), name: v.name }))];
}

/**
 * Readiness asks `/health`, which is 200 only while a Raft leader is known: a broker without a leader
 * must not get client traffic. Liveness and startup only check that the HTTP listener accepts
 * connections: restarting brokers because the cluster has no leader (say, during a quorum loss) would
 * make the outage worse. Startup is generous because a broker replays its WAL before listening.
 */
function renderProbes(config: ResolvedConfig): Record<string, unknown> {
  const c = config.cluster;
  // With TLS on, rivvend serves its HTTP API over TLS too (raft_api.rs); kubelet skips verification.
  const scheme = brokerHttpScheme(config) === 'https' ? 'HTTPS' : 'HTTP';
  const listening = { tcpSocket: { port: 'http' } };
  return {
    startupProbe: { ...listening, periodSeconds: 10, timeoutSeconds: 3, failureThreshold: 30 },
    livenessProbe: { ...listening, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 6, ...c.probes?.liveness },
    readinessProbe: { httpGet: { path: '/health', port: 'http', scheme }, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 3, ...c.probes?.readiness },
  };
}

function renderAffinity(config: ResolvedConfig): Record<string, unknown> | undefined {
  const term = { labelSelector: { matchLabels: brokerSelector(config) }, topologyKey: 'kubernetes.io/hostname' };
  switch (config.cluster.placement.antiAffinity) {
    case 'required':
      return { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term] } };
    case 'preferred':
      return { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: term }] } };
    case 'none':
      return undefined;
  }
}

function renderVolumes(config: ResolvedConfig): { volumes: Record<string, unknown>[]; mounts: Record<string, unknown>[] } {
  // The image is FROM scratch with a read-only root: /tmp does not even exist, so anything that asks
  // for a temp dir gets a small writable one instead of failing with EROFS/ENOENT.
  const volumes: Record<string, unknown>[] = [{ name: 'tmp', emptyDir: {} }];
  const mounts: Record<string, unknown>[] = [
    { name: 'data', mountPath: brokerDataDir },
    { name: 'tmp', mountPath: '/tmp' },
  ];
  const secretName = brokerTlsSecretName(config);
  if (secretName !== undefined) {
    volumes.push({ name: 'tls', secret: { secretName } });
    mounts.push({ name: 'tls', mountPath: brokerTlsDir, readOnly: true });
    const mtls = config.cluster.tls.mtls;
    if (mtls?.enabled) {
      volumes.push({ name: 'client-ca', secret: { secretName: mtls.clientCASecret, items: [{ key: 'ca.crt', path: 'ca.crt' }] } });
      mounts.push({ name: 'client-ca', mountPath: brokerClientCaDir, readOnly: true });
    }
  }
  return { volumes, mounts };
}

/** The broker StatefulSet (target `manifests` only; the operator renders its own). */
export function renderBrokerStatefulSet(env: ResolvedEnvironment): K8sObject[] {
  const { config } = env;
  if (config.target !== 'manifests') return [];
  const c = config.cluster;
  const names = brokerNames(config);
  const selector = brokerSelector(config);
  const { volumes, mounts } = renderVolumes(config);
  const container = {
    name: 'rivvend',
    image: images(config).broker,
    imagePullPolicy: c.imagePullPolicy,
    ports: [
      { name: 'client', containerPort: brokerPorts.client, protocol: 'TCP' },
      { name: 'cluster', containerPort: brokerPorts.cluster, protocol: 'TCP' },
      // SWIM membership gossip binds a UDP socket on the cluster address (rivven-cluster membership.rs).
      { name: 'gossip', containerPort: brokerPorts.cluster, protocol: 'UDP' },
      { name: 'http', containerPort: brokerPorts.http, protocol: 'TCP' },
    ],
    env: renderEnv(config),
    resources: c.resources,
    ...renderProbes(config),
    volumeMounts: mounts,
    // rivvend writes only to /data (and /tmp above), so the root filesystem can be read-only.
    securityContext: restrictedContainerSecurityContext({ readOnlyRootFilesystem: true }),
  };
  return [
    k8sObject('apps/v1', 'StatefulSet', { name: names.statefulSet, namespace: config.namespace, labels: commonLabels(env, 'broker') }, {
      spec: {
        serviceName: names.headlessService,
        replicas: c.replicas,
        // Brokers must all be up to elect a leader; ordered start would wait for a readiness that
        // needs the very peers it holds back.
        podManagementPolicy: 'Parallel',
        selector: { matchLabels: selector },
        template: {
          metadata: { labels: { ...commonLabels(env, 'broker'), ...c.podLabels, ...selector }, annotations: c.podAnnotations },
          spec: {
            serviceAccountName: c.serviceAccountName,
            // rivvend never calls the Kubernetes API.
            automountServiceAccountToken: false,
            securityContext: { ...restrictedPodSecurityContext(), fsGroupChangePolicy: 'OnRootMismatch' },
            terminationGracePeriodSeconds: 60,
            imagePullSecrets: c.imagePullSecrets?.map((name) => ({ name })),
            nodeSelector: c.placement.nodeSelector,
            tolerations: c.placement.tolerations,
            affinity: renderAffinity(config),
            topologySpreadConstraints: c.placement.zoneSpread
              ? [{ maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: selector } }]
              : undefined,
            containers: [container],
            volumes,
          },
        },
        volumeClaimTemplates: [
          {
            // Selector labels on the claims let `kubectl get pvc -l` (and the runbook) find them.
            metadata: { name: 'data', labels: selector },
            spec: {
              accessModes: [...c.storage.accessModes],
              storageClassName: c.storage.storageClassName,
              resources: { requests: { storage: c.storage.size } },
            },
          },
        ],
      },
    }),
  ];
}

/** Broker settings rivvend would refuse at start (target `manifests`). */
export function findBrokerStatefulSetIssues(env: ResolvedEnvironment): Finding[] {
  const { config } = env;
  if (config.target !== 'manifests') return [];
  const guide = config.cluster.config;
  const factor = guide?.defaultReplicationFactor ?? rivvendDefaultReplicationFactor;
  if (guide?.minInsyncReplicas !== undefined && guide.minInsyncReplicas > factor) {
    return [
      finding('RG510', {
        path: 'cluster.config.minInsyncReplicas',
        message: `RIVVEN_MIN_ISR ${guide.minInsyncReplicas} exceeds the default replication factor ${factor}${guide.defaultReplicationFactor === undefined ? " (rivvend's default)" : ''}: rivvend refuses to start, so every broker would crash-loop.`,
      }),
    ];
  }
  return [];
}
