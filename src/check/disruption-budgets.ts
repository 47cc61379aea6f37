/**
 * The PodDisruptionBudget of each replicated workload we can give one: the brokers (a PDB object
 * under `manifests`, `spec.pdb` of the RivvenCluster under the operator) and the schema registry
 * (`spec.podDisruptionBudget`). Connect has no PDB field and the operator runs one active leader, so
 * neither is listed.
 */
import type { ResolvedEnvironment } from '../model/types.js';
import type { K8sObject } from '../render/k8s-object.js';
import { brokerNames } from '../render/names.js';
import type { PathSegment } from '../core/path.js';
import { field, intOrPercentAt, numberAt } from './object-fields.js';

export interface Budget {
  readonly minAvailable?: number | string;
  readonly maxUnavailable?: number | string;
}

export interface ReplicatedWorkload {
  readonly label: string;
  readonly replicas: number;
  /** `operator-default`: enabled without numbers, so the operator picks them. */
  readonly budget: Budget | 'none' | 'operator-default';
  /** The config block of the budget. */
  readonly path: readonly PathSegment[];
  /** Raft voters: a budget must also keep a majority up. */
  readonly quorum: boolean;
}

function budgetOf(spec: unknown): Budget | 'operator-default' {
  const minAvailable = intOrPercentAt(spec, 'minAvailable');
  const maxUnavailable = intOrPercentAt(spec, 'maxUnavailable');
  if (minAvailable === undefined && maxUnavailable === undefined) return 'operator-default';
  return { ...(minAvailable === undefined ? {} : { minAvailable }), ...(maxUnavailable === undefined ? {} : { maxUnavailable }) };
}

export function replicatedWorkloads(env: ResolvedEnvironment, objects: readonly K8sObject[]): ReplicatedWorkload[] {
  const out: ReplicatedWorkload[] = [];
  const brokers = { replicas: env.config.cluster.replicas, path: ['cluster', 'pdb'], quorum: true };
  const cluster = objects.find((o) => o.kind === 'RivvenCluster');
  if (cluster !== undefined) {
    const pdb = field(cluster, 'spec', 'pdb');
    // The CRD defaults `pdb.enabled` to true: only an explicit false means no budget.
    out.push({ ...brokers, label: `RivvenCluster "${cluster.metadata.name}"`, budget: field(pdb, 'enabled') === false ? 'none' : budgetOf(pdb) });
  } else if (objects.some((o) => o.kind === 'StatefulSet' && o.metadata.labels?.['app.kubernetes.io/component'] === 'broker')) {
    const name = brokerNames(env.config).pdb;
    const pdb = objects.find((o) => o.kind === 'PodDisruptionBudget' && o.metadata.name === name);
    out.push({ ...brokers, label: `StatefulSet "${brokerNames(env.config).statefulSet}"`, budget: pdb === undefined ? 'none' : budgetOf(field(pdb, 'spec')) });
  }
  for (const registry of objects.filter((o) => o.kind === 'RivvenSchemaRegistry')) {
    const pdb = field(registry, 'spec', 'podDisruptionBudget');
    out.push({
      label: `RivvenSchemaRegistry "${registry.metadata.name}"`,
      replicas: numberAt(registry, 'spec', 'replicas') ?? 1,
      // The CRD defaults `podDisruptionBudget.enabled` to false.
      budget: field(pdb, 'enabled') === true ? budgetOf(pdb) : 'none',
      path: ['schemaRegistry', 'podDisruptionBudget'],
      quorum: false,
    });
  }
  return out;
}

/** Kubernetes scales percentages against the replica count, rounding up. */
function scaled(value: number | string, replicas: number): number {
  if (typeof value === 'number') return value;
  const percent = Number(value.replace('%', ''));
  return Math.ceil((percent * replicas) / 100);
}

/** Pods a node drain may evict at once with every replica healthy (minAvailable wins, as in the renderers). */
export function allowedDisruptions(budget: Budget, replicas: number): number {
  if (budget.minAvailable !== undefined) return Math.max(0, replicas - scaled(budget.minAvailable, replicas));
  if (budget.maxUnavailable !== undefined) return scaled(budget.maxUnavailable, replicas);
  return 1;
}
