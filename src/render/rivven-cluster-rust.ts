/**
 * The RivvenCluster spec in the field names the operator deserializes (crd.rs), for CRD schemas that
 * keep them (`operator.crds.schema` 'print-crd' or 'patched'). It carries the workarounds that make
 * the operator's own validation pass (fact table: operatorWorkarounds): serviceMonitor as an object,
 * an explicit config whose replication factor fits the replicas, and a PodDisruptionBudget written
 * as a percentage (the operator writes strings, which the API server accepts only as NN%). Fields the
 * chosen schemas prune are left out (RG426 says which).
 */
import type { Finding } from '../errors/diagnostic.js';
import { finding } from '../errors/catalog.js';
import { fieldSurvives } from '../facts/operator-view.js';
import type { CrdSchemaSource } from '../facts/operator-defects.js';
import type { ResolvedCluster, ResolvedConfig } from '../model/types.js';
import { brokerNames } from './names.js';

/** crd.rs default of config.defaultReplicationFactor; validation requires it ≤ replicas. */
const operatorDefaultReplicationFactor = 2;

/** An int-or-percent as the percentage string the API server accepts for the same pod count. */
export function pdbPercent(value: number | string, replicas: number): string {
  if (typeof value === 'string') return value;
  // Kubernetes scales PDB percentages rounding up, so the largest whole percent not above n/replicas
  // gives back n pods for up to 100 replicas (the CRD's maximum).
  return `${Math.floor((value * 100) / replicas)}%`;
}

function renderPdb(pdb: ResolvedCluster['pdb'], replicas: number): Record<string, unknown> {
  if (!pdb.enabled) return { enabled: false };
  // The other key is written as null: the operator's maxUnavailable default ("1") would otherwise
  // be sent alongside, and the API server refuses a PDB with both.
  if (pdb.minAvailable !== undefined) return { enabled: true, minAvailable: pdbPercent(pdb.minAvailable, replicas), maxUnavailable: null };
  return { enabled: true, minAvailable: null, maxUnavailable: pdbPercent(pdb.maxUnavailable ?? 1, replicas) };
}

function renderConfig(c: ResolvedCluster): Record<string, unknown> {
  const factor = Math.min(c.config?.defaultReplicationFactor ?? operatorDefaultReplicationFactor, c.replicas);
  return { ...(c.config?.defaultPartitions === undefined ? {} : { defaultPartitions: c.config.defaultPartitions }), defaultReplicationFactor: factor };
}

function renderTls(config: ResolvedConfig): Record<string, unknown> {
  const { tls } = config.cluster;
  if (!tls.enabled) return { enabled: false };
  const secret = tls.existingSecret ?? (tls.certManager ? brokerNames(config).certificate : undefined);
  return {
    enabled: true,
    certSecretName: secret,
    mtlsEnabled: tls.mtls?.enabled ?? false,
    caSecretName: tls.mtls?.enabled ? tls.mtls.clientCASecret : undefined,
  };
}

/** Spec fields in the operator's names; `shared` are the values both dialects render alike. */
export function renderRustClusterSpec(config: ResolvedConfig, shared: Record<string, unknown>): Record<string, unknown> {
  const c = config.cluster;
  const schema = config.operator.crds.schema;
  const spec: Record<string, unknown> = {
    replicas: c.replicas,
    image: shared['image'],
    imagePullSecrets: shared['imagePullSecrets'],
    storage: shared['storage'],
    resources: shared['resources'],
    config: renderConfig(c),
    tls: renderTls(config),
    // An object, never absent: its derived default (interval "") fails the operator's validation.
    // Disabled: rivven-gitops renders its own ServiceMonitor/PodMonitor.
    metrics: { enabled: true, serviceMonitor: { enabled: false, interval: '30s' } },
    affinity: shared['affinity'],
    nodeSelector: shared['nodeSelector'],
    tolerations: shared['tolerations'],
    podDisruptionBudget: renderPdb(c.pdb, c.replicas),
    serviceAccount: c.serviceAccountName,
    podAnnotations: c.podAnnotations,
    podLabels: c.podLabels,
    env: shared['env'],
    livenessProbe: shared['livenessProbe'],
    readinessProbe: shared['readinessProbe'],
    securityContext: shared['securityContext'],
    containerSecurityContext: shared['containerSecurityContext'],
  };
  return Object.fromEntries(Object.entries(spec).filter(([key]) => fieldSurvives('RivvenCluster', key, schema)));
}

/** Config that sets a field the chosen CRD schemas prune (RG426). */
const prunable: readonly { field: string; path: string; set: (c: ResolvedCluster) => boolean }[] = [
  { field: 'resources', path: 'cluster.resources', set: (c) => c.resources !== undefined },
  { field: 'tolerations', path: 'cluster.placement.tolerations', set: (c) => (c.placement.tolerations?.length ?? 0) > 0 },
  { field: 'affinity', path: 'cluster.placement.antiAffinity', set: (c) => c.placement.antiAffinity !== 'none' || c.placement.zoneSpread },
  { field: 'env', path: 'cluster.env', set: (c) => (c.env?.length ?? 0) > 0 || !c.auth.enabled || c.clusterAuthToken !== undefined },
];

export function findPrunedClusterFields(config: ResolvedConfig): Finding[] {
  const schema: CrdSchemaSource = config.operator.crds.schema;
  if (config.target !== 'operator' || schema === 'deploy-yaml') return [];
  return prunable
    .filter((p) => p.set(config.cluster) && !fieldSurvives('RivvenCluster', p.field, schema))
    .map((p) =>
      finding('RG426', {
        severity: 'warning',
        path: p.path,
        message: `RivvenCluster spec.${p.field} is not in the CRD that \`rivven-operator --print-crd\` generates (#[schemars(skip)], crd.rs:235-311): the API server prunes it, so this setting does not reach the brokers.`,
      }),
    );
}
