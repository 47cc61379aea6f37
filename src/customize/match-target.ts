/** Which objects a customization target names: every criterion given must hold. */
import { apiGroup } from '../core/object-ref.js';
import type { K8sObject } from '../render/k8s-object.js';

export interface CustomizeTarget {
  readonly kind?: string | undefined;
  readonly name?: string | undefined;
  readonly labels?: Readonly<Record<string, string>> | undefined;
  readonly group?: string | undefined;
  readonly namespace?: string | undefined;
}

export function matchesTarget(obj: K8sObject, target: CustomizeTarget): boolean {
  if (target.kind !== undefined && obj.kind !== target.kind) return false;
  if (target.name !== undefined && obj.metadata.name !== target.name) return false;
  if (target.group !== undefined && apiGroup(obj.apiVersion) !== target.group) return false;
  if (target.namespace !== undefined && obj.metadata.namespace !== target.namespace) return false;
  if (target.labels !== undefined) {
    const labels = obj.metadata.labels ?? {};
    for (const [key, value] of Object.entries(target.labels)) if (labels[key] !== value) return false;
  }
  return true;
}

/** `StatefulSet rivven-main (labels app=x)`, for messages. */
export function describeTarget(target: CustomizeTarget): string {
  const parts = [
    target.group === undefined ? undefined : `group ${target.group === '' ? '(core)' : target.group}`,
    target.kind === undefined ? undefined : `kind ${target.kind}`,
    target.name === undefined ? undefined : `name ${target.name}`,
    target.namespace === undefined ? undefined : `namespace ${target.namespace}`,
    target.labels === undefined ? undefined : `labels ${Object.entries(target.labels).map(([k, v]) => `${k}=${v}`).join(',')}`,
  ];
  return parts.filter((p) => p !== undefined).join(', ');
}
