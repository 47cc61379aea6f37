/**
 * RG324 (fleet): two environments rendered into one namespace of one cluster overwrite each other's
 * objects. The same namespace on two clusters is two namespaces: production regions usually share one.
 */
import type { Finding } from '../../errors/diagnostic.js';
import type { ResolvedEnvironment, ResolvedFleet, ResolvedKubeCluster } from '../../model/types.js';
import { findingAt, relatedAt } from '../locate.js';
import { compareText } from '../../core/order.js';
import { defineRule } from '../define-rule.js';

/**
 * Where a cluster is, as Argo CD reaches it: two ids for one server are one cluster. A cluster given by
 * its registered name and another by its server cannot be told apart here and count as two.
 */
export function clusterKey(cluster: ResolvedKubeCluster): string {
  return cluster.name !== undefined ? `name:${cluster.name}` : `server:${cluster.server ?? ''}`;
}

function describeCluster(cluster: ResolvedKubeCluster): string {
  return cluster.declared ? `cluster '${cluster.id}'` : `cluster ${cluster.name !== undefined ? `'${cluster.name}'` : (cluster.server ?? cluster.id)}`;
}

export function checkDuplicateNamespace(fleet: ResolvedFleet): Finding[] {
  const byPlace = new Map<string, ResolvedEnvironment[]>();
  for (const env of fleet.environments) {
    const key = `${clusterKey(env.kubeCluster)}\u0000${env.config.namespace}`;
    byPlace.set(key, [...(byPlace.get(key) ?? []), env]);
  }
  const findings: Finding[] = [];
  const shared = [...byPlace].filter(([, envs]) => envs.length >= 2);
  for (const [, envs] of shared.sort(([a], [b]) => compareText(a, b))) {
    const sorted = [...envs].sort((a, b) => compareText(a.name, b.name));
    for (const env of sorted) {
      const others = sorted.filter((e) => e.name !== env.name);
      const namespace = env.config.namespace;
      findings.push(
        findingAt(env, 'RG324', ['namespace'], {
          message: `Environment "${env.name}" uses namespace "${namespace}", like ${others.map((e) => `"${e.name}"`).join(', ')}, on ${describeCluster(env.kubeCluster)}: their objects have the same names there, so each sync would overwrite the other.`,
          related: others.map((o) => relatedAt(o, ['namespace'], o.config.namespace, { inEnvironment: true })),
        }),
      );
    }
  }
  return findings;
}

export const duplicateNamespaceRule = defineRule({
  scope: 'fleet',
  codes: ['RG324'],
  severity: 'as-found',
  locate: 'provenance',
  check: checkDuplicateNamespace,
});
