import { z } from 'zod';
import { defaults } from './defaults.js';
import { dnsLabel } from './primitives.js';

export const argocdSchema = z.strictObject({
  /** Render the AppProject and one Application per environment. @default true */
  enabled: z.boolean().default(true),
  /** Namespace Argo CD runs in. @default 'argocd' */
  namespace: dnsLabel.default(defaults.argocd.namespace),
  /** AppProject name. @default project */
  project: dnsLabel.optional(),
  /** Git URL Argo CD clones (this repository). */
  repoURL: z.string().min(1).optional(),
  /** @default 'HEAD' */
  targetRevision: z.string().min(1).default(defaults.argocd.targetRevision),
  /** Path of the output directory inside the repository. @default output.dir */
  path: z.string().min(1).optional(),
  destination: z
    .strictObject({
      /** @default 'https://kubernetes.default.svc' */
      server: z.string().min(1).optional(),
      /** Cluster name registered in Argo CD (instead of server). */
      name: z.string().min(1).optional(),
    })
    .optional(),
  syncPolicy: z
    .strictObject({
      /** Sync automatically. @default true */
      automated: z.boolean().default(true),
      /**
       * Let automated sync prune objects removed from Git (data-bearing ones are always protected).
       * Unset: true, but false for profile production (a removed file waits for a human's sync).
       */
      prune: z.boolean().optional(),
      /** @default true */
      selfHeal: z.boolean().default(true),
      retry: z
        .strictObject({ limit: z.number().int().min(0).default(5), backoffDuration: z.string().default('10s'), maxDuration: z.string().default('3m') })
        .optional(),
    })
    .prefault({}),
  /**
   * How Argo CD gets the environments' Applications: `applications` writes one Application per
   * environment into out/argocd (applied by hand or by your own root app); `app-of-apps` adds a root
   * Application in out/argocd-root that syncs out/argocd, so sync waves order the Applications;
   * `applicationset` writes one ApplicationSet per Argo CD project instead of the Applications.
   * Fleet-wide: set it in rivven.config.ts. @default 'applications'
   */
  mode: z.enum(['applications', 'app-of-apps', 'applicationset']).default('applications'),
  applicationSet: z
    .strictObject({
      /**
       * `list`: one element per environment with its cluster's server or name; `clusters`: Argo CD's
       * cluster generator, selecting each environment's cluster by its labels (every environment then
       * names a declared cluster with labels, and the labels must select exactly that cluster). @default 'list'
       */
      generator: z.enum(['list', 'clusters']).default('list'),
      /**
       * Progressive rollout: a RollingSync step per region, in this order, then one for every other
       * environment. Argo CD turns automated sync off on the generated Applications while it is set.
       */
      rollingSync: z.strictObject({ regions: z.array(z.string().min(1)).min(1) }).optional(),
    })
    .prefault({}),
});
