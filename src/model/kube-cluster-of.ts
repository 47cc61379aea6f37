/**
 * Which Kubernetes cluster an environment deploys to (see kube-cluster.ts for the schema): kept apart
 * from the schema, which config.ts imports, because it answers in the resolved types.
 */
import type { z } from 'zod';
import { defaults } from './defaults.js';
import { inClusterId, type kubeClusterSchema } from './kube-cluster.js';
import type { ResolvedKubeCluster } from './types.js';

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
