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
      /** Let automated sync prune objects removed from Git (data-bearing ones are always protected). @default true */
      prune: z.boolean().default(true),
      /** @default true */
      selfHeal: z.boolean().default(true),
      retry: z
        .strictObject({ limit: z.number().int().min(0).default(5), backoffDuration: z.string().default('10s'), maxDuration: z.string().default('3m') })
        .optional(),
    })
    .prefault({}),
});
