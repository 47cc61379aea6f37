/**
 * Normalization: what the API server and controllers write into an object that nobody rendered, removed
 * before comparing, so that an environment deployed from the current output diffs empty.
 *
 * Three kinds of noise, three mechanisms:
 * 1. Always server-set (`normalizeObject`): identity and bookkeeping metadata, `status`, and annotations
 *    that tools write to track what they applied. Dropped from every object, on both sides.
 * 2. Server-assigned unless rendered (`dropServerAssigned`): values the server picks when the manifest
 *    leaves them out — a Service's cluster IP, a PVC's bound volume, finalizers controllers add. Dropped
 *    from the source side only where the rendered object does not set them, so a rendered value is still
 *    compared.
 * 3. Defaults (kubernetes-defaults.ts) and other field managers (managed-fields.ts), applied later.
 */
import type { K8sObject } from '../render/k8s-object.js';
import { forEachMapAt, forEachPairAt, parsePattern } from './path-pattern.js';
import { isKind, apiGroup } from '../core/object-ref.js';
import { isRecord, type JsonObject } from '../core/json.js';

/** Metadata the API server maintains: never part of what anyone renders. */
export const serverMetadataFields = [
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'managedFields',
  'selfLink',
  // Present while an object is being deleted: the deletion itself is what the diff reports.
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  // Set by controllers on what they create; an object we render is never owned, and ownership is
  // read (server-owned.ts) before it is dropped.
  'ownerReferences',
] as const;

/** Annotations tools and controllers write to record what they did, not what anyone declared. */
export const bookkeepingAnnotations = [
  'kubectl.kubernetes.io/last-applied-configuration',
  'argocd.argoproj.io/tracking-id',
  'deployment.kubernetes.io/revision',
  'deprecated.daemonset.template.generation',
  'autoscaling.alpha.kubernetes.io/conditions',
  'autoscaling.alpha.kubernetes.io/current-metrics',
  'pv.kubernetes.io/bind-completed',
  'pv.kubernetes.io/bound-by-controller',
  'volume.beta.kubernetes.io/storage-provisioner',
  'volume.kubernetes.io/storage-provisioner',
  'volume.kubernetes.io/selected-node',
  'control-plane.alpha.kubernetes.io/leader',
  'endpoints.kubernetes.io/last-change-trigger-time',
  'batch.kubernetes.io/job-tracking',
] as const;

export interface ManagedFieldsEntry {
  readonly manager: string;
  readonly operation: string;
  readonly subresource?: string;
  readonly fieldsV1: unknown;
}

export interface NormalizedObject {
  readonly object: K8sObject;
  /** The object's managedFields, when the source had them (live objects; dumps usually). */
  readonly managedFields?: readonly ManagedFieldsEntry[];
  /** The parsed last-applied-configuration annotation of `kubectl apply` (client-side), when present. */
  readonly lastApplied?: JsonObject;
}

function readManagedFields(value: unknown): ManagedFieldsEntry[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const out: ManagedFieldsEntry[] = [];
  for (const entry of value) {
    if (!isRecord(entry) || typeof entry['manager'] !== 'string') continue;
    out.push({
      manager: entry['manager'],
      operation: typeof entry['operation'] === 'string' ? entry['operation'] : 'Update',
      ...(typeof entry['subresource'] === 'string' ? { subresource: entry['subresource'] } : {}),
      fieldsV1: entry['fieldsV1'],
    });
  }
  return out;
}

function readLastApplied(annotations: unknown): JsonObject | undefined {
  if (!isRecord(annotations)) return undefined;
  const text = annotations['kubectl.kubernetes.io/last-applied-configuration'];
  if (typeof text !== 'string') return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    return isRecord(parsed) ? parsed : undefined;
  } catch {
    // A corrupt annotation only means we know less about what was applied.
    return undefined;
  }
}

/** Labels or annotations left empty by the removals are absent, as the API server would print them. */
function dropEmptyMetadataMaps(obj: K8sObject): void {
  if (obj.metadata.annotations && Object.keys(obj.metadata.annotations).length === 0) delete obj.metadata.annotations;
  if (obj.metadata.labels && Object.keys(obj.metadata.labels).length === 0) delete obj.metadata.labels;
}

/** Pod templates and claim templates carry server-written metadata and status too. */
const nestedTemplates = [
  'spec.template.metadata',
  'spec.jobTemplate.metadata',
  'spec.jobTemplate.spec.template.metadata',
];

/**
 * Copies the object without server-set metadata, status and bookkeeping annotations, and returns what
 * was read from them (managedFields, last-applied) for later steps.
 */
