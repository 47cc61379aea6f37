/**
 * The Kubernetes clusters a fleet deploys to, declared once (`clusters:` in rivven.config.ts) and named
 * by each environment (`kubeCluster:`). Not to be confused with `cluster:`, the Rivven broker cluster.
 */
import { z } from 'zod';
import { dnsLabel, stringMap } from './primitives.js';
import { defaults } from './defaults.js';
import type { ResolvedKubeCluster } from './types.js';

export const kubeClusterSchema = z
  .strictObject({
    /** API server URL as Argo CD knows the cluster (instead of name). */
    server: z.string().min(1).optional(),
    /** Cluster name registered in Argo CD (instead of server). */
    name: z.string().min(1).optional(),
    /** kubeconfig context that reaches this cluster (live diff against the cluster). */
    kubeContext: z.string().min(1).optional(),
    /** Region label of the cluster: the ApplicationSet's progressive rollout steps go region by region. */
    region: z.string().min(1).optional(),
    /** Labels of the cluster as registered in Argo CD: the ApplicationSet's cluster generator selects by them. */
    labels: stringMap.optional(),
  })
  // Argo CD's destination takes one or the other; both would leave which one wins to Argo CD.
  .refine((c) => (c.server === undefined) !== (c.name === undefined), {
    message: 'A cluster needs exactly one of server (the API server URL) or name (the cluster registered in Argo CD)',
    params: { code: 'RG221' },
  });

/** Clusters by id: a DNS label, so it can name Argo CD objects and kube contexts alike. */
export const kubeClustersSchema = z.record(dnsLabel, kubeClusterSchema);

/** The id of the cluster Argo CD runs in, when an environment names no cluster and no destination. */
export const inClusterId = 'in-cluster';

/** The fields of a parsed config the cluster is resolved from (a ResolvedConfig fits). */
export interface KubeClusterSource {
  readonly clusters?: Readonly<Record<string, z.output<typeof kubeClusterSchema>>> | undefined;
  readonly kubeCluster?: string | undefined;
  readonly argocd: { readonly destination?: { readonly server?: string | undefined; readonly name?: string | undefined } | undefined };
}

/**
 * A DNS-label id for an undeclared destination, stable whatever other clusters exist: 'in-cluster'
 * for the default server, else the name or the server's host.
 */
export function destinationClusterId(dest: { readonly server?: string | undefined; readonly name?: string | undefined }): string {
  if (dest.name === undefined && (dest.server === undefined || dest.server === defaults.argocd.destinationServer)) return inClusterId;
  const raw = dest.name ?? (dest.server ?? inClusterId).replace(/^[a-z]+:\/\//, '');
  return raw.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40).replace(/-+$/, '');
}

/**
 * The environment's cluster: the declared one it names, else the one its Argo CD destination implies.
 * `{ unknown }` when it names a cluster `clusters` does not declare (resolve reports it).
 */
export function kubeClusterOf(config: KubeClusterSource): ResolvedKubeCluster | { readonly unknown: string } {
  const id = config.kubeCluster;
  if (id !== undefined) {
    const declared = config.clusters !== undefined && Object.prototype.hasOwnProperty.call(config.clusters, id) ? config.clusters[id] : undefined;
    if (declared === undefined) return { unknown: id };
    return {
      id,
      ...(declared.server === undefined ? {} : { server: declared.server }),
      ...(declared.name === undefined ? {} : { name: declared.name }),
      ...(declared.kubeContext === undefined ? {} : { kubeContext: declared.kubeContext }),
      ...(declared.region === undefined ? {} : { region: declared.region }),
      labels: { ...(declared.labels ?? {}) },
      declared: true,
    };
  }
  const dest = config.argocd.destination ?? {};
  const target = dest.name !== undefined ? { name: dest.name } : { server: dest.server ?? defaults.argocd.destinationServer };
  return { id: destinationClusterId(dest), ...target, labels: {}, declared: false };
}
