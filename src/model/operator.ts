import { z } from 'zod';
import { defaults } from './defaults.js';
import { resources } from './primitives.js';

/**
 * Installing the Rivven operator. CRDs are never copied into the output: they come from a pinned
 * remote URL (rendered in `out/crds`, synced first) or are a prerequisite the platform installs.
 */
export const operatorSchema = z.strictObject({
  /** Render the operator's ServiceAccount, RBAC and Deployment. @default true */
  install: z.boolean().default(true),
  /**
   * `namespace`: the operator runs in the environment's namespace with a Role and watches only it, so
   * environments sharing a cluster never fight over cluster-scoped objects. `cluster`: a ClusterRole
   * (named per environment) and the operator watches all namespaces. @default 'namespace'
   */
  scope: z.enum(['namespace', 'cluster']).default('namespace'),
  /** @default 1 */
  replicas: z.number().int().min(1).max(5).default(defaults.operator.replicas),
  image: z.string().min(1).optional(),
  /**
   * Declares that `image` is an operator build that fixes the upstream 0.0.22 defects of the
   * operator binary (broker command and args, probes, cluster mode, TLS variables, authentication,
   * connect args, the registry Deployment: RG414–RG420) and reads the installed CRDs' dialect (RG421,
   * RG422). Those findings become warnings instead of errors. Declare it only for an image you have
   * checked. @default false
   */
  patchedImage: z.boolean().default(false),
  /** @default true (the operator's own default) */
  leaderElection: z.boolean().default(true),
  /** @default 'info' */
  logLevel: z.enum(['trace', 'debug', 'info', 'warn', 'error']).default(defaults.operator.logLevel),
  logJson: z.boolean().optional(),
  resources: resources.optional(),
  crds: z
    .strictObject({
      /** `prerequisite`: installed outside this repo; `remote`: a pinned URL in `out/crds`. @default 'prerequisite' */
      source: z.enum(['prerequisite', 'remote']).default(defaults.operator.crdsSource),
      /** With source `remote`: URLs of the four CRD YAMLs, pinned to a commit or release. */
      urls: z.array(z.url()).optional(),
      /**
       * Which CRD schemas the cluster has: `deploy-yaml` (crates/rivven-operator/deploy/crds), `print-crd`
       * (`rivven-operator --print-crd`: the operator's own field names; RivvenConnect and
       * RivvenSchemaRegistry cannot be installed from it) or `patched` (your fixed CRDs, keeping every
       * field the operator reads). Renderers emit only fields that survive it. @default 'deploy-yaml'
       */
      schema: z.enum(['deploy-yaml', 'print-crd', 'patched']).default('deploy-yaml'),
    })
    .prefault({}),
});
