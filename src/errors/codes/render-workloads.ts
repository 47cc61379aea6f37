import type { CodeInfo } from '../code-info.js';

/** RG51x–RG52x (RG510–RG529): manifests target, TLS, auth and operator install. */
export const renderWorkloadCodes = {
  RG510: {
    title: 'Broker min ISR exceeds the replication factor',
    hint: 'rivvend refuses to start when RIVVEN_MIN_ISR exceeds RIVVEN_REPLICATION_FACTOR: lower cluster.config.minInsyncReplicas or raise cluster.config.defaultReplicationFactor.',
  },
  RG511: {
    title: 'PodDisruptionBudget with minAvailable and maxUnavailable',
    hint: 'A PodDisruptionBudget takes one of the two; minAvailable is rendered. Remove cluster.pdb.maxUnavailable (or minAvailable).',
  },
  RG512: {
    title: 'Autoscaling on a resource without a request',
    hint: 'The HPA computes utilization against the container request: set cluster.resources.requests for every resource it scales on, or it never scales.',
  },
  RG513: {
    title: 'Several operator replicas without leader election',
    hint: 'Replicas without leader election all reconcile at once and fight over every object: keep operator.leaderElection true or set operator.replicas to 1.',
  },
  RG514: {
    title: 'Cluster-scoped operators in one cluster',
    hint: "Each cluster-scoped operator watches every namespace, and its leader election lease lives in its own namespace, so operators of different environments reconcile each other's resources. Use operator.scope 'namespace', or install the cluster-scoped operator from one environment only.",
  },
} satisfies Record<string, CodeInfo>;
