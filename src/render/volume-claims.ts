/**
 * Every PersistentVolumeClaim the rendered objects make, directly or through a controller, and the
 * StorageClass each asks for: a PersistentVolumeClaim, a StatefulSet's volumeClaimTemplates, a
 * generic ephemeral volume in any pod spec, and a RivvenCluster's `spec.storage` (the operator turns
 * it into its StatefulSet's claim template `data`, with the CRD's default storage when absent). Pure:
 * reads only the objects.
 */
import { isRecord } from '../core/json.js';
import { apiGroup, idOf } from '../core/object-ref.js';
import { rivvenGroup } from '../core/rivven.js';
import type { K8sObject } from './k8s-object.js';

/** The deprecated annotation that still names a claim's class, and wins over `storageClassName`. */
const betaClassAnnotation = 'volume.beta.kubernetes.io/storage-class';

export interface VolumeClaim {
  /** The object that makes the claim, by id. */
  readonly owner: string;
  /** Where in the owner, e.g. `spec.volumeClaimTemplates[0]`. */
  readonly field: string;
  /**
   * The StorageClass asked for. `undefined`: none, so the API server gives the claim the cluster's
   * default StorageClass (or it stays Pending while there is none). `''`: explicitly no class, so it
   * binds only to a pre-provisioned volume without one and needs no default.
   */
  readonly storageClassName: string | undefined;
}

/** The class a claim (its metadata and spec) asks for, as the DefaultStorageClass admission reads it. */
function classOf(metadata: unknown, spec: unknown): string | undefined {
  const annotations = isRecord(metadata) && isRecord(metadata['annotations']) ? metadata['annotations'] : {};
  const annotated = annotations[betaClassAnnotation];
  if (typeof annotated === 'string') return annotated;
  const named = isRecord(spec) ? spec['storageClassName'] : undefined;
  return typeof named === 'string' ? named : undefined;
}

/** Generic ephemeral volumes (`volumes[].ephemeral.volumeClaimTemplate`) anywhere in the object. */
function ephemeralClaims(value: unknown, path: readonly (string | number)[], owner: string, out: VolumeClaim[]): void {
  if (Array.isArray(value)) {
    value.forEach((v, i) => ephemeralClaims(v, [...path, i], owner, out));
    return;
  }
  if (!isRecord(value)) return;
  for (const [key, child] of Object.entries(value)) {
    if (key === 'ephemeral' && isRecord(child) && isRecord(child['volumeClaimTemplate'])) {
      const template = child['volumeClaimTemplate'];
      out.push({ owner, field: fieldText([...path, key, 'volumeClaimTemplate']), storageClassName: classOf(template['metadata'], template['spec']) });
    } else {
      ephemeralClaims(child, [...path, key], owner, out);
    }
  }
}

function fieldText(path: readonly (string | number)[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

/** The claims one object makes, in field order. */
export function findObjectVolumeClaims(obj: K8sObject): VolumeClaim[] {
  const owner = idOf(obj);
  const group = apiGroup(obj.apiVersion);
  const spec = isRecord(obj['spec']) ? obj['spec'] : {};
  const out: VolumeClaim[] = [];
  if (group === '' && obj.kind === 'PersistentVolumeClaim') {
    out.push({ owner, field: 'spec', storageClassName: classOf(obj.metadata, spec) });
  } else if (group === rivvenGroup && obj.kind === 'RivvenCluster') {
    const storage = isRecord(spec['storage']) ? spec['storage'] : {};
    out.push({ owner, field: 'spec.storage', storageClassName: classOf(undefined, storage) });
  } else if (group === 'apps' && obj.kind === 'StatefulSet' && Array.isArray(spec['volumeClaimTemplates'])) {
    spec['volumeClaimTemplates'].forEach((t, i) => {
      if (isRecord(t)) out.push({ owner, field: `spec.volumeClaimTemplates[${i}]`, storageClassName: classOf(t['metadata'], t['spec']) });
    });
  }
  ephemeralClaims(spec, ['spec'], owner, out);
  return out;
}

/** Every claim of every object, in object order. */
export function findVolumeClaims(objects: readonly K8sObject[]): VolumeClaim[] {
  return objects.flatMap(findObjectVolumeClaims);
}