export function normalizeObject(input: K8sObject): NormalizedObject {
  const object: K8sObject = structuredClone(input);
  const managedFields = readManagedFields(Reflect.get(object.metadata, 'managedFields'));
  const lastApplied = readLastApplied(object.metadata.annotations);
  for (const field of serverMetadataFields) Reflect.deleteProperty(object.metadata, field);
  const annotations = object.metadata.annotations;
  if (annotations) for (const a of bookkeepingAnnotations) delete annotations[a];
  dropEmptyMetadataMaps(object);
  delete object['status'];
  for (const pattern of nestedTemplates) {
    const parent = parsePattern(pattern.slice(0, -'.metadata'.length));
    forEachMapAt(object, parent, (template) => {
      const meta = template['metadata'];
      if (!isRecord(meta)) return;
      // Older API servers print `creationTimestamp: null` in every template; what is left may be empty.
      delete meta['creationTimestamp'];
      if (Object.keys(meta).length === 0) delete template['metadata'];
    });
  }
  forEachMapAt(object, parsePattern('spec.volumeClaimTemplates[]'), (claim) => {
    // The API server returns claim templates with apiVersion/kind and `status.phase: Pending`.
    delete claim['status'];
    delete claim['apiVersion'];
    delete claim['kind'];
    if (isRecord(claim['metadata'])) delete claim['metadata']['creationTimestamp'];
  });
  return { object, ...(managedFields ? { managedFields } : {}), ...(lastApplied ? { lastApplied } : {}) };
}

interface ServerAssigned {
  /** `group/Kind`, or `*` for every kind. */
  readonly kinds: readonly string[];
  /** Where the fields live (a pattern, see path-pattern.ts). */
  readonly at: string;
  readonly fields: readonly string[];
  readonly why: string;
}

/** Values the server (or an admission plugin, or a controller) fills in when the manifest leaves them out. */
export const serverAssignedFields: readonly ServerAssigned[] = [
  { kinds: ['*'], at: 'metadata', fields: ['finalizers'], why: 'controllers add their finalizers (e.g. the Rivven operator on a RivvenCluster, kubernetes.io/pvc-protection)' },
  {
    kinds: ['Service'],
    at: 'spec',
    fields: ['clusterIP', 'clusterIPs', 'ipFamilies', 'healthCheckNodePort'],
    why: 'allocated by the API server (pkg/registry/core/service/storage/alloc.go)',
  },
  { kinds: ['Service'], at: 'spec.ports[]', fields: ['nodePort'], why: 'allocated for NodePort/LoadBalancer Services' },
  {
    kinds: ['PersistentVolumeClaim'],
    at: 'spec',
    fields: ['volumeName', 'storageClassName'],
    why: 'set by the binder and by the DefaultStorageClass admission plugin',
  },
  { kinds: ['batch/Job'], at: 'spec', fields: ['selector'], why: 'generated by the Job controller (manualSelector unset)' },
  {
    kinds: ['batch/Job'],
    at: 'spec.template.metadata.labels',
    fields: ['controller-uid', 'job-name', 'batch.kubernetes.io/controller-uid', 'batch.kubernetes.io/job-name'],
    why: 'labels the Job controller adds to select its pods',
  },
  {
    kinds: ['apps/Deployment', 'apps/StatefulSet', 'apps/DaemonSet'],
    at: 'spec.template.metadata.annotations',
    fields: ['kubectl.kubernetes.io/restartedAt'],
    why: 'written by `kubectl rollout restart`; applying the manifest keeps it',
  },
  { kinds: ['ServiceAccount'], at: '', fields: ['secrets'], why: 'token Secrets the token controller linked (before Kubernetes 1.24)' },
];

const parsedServerAssigned = serverAssignedFields.map((rule) => ({ ...rule, pattern: parsePattern(rule.at) }));

function ruleApplies(kinds: readonly string[], obj: K8sObject): boolean {
  const ref = { group: apiGroup(obj.apiVersion), kind: obj.kind };
  return kinds.some((k) => k === '*' || isKind(ref, k));
}

/** Removes from `source` the server-assigned fields that `rendered` does not set (mutates `source`). */
export function dropServerAssigned(rendered: K8sObject, source: K8sObject): void {
  for (const rule of parsedServerAssigned) {
    if (!ruleApplies(rule.kinds, source)) continue;
    forEachPairAt(rendered, source, rule.pattern, (renderedMap, sourceMap) => {
      for (const field of rule.fields) {
        if (renderedMap?.[field] === undefined) delete sourceMap[field];
      }
    });
  }
  dropEmptyMetadataMaps(source);
}

/**
 * A real API server returns the items of a List without `kind` and `apiVersion` (the list carries them
 * as `PodList`, `v1`): fills them in so each item stands alone.
 */
export function fillListItemTypes(list: { readonly apiVersion?: unknown; readonly kind?: unknown; readonly items?: unknown }): unknown[] {
  const items = Array.isArray(list.items) ? list.items : [];
  const listKind = typeof list.kind === 'string' && list.kind.endsWith('List') && list.kind !== 'List' ? list.kind.slice(0, -4) : undefined;
  const apiVersion = typeof list.apiVersion === 'string' ? list.apiVersion : undefined;
  return items.map((item: unknown) => {
    if (!isRecord(item)) return item;
    return {
      ...item,
      ...(typeof item['apiVersion'] !== 'string' && apiVersion !== undefined && listKind !== undefined ? { apiVersion } : {}),
      ...(typeof item['kind'] !== 'string' && listKind !== undefined ? { kind: listKind } : {}),
    };
  });
}
