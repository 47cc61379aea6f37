/** Structural comparison of rendered objects, independent of key order. */
import type { K8sObject } from '../render/k8s-object.js';
import { compareCodeUnits } from './yaml-writer.js';

/** JSON with every object's keys sorted; `undefined` members dropped as JSON.stringify does. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    const entries: [string, unknown][] = Object.entries(v);
    entries.sort((x, y) => compareCodeUnits(x[0], y[0]));
    const sorted: Record<string, unknown> = {};
    // defineProperty, not assignment: a `__proto__` key must stay data, not become a prototype.
    for (const [k, child] of entries) Object.defineProperty(sorted, k, { value: child, enumerable: true });
    return sorted;
  });
}

export function deepEqualJson(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

/** A deep copy through JSON: drops `undefined`, never shares nodes with the input. */
export function cloneJson<T>(value: T): T {
  const copy: T = JSON.parse(JSON.stringify(value));
  return copy;
}

/** The object as a base would hold it: the same in every environment because the namespace is gone. */
export function stripNamespace(obj: K8sObject): K8sObject {
  const copy = cloneJson(obj);
  delete copy.metadata.namespace;
  return copy;
}

/** API group of an apiVersion (`''` for the core group). */
export function apiGroup(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash === -1 ? '' : apiVersion.slice(0, slash);
}

/** Version of an apiVersion (`v1` of `apps/v1`). */
export function apiVersionOnly(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash === -1 ? apiVersion : apiVersion.slice(slash + 1);
}
