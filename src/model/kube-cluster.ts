/**
 * Kubernetes clusters the fleet deploys to, declared once in rivven.config.ts (`clusters`), and named by
 * each environment (`kubeCluster`). Minimal form: the fields and their resolution, no validation rules.
 */
import { z } from 'zod';
import { stringMap } from './primitives.js';

export const kubeClusterSchema = z.strictObject({
  /** API server URL as the kubeconfig (and Argo CD) names it. */
  server: z.string().min(1).optional(),
  /** Cluster name registered in Argo CD. */
  name: z.string().min(1).optional(),
  /** kubeconfig context that reaches this cluster (`diff --against live`). */
  kubeContext: z.string().min(1).optional(),
  region: z.string().min(1).optional(),
  labels: stringMap.optional(),
});

export const clustersSchema = z.record(z.string(), kubeClusterSchema);


type Clusters = Readonly<Record<string, z.output<typeof kubeClusterSchema>>> | undefined;

/**
 * The environment's cluster (a `ResolvedKubeCluster`, declared in types.ts so that the public type
 * declarations need no zod): the declared one it names, else one derived from its Argo CD destination.
 */
export function resolveKubeCluster(clusters: Clusters, id: string | undefined, destination: { readonly server?: string | undefined; readonly name?: string | undefined } | undefined) {
  const declared = id === undefined ? undefined : clusters?.[id];
  if (id !== undefined && declared !== undefined) {
    return {
      id,
      ...(declared.server === undefined ? {} : { server: declared.server }),
      ...(declared.name === undefined ? {} : { name: declared.name }),
      ...(declared.kubeContext === undefined ? {} : { kubeContext: declared.kubeContext }),
      ...(declared.region === undefined ? {} : { region: declared.region }),
      labels: { ...(declared.labels ?? {}) },
      declared: true as boolean,
    };
  }
  const server = destination?.server;
  const name = destination?.name;
  return { id: id ?? name ?? server ?? 'in-cluster', ...(server === undefined ? {} : { server }), ...(name === undefined ? {} : { name }), labels: {} as Readonly<Record<string, string>>, declared: false as boolean };
}
