/**
 * The Secret inventory of one environment's rendered objects: every Secret something reads or the
 * fleet delivers, the keys read, who reads them and how each reaches the cluster. `doctor`, the runbook
 * and the delivery check read it. Pure: only names and keys, never a value.
 */
import type { K8sObject } from './k8s-object.js';
import { findSecretProducers, findSecretReferences, type SecretKeys } from './secret-references.js';
import { compareText } from '../core/order.js';

/**
 * - `external-secret`: an ExternalSecret in the output creates it;
 * - `sealed`: a SealedSecret in the output creates it;
 * - `rendered-by-us`: another rendered object creates it (a cert-manager Certificate, an Ingress
 *   annotated for cert-manager, a Secret);
 * - `external`: declared in `secrets.external`: created outside this fleet;
 * - `undeclared`: read, and nothing delivers or declares it (RG350 stops such a build).
 */
export type SecretDelivery = 'external-secret' | 'sealed' | 'external' | 'rendered-by-us' | 'undeclared';

export interface SecretInventoryEntry {
  readonly namespace: string;
  readonly name: string;
  /** The keys consumers read (sorted); `['*']` when a consumer mounts the whole Secret. */
  readonly keys: readonly string[];
  /** `Kind/name` of every object that reads it (sorted). */
  readonly consumers: readonly string[];
  readonly delivery: SecretDelivery;
}

export interface SecretInventoryOptions {
  /** Namespace of objects that carry none (the overlay sets it). */
  readonly namespace?: string;
  /** Secret names declared external (`secrets.external`). */
  readonly external?: readonly string[];
}

const wholeSecret = '*';

function mergeKeys(into: Set<string>, keys: SecretKeys): void {
  if (keys === 'all') into.add(wholeSecret);
  else for (const k of keys) into.add(k);
}

/**
 * Every Secret the objects read or create, one entry per namespace/name, sorted. Delivery comes from
 * the objects themselves (an ExternalSecret, SealedSecret, Certificate in the list), else from
 * `options.external`, else `undeclared`.
 */
export function secretInventory(objects: readonly K8sObject[], options: SecretInventoryOptions = {}): SecretInventoryEntry[] {
  const ns = (n: string | undefined): string => n ?? options.namespace ?? '';
  const entries = new Map<string, { namespace: string; name: string; keys: Set<string>; consumers: Set<string>; delivery?: SecretDelivery }>();
  const entry = (namespace: string, name: string) => {
    const id = `${namespace}/${name}`;
    let e = entries.get(id);
    if (e === undefined) {
      e = { namespace, name, keys: new Set(), consumers: new Set() };
      entries.set(id, e);
    }
    return e;
  };
  for (const p of findSecretProducers(objects)) entry(ns(p.namespace), p.name).delivery ??= p.delivery;
  for (const r of findSecretReferences(objects)) {
    const e = entry(ns(r.namespace), r.name);
    mergeKeys(e.keys, r.keys);
    e.consumers.add(r.consumer);
  }
  const external = new Set(options.external ?? []);
  return [...entries.values()]
    .map((e) => ({
      namespace: e.namespace,
      name: e.name,
      keys: [...e.keys].sort(compareText),
      consumers: [...e.consumers].sort(compareText),
      delivery: e.delivery ?? (external.has(e.name) ? 'external' : 'undeclared'),
    }))
    .sort((a, b) => compareText(`${a.namespace}/${a.name}`, `${b.namespace}/${b.name}`));
}
