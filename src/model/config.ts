import { z } from 'zod';
import { defaults } from './defaults.js';
import { dnsLabel, stringMap } from './primitives.js';
import { clusterSchema } from './cluster.js';
import { topicDefaultsSchema, topicSchema } from './topic.js';
import { connectPipelineSchema } from './connect.js';
import { schemaRegistrySchema } from './schema-registry.js';
import { monitoringSchema } from './monitoring.js';
import { autoscalingSchema } from './autoscaling.js';
import { ingressSchema } from './ingress.js';
import { networkPolicySchema } from './network-policy.js';
import { backupSchema } from './backup.js';
import { operatorSchema } from './operator.js';
import { argocdSchema } from './argocd.js';
import { kubeClustersSchema } from './kube-cluster.js';
import { customizeSchema } from './customize.js';
import { secretsSchema } from './secrets.js';

export const profiles = ['development', 'staging', 'production'] as const;
export const targets = ['operator', 'manifests'] as const;

export const outputSchema = z.strictObject({
  /** Output directory, relative to the project root. @default 'out' */
  dir: z
    .string()
    .min(1)
    .refine((d) => !d.startsWith('/') && !d.split(/[\\/]/).includes('..'), {
      message: 'Invalid output directory: must be a relative path inside the project',
      params: { code: 'RG208' },
    })
    .default(defaults.output.dir),
  /** `overlays`: shared base plus per-environment overlays; `flat`: self-contained overlays. @default 'overlays' */
  layout: z.enum(['overlays', 'flat']).default(defaults.output.layout),
});

/** Suppressing a policy rule always needs a reason, shown in every report. */
export const checksSchema = z.strictObject({
  suppress: z
    .record(
      z.string().regex(/^RG\d{3}$/, 'Invalid rule code: expected e.g. RG801'),
      z.string().refine((reason) => reason.trim() !== '', {
        message: 'A suppression needs a reason: say why this environment is exempt from the rule',
        params: { code: 'RG208' },
      }),
    )
    .optional(),
});

/** The whole model: what one environment resolves to after defaults ← base ← environment. */
export const configSchema = z.strictObject({
  /** Project name: prefix of the Argo CD objects and default namespace. @default 'rivven' */
  project: dnsLabel.default(defaults.project),
  /** Rivven release: pins every image tag and the CRD schema set. @default '0.0.22' */
  rivvenVersion: z
    .string()
    .regex(/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/, "Invalid version: expected a release such as '0.0.22'")
    .default(defaults.rivvenVersion),
  /**
   * A directory of CustomResourceDefinition YAML inside the project (e.g. `'crds'`): Rivven custom
   * resources are checked against these CRDs instead of the shipped schema pack, for a patched operator.
   * Any `rivvenVersion` is then accepted. The directory and its files must not be symbolic links.
   */
  crdSchemas: z.string().min(1).optional(),
  /** `operator`: Rivven custom resources; `manifests`: StatefulSet & co. running rivvend. @default 'operator' */
  target: z.enum(targets).default(defaults.target),
  /**
   * Namespace of the environment. @default '<project>-<environment>'
   * @becomes the Namespace's `metadata.name` and the overlay's `namespace:`
   */
  namespace: dnsLabel.optional(),
  /** Selects the policy profile. @default 'development' */
  profile: z.enum(profiles).default(defaults.profile),
  /**
   * Labels added to every rendered object.
   * @becomes `metadata.labels` of every object
   */
  labels: stringMap.optional(),
  cluster: clusterSchema.prefault({}),
  /** Defaults applied to every topic of this fleet before its own settings. */
  topicDefaults: topicDefaultsSchema.optional(),
  /** Topics by name (the RivvenTopic name and the topic name in Rivven). */
  topics: z.record(z.string(), topicSchema).default({}),
  /**
   * Target `manifests`: create the declared topics with the `rivven` CLI in an idempotent Argo CD
   * PostSync Job. No published Rivven image carries the CLI, so `image` is one you build: it must hold
   * `/bin/sh` and `rivven` on the PATH. The CLI cannot authenticate, so this needs `cluster.auth.enabled:
   * false` (RG428), and it sets only the partition count (every other setting: RG425).
   */
  topicJob: z.strictObject({ image: z.string().min(1) }).optional(),
  /** Connect pipelines by name; each becomes a RivvenConnect. */
  connect: z.record(z.string(), connectPipelineSchema).default({}),
  schemaRegistry: schemaRegistrySchema.optional(),
  monitoring: monitoringSchema.optional(),
  autoscaling: autoscalingSchema.optional(),
  ingress: ingressSchema.optional(),
  networkPolicy: networkPolicySchema.optional(),
  backup: backupSchema.optional(),
  operator: operatorSchema.prefault({}),
  argocd: argocdSchema.prefault({}),
  output: outputSchema.prefault({}),
  checks: checksSchema.optional(),
  /**
   * The Kubernetes clusters of the fleet by id (fleet-wide: declared in rivven.config.ts). Each gives
   * Argo CD's destination (exactly one of server or name), the kube context, region and labels.
   */
  clusters: kubeClustersSchema.optional(),
  /**
   * The id of the cluster (from `clusters`) this environment deploys to. Unset: the cluster is
   * `argocd.destination` (default the cluster Argo CD runs in, id 'in-cluster').
   * @becomes the Argo CD Application's `spec.destination`
   */
  kubeCluster: dnsLabel.optional(),
  /** Escape hatches over the rendered objects: patches, partial objects, extra objects, a function (README: Escape hatches). */
  customize: customizeSchema.optional(),
  /** How the Secrets the fleet references are delivered (ExternalSecrets, SealedSecret files, or declared external). */
  secrets: secretsSchema.optional(),
});
