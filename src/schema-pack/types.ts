/**
 * What a schema pack holds: the structural OpenAPI schema of every custom resource kind one operator
 * release serves, reduced to what the API server acts on (types, enums, ranges, patterns, required
 * fields, defaults, preserve-unknown). Descriptions and printer columns are dropped: they change nothing
 * about what is stored.
 */

/** The subset of an OpenAPI v3 structural schema that decides whether the API server stores, prunes or rejects a value. */
export interface StructuralSchema {
  readonly type?: string;
  readonly format?: string;
  readonly properties?: Readonly<Record<string, StructuralSchema>>;
  readonly required?: readonly string[];
  readonly items?: StructuralSchema;
  /** `true`, `false` or a schema for every value of a map. */
  readonly additionalProperties?: boolean | StructuralSchema;
  readonly enum?: readonly unknown[];
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: boolean;
  readonly exclusiveMaximum?: boolean;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: string;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly nullable?: boolean;
  readonly default?: unknown;
  /** `x-kubernetes-preserve-unknown-fields: true`: fields the schema does not declare are kept. */
  readonly preserveUnknownFields?: boolean;
  /** `x-kubernetes-int-or-string: true`. */
  readonly intOrString?: boolean;
}

/** One CustomResourceDefinition: its group, kind and the schema of each served version. */
export interface PackedCrd {
  readonly group: string;
  readonly kind: string;
  readonly plural: string;
  readonly scope: 'Namespaced' | 'Cluster';
  readonly versions: Readonly<Record<string, StructuralSchema>>;
}

/** Where a pack's schemas came from, for the generated file's header and for messages. */
export interface PackOrigin {
  /** E.g. `github.com/hupe1980/rivven`, or the directory a user supplied. */
  readonly repository: string;
  readonly commit?: string;
  readonly license?: string;
  /** Paths of the CRD files inside the repository (or directory). */
  readonly files: readonly string[];
}

/**
 * How a Rivven version's CRDs are described. `deploy-yaml`: the hand-written CRD YAMLs the operator's
 * deploy/ directory ships (what `kubectl apply` installs). Further sources (e.g. the operator's own
 * `--print-crd` output) are added as new members, each with its own generated pack.
 */
export type CrdSource = 'deploy-yaml';

export interface SchemaPack {
  /** Rivven releases whose CRDs this pack describes (identical schemas). */
  readonly rivvenVersions: readonly string[];
  /** `print-crd` and `patched` packs are built from the fact table's operator view (operator-view-pack.ts). */
  readonly source: CrdSource | 'print-crd' | 'patched' | 'user-directory';
  readonly origin: PackOrigin;
  /** Keyed by `group/kind`. */
  readonly crds: Readonly<Record<string, PackedCrd>>;
}
