/**
 * `rivven-gitops diff --format json`: a documented, versioned schema for machines (CI gates, bots).
 * Within a schema version, fields are only ever added, never renamed, removed or retyped; absent values
 * are `null`, never missing; lists are sorted (environments by name, resources by id, dangers by
 * severity then resource then code). A breaking change bumps `schemaVersion`.
 */
import { maskResource } from './markdown-mask.js';
import type { ActionCounts, ChangeAction, DiffReport, EnvironmentReport, EnvironmentStatus, ResourceReport } from '../diff/types.js';
import type { Finding, Severity } from '../errors/diagnostic.js';
import { gatedDanger, type Acknowledgement, type DangerStatus, type FailOn, type GateResult, type GateVerdict } from '../gate/types.js';

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

export interface DiffJsonAcknowledgement {
  /** The trailer's value as written: `RG700 prod/orders-events lowering is intended, topic recreated`. */
  readonly trailer: string;
  readonly code: string;
  readonly environment: string;
  /** The Kind when the trailer named `<environment>/<Kind>/<name>`, else null. */
  readonly kind: string | null;
  readonly name: string;
  readonly reason: string;
  /** Full SHA of the commit whose message holds the trailer. */
  readonly commit: string;
  /** The commit's author (git's author field: whoever wrote the commit; the pull-request review is the control). */
  readonly author: { readonly name: string; readonly email: string };
}

export interface DiffJsonDanger extends DiffJsonFinding {
  /** Id of the resource (`group/kind/namespace/name`). */
  readonly resource: string;
  /** `blocking`: no trailer acknowledges it (fails `--fail-on danger|change`); `acknowledged`: one does. */
  readonly status: DangerStatus;
  /** The acknowledgement (the oldest commit's, when several name it); null when blocking. */
  readonly acknowledgement: DiffJsonAcknowledgement | null;
  /** The trailer that would acknowledge it, without the reason: `RG700 prod/orders-events`. */
  readonly acknowledgeAs: string;
}

/** The gate's verdict (docs/danger-gate.md): what `diff` exits with, readable without parsing text. */
export interface DiffJsonGate {
  readonly failOn: FailOn;
  /** pass (exit 0), changes (exit 2, failing on change), blocked (exit 3), error (exit 1). */
  readonly verdict: GateVerdict;
  readonly exitCode: number;
  readonly dangers: { readonly blocking: number; readonly acknowledged: number };
  /** The commits read for acknowledgements (`git:origin/main..HEAD`); null when none were read. */
  readonly acknowledgeFrom: string | null;
  /** Every well-formed trailer and how many dangerous changes it acknowledged. */
  readonly acknowledgements: readonly (DiffJsonAcknowledgement & { readonly matched: number })[];
  /** Trailers that acknowledged nothing (RG721–RG725, warnings). */
  readonly problems: readonly DiffJsonFinding[];
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
  /** The gate's verdict; null when the report was rendered without one (library use). */
  readonly gate: DiffJsonGate | null;
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

function acknowledgementJson(a: Acknowledgement): DiffJsonAcknowledgement {
  return { trailer: a.trailer, code: a.code, environment: a.environment, kind: a.kind ?? null, name: a.name, reason: a.reason, commit: a.commit, author: { name: a.author.name, email: a.author.email } };
}

function gateJson(gate: GateResult): DiffJsonGate {
  const blocking = gate.dangers.filter((d) => d.status === 'blocking').length;
  return {
    failOn: gate.failOn,
    verdict: gate.verdict,
    exitCode: gate.exitCode,
    dangers: { blocking, acknowledged: gate.dangers.length - blocking },
    acknowledgeFrom: gate.acknowledgeFrom ?? null,
    acknowledgements: gate.acknowledgements.map((a) => ({ ...acknowledgementJson(a.acknowledgement), matched: a.matched })),
    problems: gate.problems.map(findingJson),
  };
}

function environmentJson(env: EnvironmentReport, gate: GateResult | undefined): DiffJsonEnvironment {
  return {
    name: env.name,
    namespace: env.namespace,
    status: env.status,
    counts: env.counts,
    unchanged: env.unchanged,
    dangers: env.dangers.map((d) => {
      const gated = gatedDanger(gate, env.name, d);
      return {
        ...findingJson(d),
        resource: d.resource,
        status: gated?.status ?? 'blocking',
        acknowledgement: gated?.acknowledgement === undefined ? null : acknowledgementJson(gated.acknowledgement),
        acknowledgeAs: gated?.acknowledgeAs ?? `${d.code} ${env.name}/${d.resource.split('/').pop() ?? ''}`,
      };
    }),
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

export function toDiffJson(report: DiffReport, gate?: GateResult): DiffJsonV1 {
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
    environments: report.environments.map((e) => environmentJson(e, gate)),
    gate: gate === undefined ? null : gateJson(gate),
  };
}

/** The JSON text, two-space indented, ending with a newline. */
export function renderDiffJson(report: DiffReport, gate?: GateResult): string {
  return `${JSON.stringify(toDiffJson(report, gate), null, 2)}\n`;
}
