/**
 * The RivvenCluster (operator target only), with exactly the fields of the real CRD. The guide's
 * `spec.version` becomes the image tag and its `spec.config` is not rendered: the CRD has neither and
 * the API server would prune them (RG401/RG402 say so during validation).
 */
import type { Finding } from '../errors/diagnostic.js';
import { finding } from '../errors/catalog.js';
import type { ResolvedCluster, ResolvedConfig, ResolvedEnvironment } from '../model/types.js';
import { k8sObject, toContainerEnv, type K8sObject } from './k8s-object.js';
import { findPrunedClusterFields, renderRustClusterSpec } from './rivven-cluster-rust.js';
import { brokerNames, brokerPorts, brokerPodExpressions, brokerPodLabels, commonLabels, images, restrictedContainerSecurityContext, restrictedPodSecurityContext } from './names.js';
import { rivvenApiVersion } from '../core/rivven.js';
import { clusterTable } from '../fields/cluster.js';
import { renderSpec } from '../fields/derive.js';
import { operatorRivvendRows, renderRivvendEnv } from '../fields/rivvend.js';

/** `spec.broker.retentionDurationSecs` minimum in the CRD. */
const minRetentionSecs = 60;
/** `spec.storage.accessModes` items the CRD enumerates. */
const crdAccessModes: readonly string[] = ['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany'];
/** Byte-size minimums of `spec.broker` in the CRD. */
const brokerMinimums = { segmentSize: 1_048_576, retentionSize: 1_048_576, maxMessageSize: 1024 } as const;

function retentionSecs(ms: number): number {
  return Math.max(minRetentionSecs, Math.round(ms / 1000));
}

function renderBroker(broker: ResolvedCluster['broker']): Record<string, unknown> | undefined {
  if (broker === undefined) return undefined;
  const spec = {
    segmentSizeBytes: broker.segmentSize,
    retentionSizeBytes: broker.retentionSize,
    retentionDurationSecs: broker.retention === undefined ? undefined : retentionSecs(broker.retention),
    compressionEnabled: broker.compressionEnabled,
    compressionLevel: broker.compressionLevel,
    indexIntervalBytes: broker.indexIntervalBytes,
    ackTimeoutMs: broker.ackTimeoutMs,
    maxMessageSizeBytes: broker.maxMessageSize,
    // rivvend listens on 9092/9093/9094 whatever the CRD says; any other port would only mislead the
    // operator's Services (validation warns with RG411), so only the real ports are ever written.
    clientPort: broker.clientPort === brokerPorts.client ? broker.clientPort : undefined,
    clusterPort: broker.clusterPort === brokerPorts.cluster ? broker.clusterPort : undefined,
    metricsPort: broker.metricsPort === brokerPorts.http ? broker.metricsPort : undefined,
  };
  return Object.values(spec).some((v) => v !== undefined) ? spec : undefined;
}

function renderAffinity(config: ResolvedConfig): Record<string, unknown> | undefined {
  const { antiAffinity, zoneSpread } = config.cluster.placement;
  // The operator labels its broker pods with name and instance only (no component), so selecting on
  // brokerSelector() would match nothing and the anti-affinity would silently never apply.
  const labelSelector = { matchLabels: brokerPodLabels(config), matchExpressions: [...brokerPodExpressions] };
  const hostTerm = { labelSelector, topologyKey: 'kubernetes.io/hostname' };
  const required = antiAffinity === 'required' ? [hostTerm] : [];
  const preferred: Record<string, unknown>[] = antiAffinity === 'preferred' ? [{ weight: 100, podAffinityTerm: hostTerm }] : [];
  if (zoneSpread) {
    // The CRD has no topologySpreadConstraints (affinity is the only placement field), so zone spread is
    // a preferred anti-affinity term per zone: the scheduler scores zones holding fewer brokers higher,
    // which spreads them evenly while still scheduling when brokers outnumber zones.
    preferred.push({ weight: 100, podAffinityTerm: { labelSelector, topologyKey: 'topology.kubernetes.io/zone' } });
  }
  if (required.length === 0 && preferred.length === 0) return undefined;
  return {
    podAntiAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: required.length > 0 ? required : undefined,
      preferredDuringSchedulingIgnoredDuringExecution: preferred.length > 0 ? preferred : undefined,
    },
  };
}

/**
 * The user's extra env plus the RIVVEN_* variables the operator does not set itself. Secrets are
 * referenced, never inlined. A variable the user sets explicitly replaces the generated one.
 */
function renderEnv(cluster: ResolvedCluster): Record<string, unknown>[] | undefined {
  const generated = renderRivvendEnv(operatorRivvendRows, cluster, {});
  const own = new Set((cluster.env ?? []).map((v) => v.name));
  const env = [...generated.filter((v) => !own.has(String(v['name']))), ...(cluster.env ?? []).map(toContainerEnv)];
  return env.length > 0 ? env : undefined;
}

function renderTls(config: ResolvedConfig): Record<string, unknown> {
  const { tls } = config.cluster;
  if (!tls.enabled) return { enabled: false };
  return {
    enabled: true,
    secretName: tls.existingSecret ?? (tls.certManager ? brokerNames(config).certificate : undefined),
    clientAuth: tls.mtls?.enabled ?? false,
  };
}

