/**
 * The conform stage: every object a build would write is checked against the schema the API server
 * enforces, so a fleet never builds "successfully" while the cluster would refuse or silently prune what
 * it wrote. Each violation becomes a finding with its own code, at the config line that produced the
 * value (or naming the object and field when no line did). A violation every environment inherits from
 * the base is reported once. Pure.
 */
import { finding } from '../errors/catalog.js';
import type { Finding } from '../errors/diagnostic.js';
import { sortFindings } from '../errors/diagnostic.js';
import type { ResolvedEnvironment, ResolvedFleet } from '../model/types.js';
import type { K8sObject } from '../render/k8s-object.js';
import { formatPath } from '../resolve/path.js';
import type { SchemaPack } from '../schema-pack/types.js';
import { conformObject, type ConformMemo } from './conform-object.js';
import { locateViolation } from './locate-violation.js';
import { formatFieldPath, type SchemaViolation, type ViolationClass } from './violation.js';

/** What the render stage produced, as far as conform needs it (a `FleetRender` fits). */
export interface ConformedRender {
  readonly environments: readonly { readonly name: string; readonly objects: readonly K8sObject[] }[];
  readonly argocd: readonly K8sObject[];
}

export interface ConformOptions {
  /** The Rivven CRD schemas for an environment; undefined when none is known (its CRs are then RG457). */
  readonly packFor: (env: ResolvedEnvironment) => SchemaPack | undefined;
  /** Objects known to pass their model's schema from an earlier build (see ConformMemo). */
  readonly memo?: ConformMemo;
}

export const violationCodes: Readonly<Record<ViolationClass, string>> = {
  pruned: 'RG450',
  type: 'RG451',
  enum: 'RG452',
  range: 'RG453',
  pattern: 'RG454',
  required: 'RG455',
  schema: 'RG456',
  'unknown-kind': 'RG457',
  name: 'RG460',
  namespace: 'RG461',
  'label-key': 'RG462',
  'label-value': 'RG463',
  'annotation-key': 'RG464',
  'annotation-size': 'RG465',
  'port-name': 'RG466',
};

function describeObject(obj: K8sObject): string {
  const ns = obj.metadata.namespace;
  return `${obj.kind} ${ns === undefined ? '' : `${ns}/`}${obj.metadata.name}`;
}

function sourceOf(obj: K8sObject, pack: SchemaPack | undefined, origin: string): string {
  if (origin === 'crd-pack' && pack !== undefined) {
    return pack.source === 'user-directory' ? `the CRDs in ${pack.origin.repository}` : `the Rivven ${pack.rivvenVersions.join('/')} CRDs`;
  }
  return origin === 'models' ? `the ${obj.apiVersion} ${obj.kind} schema` : 'the known schemas';
}

function toFinding(env: ResolvedEnvironment, obj: K8sObject, v: SchemaViolation, source: string): Finding {
  const located = v.value === undefined ? undefined : locateViolation(env, v.value, v.path);
  const field = formatFieldPath(v.path);
  return finding(violationCodes[v.class], {
    path: located !== undefined ? formatPath(located.path) : `${obj.kind}/${obj.metadata.name}${field === '' ? '' : `:${field}`}`,
    message: `${describeObject(obj)}: ${field === '' ? '' : `${field}: `}${v.message} (checked against ${source})`,
    ...(located !== undefined ? { loc: located.loc } : {}),
  });
}

export function conformFleet(fleet: ResolvedFleet, render: ConformedRender, options: ConformOptions): Finding[] {
  const grouped = new Map<string, { finding: Finding; environments: string[] }>();
  const add = (env: ResolvedEnvironment, f: Finding): void => {
    const key = JSON.stringify([f.code, f.path, f.message, f.loc ?? null]);
    const group = grouped.get(key);
    if (group === undefined) grouped.set(key, { finding: f, environments: [env.name] });
    else if (!group.environments.includes(env.name)) group.environments.push(env.name);
  };
  for (const env of fleet.environments) {
    const objects = render.environments.find((e) => e.name === env.name)?.objects ?? [];
    const pack = options.packFor(env);
    for (const obj of objects) {
      const result = conformObject(obj, pack, options.memo);
      for (const v of result.violations) add(env, toFinding(env, obj, v, sourceOf(obj, pack, result.origin)));
    }
  }
  const first = fleet.environments[0];
  if (first !== undefined) {
    for (const obj of render.argocd) {
      const result = conformObject(obj, undefined, options.memo);
      for (const v of result.violations) add(first, toFinding(first, obj, v, sourceOf(obj, undefined, result.origin)));
    }
  }
  return sortFindings(
    [...grouped.values()].map(({ finding: f, environments }) => {
      const names = [...environments].sort();
      return { ...f, message: `${f.message} (environment${names.length === 1 ? '' : 's'} ${names.join(', ')})` };
    }),
  );
}
