/**
 * What the diff compares an environment against, whatever the source: a git ref's committed output, a
 * live cluster, or a dump. Each source reader returns an `EnvironmentSource` per environment; the diff
 * (src/diff, pure) never knows where the objects came from.
 */
import type { UnreadableKind } from '../diff/diff-environment.js';
import { isPlainObject } from '../diff/json-value.js';
import type { Finding } from '../errors/diagnostic.js';
import type { K8sObject, ObjectMeta } from '../render/k8s-object.js';

export interface EnvironmentSource {
  readonly objects: readonly K8sObject[];
  /** `all` for a git ref (everything in it was rendered by us); `tracked` for a cluster or a dump. */
  readonly deletions: 'all' | 'tracked';
  /** Kinds whose objects are unknown (forbidden, failed): their rendered objects are not "created". */
  readonly unreadable: readonly UnreadableKind[];
  /** What went wrong or is worth knowing about this source (coded findings). */
  readonly problems: readonly Finding[];
}

/** `git:<ref>`, `live` or `file:<path>`, parsed from `--against`. */
export type SourceSpec = { readonly type: 'git'; readonly ref: string } | { readonly type: 'live' } | { readonly type: 'file'; readonly path: string };

/** Parses `--against`; undefined when it is none of the three forms. */
export function parseSourceSpec(text: string): SourceSpec | undefined {
  if (text === 'live') return { type: 'live' };
  if (text.startsWith('git:') && text.length > 4) return { type: 'git', ref: text.slice(4) };
  if (text.startsWith('file:') && text.length > 5) return { type: 'file', path: text.slice(5) };
  return undefined;
}

function stringMap(value: unknown): Record<string, string> | undefined {
  if (!isPlainObject(value)) return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) if (typeof v === 'string') out[k] = v;
  return out;
}

/**
 * The boundary where parsed YAML or JSON becomes a K8sObject: apiVersion, kind and metadata.name must be
 * strings; everything else is kept as it is. Undefined when the value is not an object.
 */
export function toK8sObject(value: unknown): K8sObject | undefined {
  if (!isPlainObject(value)) return undefined;
  const { apiVersion, kind, metadata } = value;
  if (typeof apiVersion !== 'string' || typeof kind !== 'string' || !isPlainObject(metadata) || typeof metadata['name'] !== 'string') return undefined;
  const { namespace, labels, annotations, finalizers } = metadata;
  const meta: ObjectMeta = { ...metadata, name: metadata['name'] };
  if (typeof namespace === 'string') meta.namespace = namespace;
  else delete meta.namespace;
  const labelMap = stringMap(labels);
  if (labelMap) meta.labels = labelMap;
  const annotationMap = stringMap(annotations);
  if (annotationMap) meta.annotations = annotationMap;
  if (Array.isArray(finalizers)) meta.finalizers = finalizers.filter((f): f is string => typeof f === 'string');
  return { ...value, apiVersion, kind, metadata: meta };
}
