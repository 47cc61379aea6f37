/** Object identity across sources: group/kind/namespace/name (the version is not part of it). */

/** How an object is matched across sources: group/kind/namespace/name, never the version. */
export interface ObjectRef {
  /** API group, `''` for the core group. */
  readonly group: string;
  readonly kind: string;
  /** `''` for cluster-scoped objects. */
  readonly namespace: string;
  readonly name: string;
}

/** The members of a Kubernetes object its identity is read from. */
export interface IdentifiedObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly namespace?: string | undefined };
}

/** API group of an apiVersion (`''` for the core group `v1`). */
export function apiGroup(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash === -1 ? '' : apiVersion.slice(0, slash);
}

/** Version of an apiVersion (`v1` of `apps/v1`). */
export function apiVersionOnly(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash === -1 ? apiVersion : apiVersion.slice(slash + 1);
}

export function refOf(obj: IdentifiedObject): ObjectRef {
  return { group: apiGroup(obj.apiVersion), kind: obj.kind, namespace: obj.metadata.namespace ?? '', name: obj.metadata.name };
}

export function idOfRef(ref: ObjectRef): string {
  return `${ref.group}/${ref.kind}/${ref.namespace}/${ref.name}`;
}

/** `idOfRef(refOf(obj))` without the intermediate ref: ids are built for every comparison of a sort. */
export function idOf(obj: IdentifiedObject): string {
  return `${apiGroup(obj.apiVersion)}/${obj.kind}/${obj.metadata.namespace ?? ''}/${obj.metadata.name}`;
}

/** `Kind namespace/name` (or `Kind name` when cluster-scoped), as kubectl users read it. */
export function describeRef(ref: ObjectRef): string {
  return `${ref.kind} ${ref.namespace === '' ? '' : `${ref.namespace}/`}${ref.name}`;
}

/** True for `group/kind` given as `apps/StatefulSet` or `StatefulSet` for the core group. */
export function isKind(ref: Pick<ObjectRef, 'group' | 'kind'>, groupKind: string): boolean {
  const slash = groupKind.lastIndexOf('/');
  const group = slash === -1 ? '' : groupKind.slice(0, slash);
  const kind = slash === -1 ? groupKind : groupKind.slice(slash + 1);
  return ref.group === group && ref.kind === kind;
}
