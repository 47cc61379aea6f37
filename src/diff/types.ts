/**
 * The diff's data model: what changes per object and per environment, and what is dangerous about it.
 * Reports (text, JSON, and later the Markdown PR comment) read only these types.
 */
import type { Finding, SourceLocation } from '../errors/diagnostic.js';
import type { K8sObject } from '../render/k8s-object.js';
import type { ObjectRef } from '../core/object-ref.js';

// Identity lives in core (every stage names objects); the diff's model includes it.
export type { ObjectRef } from '../core/object-ref.js';

/**
 * - `create`: rendered, not in the source; `delete`: in the source (and ours), no longer rendered;
 * - `update`: both, different; `replace`: both, and an immutable field differs, so the API server refuses
 *   an update and the object must be deleted and created again;
 * - `unknown`: rendered, but the source could not say what exists (e.g. the kind is forbidden to list).
 */
export type ChangeAction = 'create' | 'update' | 'delete' | 'replace' | 'unknown';

export interface FieldChange {
  /** Field path (see diff/field-path.ts): `spec.template.spec.containers[name=broker].image`. */
  readonly path: string;
  readonly op: 'add' | 'remove' | 'change';
  /** Value in the source (live / git / file). */
  readonly before?: unknown;
  /** Value rendered now. */
  readonly after?: unknown;
}

export interface ResourceChange {
  /** `group/kind/namespace/name`. */
  readonly id: string;
  readonly ref: ObjectRef;
  readonly action: ChangeAction;
  /** apiVersion in the source and rendered now (they differ for an API version bump, which is an update). */
  readonly apiVersion: { readonly before?: string; readonly after?: string };
  readonly fields: readonly FieldChange[];
  /** Paths of immutable fields that changed (why the action is `replace`). */
  readonly immutable: readonly string[];
  /** Unified diff of the normalized YAML, source (`---`) to rendered (`+++`); empty for `unknown`. */
  readonly diff: string;
  /** The normalized objects compared: for classification; not part of any report. */
  readonly before?: K8sObject;
  readonly after?: K8sObject;
}

/** A live-only object that is not reported as a deletion, and why. */
export interface IgnoredObject {
  readonly id: string;
  readonly ref: ObjectRef;
  readonly reason: string;
}

export interface EnvironmentDiff {
  readonly name: string;
  readonly namespace: string;
  /** Sorted by id; unchanged objects are not listed. */
  readonly changes: readonly ResourceChange[];
  readonly unchanged: number;
  readonly ignored: readonly IgnoredObject[];
}

/** A dangerous change: a Finding with a code from RG700–RG749, tied to one resource. */
export interface Danger extends Finding {
  /** Id of the resource the danger is about. */
  readonly resource: string;
}

export interface ActionCounts {
  readonly create: number;
  readonly update: number;
  readonly delete: number;
  readonly replace: number;
  readonly unknown: number;
}

/** One resource as reports show it. */
export interface ResourceReport extends ResourceChange {
  /** One line for people, e.g. `orders-events: partitions 12 → 24, retention 7d → 3d`. */
  readonly summary: string;
  /** The config line that caused the change, when one is known. */
  readonly loc?: SourceLocation;
  /** Codes of the dangers about this resource. */
  readonly dangerCodes: readonly string[];
}

/**
 * - `unchanged`: nothing to do; `changed`: changes found; `partial`: changes may be incomplete because
 *   part of the source could not be read; `error`: the environment could not be compared at all.
 */
export type EnvironmentStatus = 'unchanged' | 'changed' | 'partial' | 'error';

export interface EnvironmentReport {
  readonly name: string;
  readonly namespace: string;
  readonly status: EnvironmentStatus;
  readonly counts: ActionCounts;
  readonly unchanged: number;
  /** Dangerous changes, most severe first. */
  readonly dangers: readonly Danger[];
  /** Problems with the source for this environment (forbidden kinds, CRDs not installed, read errors). */
  readonly problems: readonly Finding[];
  /**
   * Settings in the configuration that Rivven 0.0.22 does not apply (RG425, from the fact table), so a
   * reviewer never reads a diff as applying them. Absent means none.
   */
  readonly notApplied?: readonly Finding[];
  readonly resources: readonly ResourceReport[];
  readonly ignored: readonly IgnoredObject[];
}

export interface DiffReport {
  /** What was compared against, as given: `git:HEAD`, `live`, `file:dump.yaml`. */
  readonly against: string;
  readonly environments: readonly EnvironmentReport[];
  /** Problems not tied to one environment. */
  readonly problems: readonly Finding[];
}
