/**
 * What the diff compares an environment against, whatever the source: a git ref's committed output, a
 * live cluster, or a dump. Each source reader returns an `EnvironmentSource` per environment; the diff
 * (src/diff, pure) never knows where the objects came from.
 */
import type { UnreadableKind } from '../diff/diff-environment.js';
import { finding } from '../errors/catalog.js';
import type { Finding } from '../errors/diagnostic.js';
import type { K8sObject, ObjectMeta } from '../render/k8s-object.js';
import type { ClusterScopedRef, KindRef, LiveSnapshot } from './cluster/live-snapshot.js';
import { isRecord } from '../core/json.js';
import { apiGroup, apiVersionOnly } from '../core/object-ref.js';

export interface EnvironmentSource {
  readonly objects: readonly K8sObject[];
  /** `all` for a git ref (everything in it was rendered by us); `tracked` for a cluster or a dump. */
  readonly deletions: 'all' | 'tracked';
  /** Kinds whose objects are unknown (forbidden, failed): their rendered objects are not "created". */
  readonly unreadable: readonly UnreadableKind[];
  /** What went wrong or is worth knowing about this source (coded findings). */
  readonly problems: readonly Finding[];
  /**
   * True when the source is known to hold exactly the rendered objects without comparing them: a git
   * ref whose output files for the environment are byte-identical to what build writes now (the layout
   * reproduces the rendered objects exactly, which the kustomize tests prove). `objects` is then empty.
   */
  readonly sameAsRendered?: boolean;
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
  if (!isRecord(value)) return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) if (typeof v === 'string') out[k] = v;
  return out;
}

/**
 * The boundary where parsed YAML or JSON becomes a K8sObject: apiVersion, kind and metadata.name must be
 * strings; everything else is kept as it is. Undefined when the value is not an object.
 */
export function toK8sObject(value: unknown): K8sObject | undefined {
  if (!isRecord(value)) return undefined;
  const { apiVersion, kind, metadata } = value;
  if (typeof apiVersion !== 'string' || typeof kind !== 'string' || !isRecord(metadata) || typeof metadata['name'] !== 'string') return undefined;
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

/** One read of the live reader: a namespace, the kinds rendered in it, and cluster-scoped objects by name. */
export interface LiveRead {
  readonly namespace: string;
  readonly kinds: readonly KindRef[];
  readonly clusterScoped: readonly ClusterScopedRef[];
}

function splitApiVersion(apiVersion: string): { group: string; version: string } {
  return { group: apiGroup(apiVersion), version: apiVersionOnly(apiVersion) };
}

/**
 * The reads an environment needs: one per namespace it renders into (its own first), listing only the
 * kinds rendered there; its cluster-scoped objects are fetched by name with the first read. Secrets are
 * never requested.
 */
export function planLiveReads(namespace: string, rendered: readonly K8sObject[]): LiveRead[] {
  const kindsByNamespace = new Map<string, Map<string, KindRef>>([[namespace, new Map()]]);
  const clusterScoped = new Map<string, { ref: KindRef; names: Set<string> }>();
  for (const obj of rendered) {
    const { group, version } = splitApiVersion(obj.apiVersion);
    if (group === '' && obj.kind === 'Secret') continue;
    const ref: KindRef = { group, version, kind: obj.kind };
    const key = `${group}/${version}/${obj.kind}`;
    if (obj.metadata.namespace === undefined) {
      const entry = clusterScoped.get(key) ?? { ref, names: new Set<string>() };
      entry.names.add(obj.metadata.name);
      clusterScoped.set(key, entry);
      continue;
    }
    const kinds = kindsByNamespace.get(obj.metadata.namespace) ?? new Map<string, KindRef>();
    kinds.set(key, ref);
    kindsByNamespace.set(obj.metadata.namespace, kinds);
  }
  const sortedValues = <T>(m: Map<string, T>): T[] => [...m.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([, v]) => v);
  const namespaces = [namespace, ...[...kindsByNamespace.keys()].filter((n) => n !== namespace).sort()];
  return namespaces.map((ns, i) => ({
    namespace: ns,
    kinds: sortedValues(kindsByNamespace.get(ns) ?? new Map<string, KindRef>()),
    clusterScoped: i === 0 ? sortedValues(clusterScoped).map(({ ref, names }) => ({ ...ref, names: [...names].sort() })) : [],
  }));
}

const kindFindingSeverity = { forbidden: 'warning', error: 'warning', 'not-installed': 'error' } as const;
const kindFallbackCode = { forbidden: 'RG758', error: 'RG760', 'not-installed': 'RG759' } as const;

/**
 * The live reader's snapshots of one environment as a diff source: kinds that could not be read make
 * their rendered objects `unknown`; every kind that is not `ok` becomes a coded problem.
 */
export function liveEnvironmentSource(reads: readonly { readonly read: LiveRead; readonly snapshot: LiveSnapshot }[]): EnvironmentSource {
  const objects: K8sObject[] = [];
  const unreadable: UnreadableKind[] = [];
  const problems: Finding[] = [];
  for (const { read, snapshot } of reads) {
    const { namespace } = read;
    objects.push(...snapshot.objects);
    for (const status of snapshot.kinds) {
      if (status.status === 'ok') continue;
      const clusterScoped = read.clusterScoped.some((c) => c.group === status.group && c.kind === status.kind);
      if (status.status !== 'not-installed') unreadable.push({ group: status.group, kind: status.kind, namespace: clusterScoped ? '' : namespace });
      const apiVersion = status.group === '' ? status.version : `${status.group}/${status.version}`;
      problems.push(
        finding(status.code ?? kindFallbackCode[status.status], {
          severity: kindFindingSeverity[status.status],
          path: `${apiVersion} ${status.kind}`,
          message: status.message ?? `${status.kind} (${apiVersion}) in ${namespace}: ${status.status}.`,
        }),
      );
    }
  }
  return { objects, deletions: 'tracked', unreadable, problems };
}