function renderPdb(pdb: ResolvedCluster['pdb']): Record<string, unknown> {
  if (!pdb.enabled) return { enabled: false };
  // A PodDisruptionBudget takes one of the two; minAvailable wins when both are written.
  if (pdb.minAvailable !== undefined) return { enabled: true, minAvailable: pdb.minAvailable };
  return { enabled: true, maxUnavailable: pdb.maxUnavailable ?? 1 };
}

/** The environment's RivvenCluster, or nothing for the `manifests` target. */
export function renderRivvenCluster(env: ResolvedEnvironment): K8sObject[] {
  const { config } = env;
  if (config.target !== 'operator') return [];
  const c = config.cluster;
  const metadata = { name: c.name, namespace: config.namespace, labels: commonLabels(env, 'broker') };
  if (config.operator.crds.schema !== 'deploy-yaml') {
    // The operator's own field names, for CRD schemas that keep them (rivven-cluster-rust.ts).
    const shared = {
      image: images(config).broker,
      imagePullSecrets: c.imagePullSecrets && [...c.imagePullSecrets],
      storage: { size: c.storage.size, storageClassName: c.storage.storageClassName, accessModes: [...c.storage.accessModes] },
      resources: c.resources,
      affinity: renderAffinity(config),
      nodeSelector: c.placement.nodeSelector,
      tolerations: c.placement.tolerations,
      env: renderEnv(c),
      livenessProbe: c.probes?.liveness,
      readinessProbe: c.probes?.readiness,
      securityContext: restrictedPodSecurityContext(),
      containerSecurityContext: restrictedContainerSecurityContext({ readOnlyRootFilesystem: true }),
    };
    return [k8sObject(rivvenApiVersion, 'RivvenCluster', metadata, { spec: renderRustClusterSpec(config, shared) })];
  }
  // The fields copied from the config come from the table's rows; these are computed from several settings.
  const computed = {
    image: images(config).broker,
    broker: renderBroker(c.broker),
    affinity: renderAffinity(config),
    env: renderEnv(c),
    tls: renderTls(config),
    // rivven-gitops renders its own ServiceMonitor/PodMonitor; the operator's would duplicate it.
    metrics: { enabled: true, serviceMonitor: false },
    pdb: renderPdb(c.pdb),
    securityContext: restrictedPodSecurityContext(),
    // The broker writes only to its /data volume, so the root filesystem can be read-only.
    containerSecurityContext: restrictedContainerSecurityContext({ readOnlyRootFilesystem: true }),
  };
  return [k8sObject(rivvenApiVersion, 'RivvenCluster', metadata, { spec: renderSpec(clusterTable, c, computed) })];
}

/**
 * What the RivvenCluster cannot carry as written: values the CRD rejects (RG504), values raised to
 * its minimum (RG505) and settings it has no field for (RG506). Operator target only.
 */
export function findRivvenClusterIssues(env: ResolvedEnvironment): Finding[] {
  const { config } = env;
  if (config.target !== 'operator') return [];
  const c = config.cluster;
  const findings: Finding[] = [...findPrunedClusterFields(config)];
  c.storage.accessModes.forEach((mode, i) => {
    if (!crdAccessModes.includes(mode)) {
      findings.push(finding('RG504', { path: `cluster.storage.accessModes[${i}]`, message: `RivvenCluster accepts only ${crdAccessModes.join(', ')}; "${mode}" would be refused by the API server.` }));
    }
  });
  for (const field of ['segmentSize', 'retentionSize', 'maxMessageSize'] as const) {
    const value = c.broker?.[field];
    const minimum = brokerMinimums[field];
    if (value !== undefined && value < minimum) {
      findings.push(finding('RG504', { path: `cluster.broker.${field}`, message: `${value} bytes is below the RivvenCluster minimum of ${minimum} bytes; the API server would refuse it.` }));
    }
  }
  if (c.broker?.retention !== undefined && c.broker.retention < minRetentionSecs * 1000) {
    findings.push(
      finding('RG505', { severity: 'warning', path: 'cluster.broker.retention', message: `Retention ${c.broker.retention} ms is below the CRD minimum of ${minRetentionSecs} s; ${minRetentionSecs} s is rendered.` }),
    );
  }
  if (c.imagePullPolicy !== 'IfNotPresent') {
    findings.push(finding('RG506', { severity: 'warning', path: 'cluster.imagePullPolicy', message: `RivvenCluster has no imagePullPolicy field; "${c.imagePullPolicy}" is not rendered and the operator's policy applies.` }));
  }
  const secretName = c.tls.existingSecret ?? (c.tls.certManager ? brokerNames(config).certificate : undefined);
  if (c.tls.enabled && c.tls.mtls?.enabled && c.tls.mtls.clientCASecret !== secretName) {
    findings.push(
      finding('RG506', {
        severity: 'warning',
        path: 'cluster.tls.mtls.clientCASecret',
        message: `RivvenCluster reads the client CA from ca.crt of the TLS secret "${secretName ?? '(none)'}"; the separate Secret "${c.tls.mtls.clientCASecret}" cannot be mounted.`,
        hint: 'Put the client CA into ca.crt of the broker TLS secret (cert-manager writes its issuer CA there), or use target "manifests".',
      }),
    );
  }
  return findings;
}
