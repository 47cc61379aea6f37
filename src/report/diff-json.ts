/**
 * `rivven-gitops diff --format json`: a documented, versioned schema for machines (CI gates, bots).
 * Within a schema version, fields are only ever added, never renamed, removed or retyped; absent values
 * are `null`, never missing; lists are sorted (environments by name, resources by id, dangers by
 * severity then resource then code). A breaking change bumps `schemaVersion`.
 */
import { maskResource } from './markdown-mask.js';
import type { ActionCounts, ChangeAction, DiffReport, EnvironmentReport, EnvironmentStatus, ResourceReport } from '../diff/types.js';
import type { Finding, Severity } from '../errors/diagnostic.js';

export interface DiffJsonLocation {
  /** Project-relative, forward slashes: `environments/prod.ts`. */
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  /** 1-based. */
  readonly column: number;
}

export interface DiffJsonFinding {
  /** Stable code from the catalog, e.g. `RG700`. */
  readonly code: string;
  readonly severity: Severity;
  /** Config path (`topics.orders-events.partitions`) or, when none applies, a resource id or file. */
  readonly path: string;
  readonly message: string;
  readonly hint: string | null;
  /** The config line that caused it, when known. */
  readonly location: DiffJsonLocation | null;
}

export interface DiffJsonDanger extends DiffJsonFinding {
  /** Id of the resource (`group/kind/namespace/name`). */
  readonly resource: string;
}

export interface DiffJsonFieldChange {
  /** `spec.template.spec.containers[name=broker].image`; list items by name where they have one. */
  readonly path: string;
  readonly op: 'add' | 'remove' | 'change';
  /** Value in the source; null for `add`. */
  readonly before: unknown;
  /** Value rendered now; null for `remove`. */
  readonly after: unknown;
}

export interface DiffJsonResource {
  /** `group/kind/namespace/name`, group `''` for the core API, namespace `''` when cluster-scoped. */
  readonly id: string;
  readonly group: string;
  readonly kind: string;
  /** null for cluster-scoped objects. */
  readonly namespace: string | null;
  readonly name: string;
  readonly action: ChangeAction;
  readonly apiVersion: { readonly before: string | null; readonly after: string | null };
  /** One line for people: `orders-events: partitions 12 → 24`. */
  readonly summary: string;
  /** The config line behind the change, when known. */
  readonly location: DiffJsonLocation | null;
  /** Codes of the dangers about this resource. */
  readonly dangers: readonly string[];
  /** Immutable fields that changed (why the action is `replace`). */
  readonly immutable: readonly string[];
  /** Field-level changes (empty for create, delete and unknown). */
  readonly fields: readonly DiffJsonFieldChange[];
  /** Unified diff of the normalized YAML (`---` source, `+++` rendered); `''` for unknown. */
  readonly diff: string;
}

export interface DiffJsonEnvironment {
  readonly name: string;
  readonly namespace: string;
  readonly status: EnvironmentStatus;
  readonly counts: ActionCounts;
  /** Objects compared and found equal. */
  readonly unchanged: number;
  readonly dangers: readonly DiffJsonDanger[];
  /** Problems reading this environment's source. */
  readonly problems: readonly DiffJsonFinding[];
  /** Configured settings Rivven 0.0.22 does not apply (RG425). */
  readonly notApplied: readonly DiffJsonFinding[];
  readonly resources: readonly DiffJsonResource[];
  /** Source-only objects not reported as deletions (server-created, or not rivven-gitops's). */
  readonly ignored: readonly { readonly id: string; readonly reason: string }[];
}

/** The document `diff --format json` prints. */
export interface DiffJsonV1 {
  readonly schemaVersion: 1;
  /** `git:<ref>`, `live` or `file:<path>`, as given. */
  readonly against: string;
  /** Worst of the environments: error > partial > changed > unchanged. */
  readonly status: EnvironmentStatus;
  readonly summary: {
    readonly environments: number;
    readonly changed: number;
    readonly counts: ActionCounts;
    readonly dangers: { readonly error: number; readonly warning: number };
  };
  /** Problems not tied to one environment. */
  readonly problems: readonly DiffJsonFinding[];
  readonly environments: readonly DiffJsonEnvironment[];
}

function location(loc: Finding['loc']): DiffJsonLocation | null {
  return loc ? { file: loc.file, line: loc.line, column: loc.column } : null;
}

function findingJson(f: Finding): DiffJsonFinding {
  return { code: f.code, severity: f.severity, path: f.path, message: f.message, hint: f.hint ?? null, location: location(f.loc) };
}

function resourceJson(r: ResourceReport): DiffJsonResource {
  // Secret-looking values (connector config, env, ConfigMap data) never reach a CI log or artifact.
  const masked = maskResource(r);
  return {
    id: r.id,
    group: r.ref.group,
    kind: r.ref.kind,
    namespace: r.ref.namespace === '' ? null : r.ref.namespace,
    name: r.ref.name,
    action: r.action,
    apiVersion: { before: r.apiVersion.before ?? null, after: r.apiVersion.after ?? null },
    summary: masked.summary,
    location: location(r.loc),
    dangers: r.dangerCodes,
    immutable: r.immutable,
    fields: masked.fields.map((f) => ({ path: f.path, op: f.op, before: f.before ?? null, after: f.after ?? null })),
    diff: masked.diff,
  };
}

function environmentJson(env: EnvironmentReport): DiffJsonEnvironment {
  return {
    name: env.name,
    namespace: env.namespace,
    status: env.status,
    counts: env.counts,
    unchanged: env.unchanged,
    dangers: env.dangers.map((d) => ({ ...findingJson(d), resource: d.resource })),
    problems: env.problems.map(findingJson),
    notApplied: (env.notApplied ?? []).map(findingJson),
    resources: env.resources.map(resourceJson),
    ignored: env.ignored.map((i) => ({ id: i.id, reason: i.reason })),
  };
}

const actions = ['create', 'update', 'delete', 'replace', 'unknown'] as const;

const statusRank: Record<EnvironmentStatus, number> = { unchanged: 0, changed: 1, partial: 2, error: 3 };

/** The worst status of a report (what CI gates read). */
export function overallStatus(report: DiffReport): EnvironmentStatus {
  let worst: EnvironmentStatus = report.problems.some((p) => p.severity === 'error') ? 'error' : 'unchanged';
  for (const env of report.environments) if (statusRank[env.status] > statusRank[worst]) worst = env.status;
  return worst;
}

export function toDiffJson(report: DiffReport): DiffJsonV1 {
  const counts = { create: 0, update: 0, delete: 0, replace: 0, unknown: 0 };
  const dangers = { error: 0, warning: 0 };
  for (const env of report.environments) {
    for (const a of actions) counts[a] += env.counts[a];
    for (const d of env.dangers) if (d.severity === 'error' || d.severity === 'warning') dangers[d.severity]++;
  }
  return {
    schemaVersion: 1,
    against: report.against,
    status: overallStatus(report),
    summary: {
      environments: report.environments.length,
      changed: report.environments.filter((e) => e.status === 'changed' || e.status === 'partial').length,
      counts,
      dangers,
    },
    problems: report.problems.map(findingJson),
    environments: report.environments.map(environmentJson),
  };
}

/** The JSON text, two-space indented, ending with a newline. */
export function renderDiffJson(report: DiffReport): string {
  return `${JSON.stringify(toDiffJson(report), null, 2)}\n`;
}
