/** Calling a `customize.transform` and checking what it returns. */
import { finding } from '../errors/catalog.js';
import type { Finding } from '../errors/diagnostic.js';
import { isRecord } from '../core/json.js';
import type { PathSegment } from '../core/path.js';
import { jsonEqual } from '../core/json-equal.js';
import type { LoadedTransform } from '../model/customize-types.js';
import type { ResolvedEnvironment } from '../model/types.js';
import type { K8sObject } from '../render/k8s-object.js';
import { checkObjectShape } from './object-shape.js';

export type TransformRun = { readonly ok: true; readonly objects: readonly K8sObject[] } | { readonly ok: false; readonly finding: Finding };

export function runTransforms(transform: LoadedTransform, objects: readonly K8sObject[], env: ResolvedEnvironment): TransformRun {
  const where = transform.loc === undefined ? {} : { loc: transform.loc };
  const outcome = transform.run(objects, { name: env.name, namespace: env.config.namespace, profile: env.config.profile });
  if (!outcome.ok) {
    const loc = outcome.loc ?? transform.loc;
    return { ok: false, finding: finding('RG374', { path: 'customize.transform', message: `customize.transform failed for environment ${env.name}: ${outcome.message}.`, ...(loc === undefined ? {} : { loc }) }) };
  }
  const value = outcome.value;
  const wrong = (what: string): TransformRun => ({ ok: false, finding: finding('RG375', { path: 'customize.transform', message: `customize.transform for environment ${env.name} ${what}.`, ...where }) });
  if (!Array.isArray(value)) return wrong(`returned ${value === undefined ? 'undefined' : isRecord(value) && typeof (value as { then?: unknown }).then === 'function' ? 'a Promise' : `a ${typeof value}`}, not an array of objects`);
  for (const [i, item] of value.entries()) {
    const shape = checkObjectShape(item);
    if (shape !== undefined) return wrong(`returned an element [${i}] that is not a Kubernetes object: ${shape}`);
  }
  return { ok: true, objects: value as K8sObject[] };
}

/** The deepest paths where `a` and `b` differ (a whole list counts as one value). */
export function changedPaths(a: unknown, b: unknown, path: PathSegment[] = []): PathSegment[][] {
  if (jsonEqual(a, b)) return [];
  if (!isRecord(a) || !isRecord(b)) return [path];
  const out: PathSegment[][] = [];
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (!(key in b)) continue;
    out.push(...changedPaths(a[key], b[key], [...path, key]));
  }
  return out;
}
