/**
 * The Kubernetes clusters a fleet deploys to, declared once (`clusters:` in rivven.config.ts) and named
 * by each environment (`kubeCluster:`). Not to be confused with `cluster:`, the Rivven broker cluster.
 */
import { z } from 'zod';
import { dnsLabel, stringMap } from './primitives.js';

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
