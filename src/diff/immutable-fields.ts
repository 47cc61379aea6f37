/**
 * Fields the API server refuses to update. A change to one of them cannot be synced as an update: the
 * object has to be deleted and created again (Argo CD's `Replace=true`, or for a StatefulSet
 * `kubectl delete --cascade=orphan` and a new sync), so the diff calls the change a `replace`.
 * Sources: the validation of each kind in kubernetes/kubernetes pkg/apis/<group>/validation/validation.go
 * (ValidateStatefulSetUpdate, ValidateDeploymentUpdate, ValidateJobUpdate, ValidateServiceUpdate,
 * ValidatePersistentVolumeClaimUpdate, ValidateRoleBindingUpdate, ValidateConfigMapUpdate).
 */
import { isAtOrUnder } from './field-path.js';
import { getIn } from './json-value.js';
import { isKind } from '../core/object-ref.js';
import type { FieldChange, ObjectRef } from './types.js';

interface ImmutableRule {
  readonly kinds: readonly string[];
  /** Changes at or under these paths are refused. */
  readonly immutable?: readonly string[];
  /** Under `under`, every change is refused except at or under `except`. */
  readonly onlyMutable?: { readonly under: string; readonly except: readonly string[] };
  /** The rule holds only for objects (in the source) where this is true. */
  readonly when?: (before: unknown) => boolean;
  readonly source: string;
}

export const immutableRules: readonly ImmutableRule[] = [
  {
    kinds: ['apps/StatefulSet'],
    onlyMutable: {
      under: 'spec',
      except: ['spec.replicas', 'spec.template', 'spec.updateStrategy', 'spec.persistentVolumeClaimRetentionPolicy', 'spec.minReadySeconds', 'spec.ordinals'],
    },
    source: 'pkg/apis/apps/validation/validation.go ValidateStatefulSetUpdate',
  },
  { kinds: ['apps/Deployment', 'apps/ReplicaSet', 'apps/DaemonSet'], immutable: ['spec.selector'], source: 'pkg/apis/apps/validation/validation.go' },
  { kinds: ['batch/Job'], immutable: ['spec.selector', 'spec.template', 'spec.completionMode'], source: 'pkg/apis/batch/validation/validation.go ValidateJobUpdate' },
  { kinds: ['Service'], immutable: ['spec.clusterIP', 'spec.clusterIPs'], source: 'pkg/apis/core/validation/validation.go ValidateServiceUpdate' },
  {
    kinds: ['PersistentVolumeClaim'],
    onlyMutable: { under: 'spec', except: ['spec.resources', 'spec.volumeAttributesClassName'] },
    source: 'pkg/apis/core/validation/validation.go ValidatePersistentVolumeClaimUpdate',
  },
  {
    kinds: ['rbac.authorization.k8s.io/RoleBinding', 'rbac.authorization.k8s.io/ClusterRoleBinding'],
    immutable: ['roleRef'],
    source: 'pkg/apis/rbac/validation/validation.go ValidateRoleBindingUpdate',
  },
  {
    kinds: ['ConfigMap', 'Secret'],
    immutable: ['data', 'binaryData', 'immutable'],
    when: (before) => getIn(before, ['immutable']) === true,
    source: 'pkg/apis/core/validation/validation.go ValidateConfigMapUpdate',
  },
];

/** Paths of the changes the API server would refuse as an update of `before`. */
export function immutableChanges(ref: ObjectRef, fields: readonly FieldChange[], before: unknown): string[] {
  const out: string[] = [];
  for (const rule of immutableRules) {
    if (!rule.kinds.some((k) => isKind(ref, k))) continue;
    if (rule.when && !rule.when(before)) continue;
    for (const field of fields) {
      const refused =
        (rule.immutable ?? []).some((p) => isAtOrUnder(field.path, p)) ||
        (rule.onlyMutable !== undefined &&
          isAtOrUnder(field.path, rule.onlyMutable.under) &&
          field.path !== rule.onlyMutable.under &&
          !rule.onlyMutable.except.some((p) => isAtOrUnder(field.path, p)));
      if (refused && !out.includes(field.path)) out.push(field.path);
    }
  }
  return out;
}
