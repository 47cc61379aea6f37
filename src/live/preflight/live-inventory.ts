/** What doctor read from the cluster: only what the prerequisite checks need, and never a Secret's data. */

/** A fact read from the cluster, or why it is unknown (403, 5xx, timeout): unknown is never "missing". */
export type Lookup<T> = { readonly known: true; readonly value: T } | { readonly known: false; readonly reason: string };

export interface LiveDeployment {
  readonly namespace: string;
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
}

/** A StorageClass as doctor needs it: whether it is marked default, and when it was created. */
export interface LiveStorageClass {
  readonly name: string;
  readonly isDefault: boolean;
  /** RFC 3339 creation time ('' when unknown): the newest default wins. */
  readonly created: string;
}

export interface LiveInventory {
  /** API group → the versions it serves (from `/apis`). The core group is always served. */
  readonly groups: Lookup<ReadonlyMap<string, readonly string[]>>;
  /** `group/version` → the kinds it serves (from its APIResourceList). */
  readonly kinds: ReadonlyMap<string, Lookup<readonly string[]>>;
  /** Deployments matching an operator's well-known labels, in any namespace. */
  readonly deployments: Lookup<readonly LiveDeployment[]>;
  /** Namespace → the names of its Secrets (listed as metadata only). */
  readonly secretNames: ReadonlyMap<string, Lookup<readonly string[]>>;
  /** `kind/namespace/name` (namespace '' when cluster-scoped) → whether that object exists. */
  readonly objects: ReadonlyMap<string, Lookup<boolean>>;
  /** Every StorageClass (metadata only), read when a claim names none; absent when none does. */
  readonly storageClasses?: Lookup<readonly LiveStorageClass[]>;
}

export function objectKey(kind: string, namespace: string, name: string): string {
  return `${kind}/${namespace}/${name}`;
}

export function known<T>(value: T): Lookup<T> {
  return { known: true, value };
}

export function unknown<T>(reason: string): Lookup<T> {
  return { known: false, reason };
}
