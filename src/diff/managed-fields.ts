/**
 * Field ownership from `metadata.managedFields`. The API server records, per field manager, the set of
 * fields it last set (`fieldsV1`: `f:spec: {f:replicas: {}}`, list items as `k:{"name":"x"}` or
 * `v:"value"`). The diff uses it to leave alone what applying our manifests would leave alone:
 * - a field only a controller owns (the HPA's `spec.replicas` via kube-controller-manager, fields the
 *   Rivven operator sets) is that controller's business, even where we render a value;
 * - a field present only in the cluster is removed by an apply only if an applier owns it.
 * Manual changes (`kubectl edit`, `kubectl scale`…) are drift: they stay visible.
 */
import type { K8sObject } from '../render/k8s-object.js';
import { ancestorPaths, childPath, isNamedList, itemPath } from './field-path.js';
import type { ManagedFieldsEntry } from './normalize.js';
import { isRecord } from '../core/json.js';
import { jsonEqual } from '../core/json-equal.js';

export type ManagerRole = 'applier' | 'human' | 'controller';

/**
 * Field managers that apply rendered manifests: Argo CD (client- and server-side), rivven-gitops itself,
 * and `kubectl apply` (client-side records `kubectl-client-side-apply`, server-side `kubectl`).
 */
export const defaultAppliers: readonly string[] = [
  'argocd-controller',
  'argocd-application-controller',
  'rivven-gitops',
  'kubectl-client-side-apply',
  'kubectl',
];

/** Managers people drive by hand: their changes are drift an apply reverts, never ignored. */
function isHumanManager(manager: string): boolean {
  return manager.startsWith('kubectl-') || manager === 'k9s';
}

export function managerRole(manager: string, appliers: readonly string[] = defaultAppliers): ManagerRole {
  if (appliers.includes(manager)) return 'applier';
  return isHumanManager(manager) ? 'human' : 'controller';
}

/** Field paths (see field-path.ts) one fieldsV1 set owns in `obj`; items absent from `obj` are skipped. */
export function ownedPaths(obj: unknown, fieldsV1: unknown): Set<string> {
  const owned = new Set<string>();
  const walk = (node: unknown, trie: unknown, path: string): void => {
    if (!isRecord(trie)) return;
    for (const [key, sub] of Object.entries(trie)) {
      const leaf = isRecord(sub) && Object.keys(sub).length === 0;
      if (key === '.') {
        owned.add(path);
      } else if (key.startsWith('f:')) {
        const name = key.slice(2);
        const child = childPath(path, name);
        if (leaf) owned.add(child);
        else walk(isRecord(node) ? node[name] : undefined, sub, child);
      } else if (Array.isArray(node) && (key.startsWith('k:') || key.startsWith('v:') || key.startsWith('i:'))) {
        const index = findItem(node, key);
        if (index === undefined) continue;
        const child = itemPath(path, node, index, isNamedList(node));
        if (leaf) owned.add(child);
        else walk(node[index], sub, child);
      }
    }
  };
  walk(obj, fieldsV1, '');
  return owned;
}

function findItem(list: readonly unknown[], key: string): number | undefined {
  let selector: unknown;
  try {
    selector = key.startsWith('i:') ? Number(key.slice(2)) : JSON.parse(key.slice(2));
  } catch {
    return undefined;
  }
  if (key.startsWith('i:')) return typeof selector === 'number' && selector < list.length ? selector : undefined;
  if (key.startsWith('v:')) {
    const i = list.findIndex((item) => jsonEqual(item, selector));
    return i === -1 ? undefined : i;
  }
  if (!isRecord(selector)) return undefined;
  const fields = Object.entries(selector);
  const i = list.findIndex((item) => isRecord(item) && fields.every(([k, v]) => jsonEqual(item[k], v)));
  return i === -1 ? undefined : i;
}

/** For each role, every owned path and all of its ancestors ("this role owns something at or under here"). */
export interface Ownership {
  readonly applier: ReadonlySet<string>;
  readonly human: ReadonlySet<string>;
  readonly controller: ReadonlySet<string>;
}

/**
 * Reads the ownership of `obj` (the live object as the API server returned it, before normalization).
 * Status-subresource entries are skipped: status is never compared.
 */
export function readOwnership(obj: K8sObject, entries: readonly ManagedFieldsEntry[], appliers: readonly string[] = defaultAppliers): Ownership {
  const sets = { applier: new Set<string>(), human: new Set<string>(), controller: new Set<string>() };
  for (const entry of entries) {
    if (entry.subresource === 'status') continue;
    const target = sets[managerRole(entry.manager, appliers)];
    for (const path of ownedPaths(obj, entry.fieldsV1)) {
      target.add(path);
      for (const ancestor of ancestorPaths(path)) target.add(ancestor);
    }
  }
  return sets;
}
