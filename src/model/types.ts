/**
 * The types users write (`User*`) and the types the pipeline works on (`Resolved*`), all derived from
 * the zod schemas so the editor, the loader and the validator can never disagree.
 */
import type { z } from 'zod';
import type { configSchema } from './config.js';
import type { topicAclSchema, topicSchema } from './topic.js';
import type { connectPipelineSchema, sinkSchema, sourceSchema } from './connect.js';
import type { postgresCdcSchema } from './postgres-cdc.js';
import type { schemaRegistrySchema } from './schema-registry.js';
import type { clusterSchema } from './cluster.js';
import type { SourceLocation } from '../errors/diagnostic.js';
import type { LoadedObjectFile, LoadedTransform } from './customize-types.js';

/** What `rivven.config.ts` exports. */
export type UserConfig = z.input<typeof configSchema>;
export type UserCluster = z.input<typeof clusterSchema>;
export type UserTopic = z.input<typeof topicSchema>;
export type UserConnectPipeline = z.input<typeof connectPipelineSchema>;
export type UserSource = z.input<typeof sourceSchema>;
export type UserSink = z.input<typeof sinkSchema>;
export type UserPostgresCdc = z.input<typeof postgresCdcSchema>;
export type UserSchemaRegistry = z.input<typeof schemaRegistrySchema>;

/**
 * An environment layer: any part of the config, where `null` removes what the base set (a topic, a
 * pipeline, a block) and arrays replace the base's array.
 */
export type Overlay<T> = T extends readonly unknown[]
  ? T
  : T extends Record<string, unknown>
    ? { [K in keyof T]?: Overlay<T[K]> | null }
    : T;

/** What an `environments/<name>.ts` file exports. `project`, `output` and `clusters` are fleet-wide and stay in the base. */
export type UserEnvironment = Overlay<Omit<UserConfig, 'project' | 'output' | 'clusters'>>;

export type DeepReadonly<T> = T extends (infer E)[]
  ? readonly DeepReadonly<E>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;

type ParsedConfig = z.output<typeof configSchema>;
type ParsedTopic = z.output<typeof topicSchema>;

/** A topic with every CRD default filled in (topic settings ← topicDefaults ← CRD defaults). */
export type ResolvedTopic = DeepReadonly<
  Required<Omit<ParsedTopic, 'acls' | 'labels' | 'objectLabels' | 'custom'>> &
    Pick<ParsedTopic, 'labels' | 'objectLabels' | 'custom'> & { acls: z.output<typeof topicAclSchema>[] }
>;

/** The fully defaulted configuration of one environment. */
export type ResolvedConfig = DeepReadonly<
  Omit<ParsedConfig, 'namespace' | 'topics'> & { namespace: string; topics: Record<string, ResolvedTopic> }
>;
export type ResolvedCluster = ResolvedConfig['cluster'];
export type ResolvedConnectPipeline = DeepReadonly<z.output<typeof connectPipelineSchema>>;
export type ResolvedSchemaRegistry = DeepReadonly<z.output<typeof schemaRegistrySchema>>;
export type ResolvedPostgresCdc = DeepReadonly<z.output<typeof postgresCdcSchema>>;

/** Which file (and where) set a value, and which earlier values it replaced. */
export interface ValueOrigin {
  readonly layer: 'default' | 'base' | 'environment';
  /** Absent for defaults. */
  readonly loc?: SourceLocation;
}
export interface LeafProvenance {
  readonly origin: ValueOrigin;
  /** Values this one overrode, most recent first. */
  readonly overridden: readonly ValueOrigin[];
}
/** Keyed by `pathKey(segments)` (see core/path.ts). */
export type Provenance = ReadonlyMap<string, LeafProvenance>;

export interface ResolvedEnvironment {
  /** Environment name, from its file path (`environments/prod.ts` → `prod`). */
  readonly name: string;
  /** Project-relative path of the environment file. */
  readonly file: string;
  readonly config: ResolvedConfig;
  readonly provenance: Provenance;
  /** The Kubernetes cluster it deploys to: the declared one it names, or the one its Argo CD destination implies. */
  readonly kubeCluster: ResolvedKubeCluster;
  /** `customize.transform` of the base, then of the environment (functions are not merged). */
  readonly transforms?: readonly LoadedTransform[];
  /** The SealedSecret files its `secrets.sealed` names, as the loader read them (in pattern order). */
  readonly sealedFiles?: readonly LoadedObjectFile[];
}

/** A Kubernetes cluster an environment deploys to (see model/kube-cluster.ts). */
export interface ResolvedKubeCluster {
  /** The key in `clusters`; for an undeclared cluster, derived from the destination ('in-cluster' by default). */
  readonly id: string;
  /** Exactly one of server and name is set. */
  readonly server?: string;
  readonly name?: string;
  readonly kubeContext?: string;
  readonly region?: string;
  readonly labels: Readonly<Record<string, string>>;
  /** Declared in `clusters` (true) or derived from `argocd.destination` (false). */
  readonly declared: boolean;
}

export interface ResolvedFleet {
  readonly environments: readonly ResolvedEnvironment[];
}
