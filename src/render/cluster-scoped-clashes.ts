/**
 * RG550 (fleet): two environments on one Kubernetes cluster render a cluster-scoped object (no
 * namespace: a ClusterRole, a CRD, a StorageClass) with the same kind and name. One cluster holds one
 * such object: the two Applications would fight over it (FailOnSharedResource stops the second
 * sync), and with different content each sync would undo the other. Namespaces are RG324's.
 */
import type { Finding } from '../errors/diagnostic.js';
import type { ResolvedEnvironment, ResolvedFleet, ResolvedKubeCluster } from '../model/types.js';
import type { K8sObject } from './k8s-object.js';
import type { EnvironmentRender } from './fleet-render.js';
import { findingAt, relatedAt } from '../validate/locate.js';
import { compareText } from '../core/order.js';
import { jsonEqual } from '../core/json-equal.js';
import { pathKey } from '../core/path.js';

function clusterKey(cluster: ResolvedKubeCluster): string {
  return cluster.name !== undefined ? `name:${cluster.name}` : `server:${cluster.server ?? ''}`;
}

/** What an object is apart from who rendered it: the environment's labels are not its content. */
function contentOf(obj: K8sObject): unknown {
  const { metadata, ...rest } = obj;
  return { ...rest, name: metadata.name };
}

/** The config line that put the environment on its cluster: kubeCluster when written, else its namespace. */
function placePath(env: ResolvedEnvironment): string[] {
  return env.provenance.get(pathKey(['kubeCluster'])) !== undefined ? ['kubeCluster'] : ['namespace'];
}

export function findClusterScopedClashes(fleet: ResolvedFleet, renders: readonly EnvironmentRender[]): Finding[] {
  const owners = new Map<string, { env: ResolvedEnvironment; obj: K8sObject }[]>();
  for (const env of fleet.environments) {
    const objects = renders.find((r) => r.name === env.name)?.objects ?? [];
    for (const obj of objects) {
      if (obj.metadata.namespace !== undefined || obj.kind === 'Namespace') continue;
      const key = `${clusterKey(env.kubeCluster)}\u0000${obj.apiVersion.split('/').length > 1 ? obj.apiVersion.split('/')[0] : ''}/${obj.kind}/${obj.metadata.name}`;
      owners.set(key, [...(owners.get(key) ?? []), { env, obj }]);
    }
  }
  const findings: Finding[] = [];
  for (const [, group] of [...owners].sort(([a], [b]) => compareText(a, b))) {
    if (group.length < 2) continue;
    const sorted = [...group].sort((a, b) => compareText(a.env.name, b.env.name));
    for (const { env, obj } of sorted) {
      const others = sorted.filter((o) => o.env.name !== env.name);
      const differs = others.some((o) => !jsonEqual(contentOf(o.obj), contentOf(obj)));
      findings.push(
        findingAt(env, 'RG550', placePath(env), {
          message: `Environment "${env.name}" renders the cluster-scoped ${obj.kind} "${obj.metadata.name}", as do ${others.map((o) => `"${o.env.name}"`).join(', ')}, on cluster '${env.kubeCluster.id}'${differs ? ' with different content: each sync would undo the other' : ': two Applications would own one object, and Argo CD refuses the second sync (FailOnSharedResource)'}.`,
          related: others.map((o) => relatedAt(o.env, placePath(o.env), placePath(o.env)[0] === 'kubeCluster' ? o.env.kubeCluster.id : o.env.config.namespace, { inEnvironment: true })),
        }),
      );
    }
  }
  return findings;
}
