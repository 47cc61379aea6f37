/**
 * RG322: with the manifests target, more than one broker runs rivvend in cluster mode, which refuses
 * to start without RIVVEN_CLUSTER_AUTH_TOKEN. Only this target is checked: there rivven-gitops writes
 * the broker environment itself.
 */
import type { Finding } from '../../errors/diagnostic.js';
import type { ResolvedEnvironment } from '../../model/types.js';
import { findingAt } from '../locate.js';
import { defineRule } from '../define-rule.js';

export function checkClusterAuthToken(env: ResolvedEnvironment): Finding[] {
  const { target, cluster, autoscaling } = env.config;
  if (target !== 'manifests' || cluster.clusterAuthToken !== undefined) return [];
  const scalesOut = autoscaling?.enabled === true && autoscaling.maxReplicas > 1;
  if (cluster.replicas <= 1 && !scalesOut) return [];
  const why = cluster.replicas > 1 ? `cluster.replicas is ${cluster.replicas}` : `autoscaling may scale to ${autoscaling?.maxReplicas ?? 2} brokers`;
  return [
    findingAt(env, 'RG322', cluster.replicas > 1 ? ['cluster', 'replicas'] : ['autoscaling', 'maxReplicas'], {
      message: `${why} with target "manifests", so rivvend runs in cluster mode, which requires RIVVEN_CLUSTER_AUTH_TOKEN; cluster.clusterAuthToken is not set, so the brokers would not start.`,
    }),
  ];
}

export const clusterAuthTokenRule = defineRule({
  scope: 'environment',
  codes: ['RG322'],
  severity: 'as-found',
  locate: 'provenance',
  check: checkClusterAuthToken,
});
