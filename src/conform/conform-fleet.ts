/**
 * The conform stage: every object a build would write is checked against the schema the API server
 * enforces, so a fleet never builds "successfully" while the cluster would refuse or silently prune what
 * it wrote. Each violation becomes a finding with its own code, at the config line that produced the
 * value (or naming the object and field when no line did). A violation every environment inherits from
 * the base is reported once. Pure.
 */
import { finding, type Code } from '../errors/catalog.js';
import type { Finding } from '../errors/diagnostic.js';
import { sortFindings } from '../errors/diagnostic.js';
import type { ResolvedEnvironment, ResolvedFleet } from '../model/types.js';
import type { K8sObject } from '../render/k8s-object.js';
import { formatPath } from '../core/path.js';
import { idOf } from '../core/object-ref.js';
import { originAt, type ObjectOrigins } from '../customize/origins.js';
import type { SchemaPack } from '../schema-pack/types.js';
import { conformObject, type ConformMemo } from './conform-object.js';
import { locateViolation } from './locate-violation.js';
import { formatFieldPath, type SchemaViolation, type ViolationClass } from './violation.js';

/** What the render stage produced, as far as conform needs it (a `FleetRender` fits). */
export interface ConformedRender {
  readonly environments: readonly { readonly name: string; readonly objects: readonly K8sObject[]; readonly origins?: ObjectOrigins }[];
  readonly argocd: readonly K8sObject[];
  readonly argocdRoot?: readonly K8sObject[];
}

export interface ConformOptions {
  /** The Rivven CRD schemas for an environment; undefined when none is known (its CRs are then RG457). */
  readonly packFor: (env: ResolvedEnvironment) => SchemaPack | undefined;
  /** Objects known to pass their model's schema from an earlier build (see ConformMemo). */
  readonly memo?: ConformMemo;
}

export const violationCodes: Readonly<Record<ViolationClass, Code>> = {
  pruned: 'RG450',
  type: 'RG451',
  enum: 'RG452',
  range: 'RG453',
  pattern: 'RG454',
  required: 'RG455',
  schema: 'RG456',
  'unknown-kind': 'RG457',
  'unchecked-kind': 'RG458',
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

/** One violation, located: what groups it with the same violation elsewhere, and which object it is in. */
interface Located {
  readonly code: Code;
  readonly severity: 'error' | 'warning';
  readonly path: string;
  readonly loc?: Finding['loc'];
  readonly what: string;
  /** `RivvenTopic shop-dev/orders: spec.partitions` */
  readonly where: string;
  readonly source: string;
}

function locateOne(env: ResolvedEnvironment, obj: K8sObject, v: SchemaViolation, source: string, origins?: ObjectOrigins): Located {
  // A value an escape hatch wrote is located exactly, at the patch line; others by value.
  const customized = originAt(env, origins, idOf(obj), v.path);
  const located = customized?.loc !== undefined ? { path: customized.path, loc: customized.loc } : locatedByValue(env, v);
  const field = formatFieldPath(v.path);
  return {
    code: violationCodes[v.class],
    severity: v.class === 'unchecked-kind' ? 'warning' : 'error',
    path: located !== undefined ? located.path : `${obj.kind}/${obj.metadata.name}${field === '' ? '' : `:${field}`}`,
    ...(located !== undefined ? { loc: located.loc } : {}),
    what: v.message,
    where: `${describeObject(obj)}${field === '' ? '' : `: ${field}`}`,
    source,
  };
}

function locatedByValue(env: ResolvedEnvironment, v: SchemaViolation): { path: string; loc: NonNullable<Finding['loc']> } | undefined {
  const found = v.value === undefined ? undefined : locateViolation(env, v.value, v.path);
  return found === undefined ? undefined : { path: formatPath(found.path), loc: found.loc };
}

interface Group {
  readonly first: Located;
  readonly where: string[];
  readonly environments: string[];
}

/** One finding per config line and problem: a label every object carries is one finding, not fifty. */
function present(group: Group): Finding {
  const { first } = group;
  const others = group.where.length - 1;
  const also = others === 0 ? '' : ` (and ${others} more object${others === 1 ? '' : 's'}: ${group.where.slice(1, 4).join('; ')}${others > 3 ? '; …' : ''})`;
  const names = [...group.environments].sort();
  return finding(first.code, {
    severity: first.severity,
    path: first.path,
    message: `${group.where[0] ?? ''}: ${first.what}${also}; checked against ${first.source} (environment${names.length === 1 ? '' : 's'} ${names.join(', ')})`,
    ...(first.loc !== undefined ? { loc: first.loc } : {}),
  });
}

export function conformFleet(fleet: ResolvedFleet, render: ConformedRender, options: ConformOptions): Finding[] {
  const groups = new Map<string, Group>();
  const add = (env: ResolvedEnvironment, l: Located): void => {
    // Located violations group by line and problem; the others stay one per object and field.
    const key = JSON.stringify([l.code, l.path, l.loc ?? null, l.what, l.loc === undefined ? l.where : '']);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, { first: l, where: [l.where], environments: [env.name] });
    else {
      if (!group.where.includes(l.where)) group.where.push(l.where);
      if (!group.environments.includes(env.name)) group.environments.push(env.name);
    }
  };
  for (const env of fleet.environments) {
    const rendered = render.environments.find((e) => e.name === env.name);
    const objects = rendered?.objects ?? [];
    const pack = options.packFor(env);
    for (const obj of objects) {
      const result = conformObject(obj, pack, options.memo);
      for (const v of result.violations) add(env, locateOne(env, obj, v, sourceOf(obj, pack, result.origin), rendered?.origins));
    }
  }
  const first = fleet.environments[0];
  if (first !== undefined) {
    for (const obj of [...render.argocd, ...(render.argocdRoot ?? [])]) {
      const result = conformObject(obj, undefined, options.memo);
      for (const v of result.violations) add(first, locateOne(first, obj, v, sourceOf(obj, undefined, result.origin)));
    }
  }
  return sortFindings([...groups.values()].map(present));
}
