/**
 * Reads what an environment has live in its cluster, read-only: discovery, then a list per rendered kind
 * in the environment's namespace, and a get per named cluster-scoped object. Never Secrets, never a
 * write, never another namespace. Faults that make the whole read meaningless (no credentials,
 * unreachable, TLS, 401, a credential plugin that fails or hangs) throw a coded `UserError`; faults of
 * one kind (403, not installed, 5xx or timeouts after retries) mark that kind so a diff shows its
 * objects as unknown instead of "to be created".
 */
import { z } from 'zod';
import type { K8sObject } from '../../render/k8s-object.js';
import { RequestFailure, type ClusterClient } from './cluster-client.js';
import { connectCluster } from './connect-cluster.js';
import { apiPrefix, discoverKinds, kindFailure, kindKey, type KindResolution, type ServedKind } from './discover-kinds.js';
import type { ClusterScopedRef, KindRef, KindStatus, LiveSnapshot, ReadLiveObjectsOptions } from './live-snapshot.js';
import { compareText } from '../../core/order.js';

export type { ClusterScopedRef, KindRef, KindStatus, LiveSnapshot, ReadLiveObjectsOptions } from './live-snapshot.js';

const defaults = { pageSize: 500, concurrency: 4 };

const itemSchema = z.looseObject({
  metadata: z.looseObject({
    name: z.string(),
    namespace: z.string().optional(),
    labels: z.record(z.string(), z.string()).optional(),
    annotations: z.record(z.string(), z.string()).optional(),
  }),
});
const listSchema = z.object({
  items: z.array(itemSchema).nullable(),
  metadata: z.object({ continue: z.string().optional() }).optional(),
});

function isSecret(k: KindRef): boolean {
  return k.group === '' && k.kind === 'Secret';
}

/** A real API server omits kind/apiVersion on list items of built-in kinds: put them back, first. */
function withTypeMeta(item: z.infer<typeof itemSchema>, served: ServedKind): K8sObject {
  const { apiVersion: _apiVersion, kind: _kind, ...rest } = item;
  return { apiVersion: served.group === '' ? served.version : `${served.group}/${served.version}`, kind: served.kind, ...rest };
}

async function listKind(client: ClusterClient, served: ServedKind, namespace: string): Promise<K8sObject[]> {
  const path = `${apiPrefix(served)}/namespaces/${encodeURIComponent(namespace)}/${served.plural}`;
  const objects: K8sObject[] = [];
  let token: string | undefined;
  do {
    const parsed = listSchema.safeParse(await client.getJson(path, { limit: String(defaults.pageSize), ...(token ? { continue: token } : {}) }));
    if (!parsed.success) throw new RequestFailure('bad-response', path, `the answer is not a ${served.kind}List`, 200, 1);
    objects.push(...(parsed.data.items ?? []).map((item) => withTypeMeta(item, served)));
    token = parsed.data.metadata?.continue || undefined;
  } while (token !== undefined);
  return objects;
}

async function getNamed(client: ClusterClient, served: ServedKind, names: readonly string[]): Promise<K8sObject[]> {
  const objects: K8sObject[] = [];
  for (const name of names) {
    const path = `${apiPrefix(served)}/${served.plural}/${encodeURIComponent(name)}`;
    try {
      const parsed = itemSchema.safeParse(await client.getJson(path));
      if (!parsed.success) throw new RequestFailure('bad-response', path, `the answer is not a ${served.kind}`, 200, 1);
      objects.push(withTypeMeta(parsed.data, served));
    } catch (failure) {
      // Discovery said the kind exists, so 404 means this object does not: absent, not an error.
      if (failure instanceof RequestFailure && failure.reason === 'not-found') continue;
      throw failure;
    }
  }
  return objects;
}

async function inPool<T>(tasks: readonly (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = new Array<T>(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const index = next++;
      const task = tasks[index];
      if (task) results[index] = await task();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}

export async function readLiveObjects(options: ReadLiveObjectsOptions): Promise<LiveSnapshot> {
  const env = options.env ?? process.env;
  const seen = new Set<string>();
  // A kind asked for twice is read once: duplicates would show up as duplicate live objects.
  const requested: { ref: KindRef; names?: readonly string[] }[] = [
    ...options.kinds.map((ref) => ({ ref })),
    ...(options.clusterScoped ?? []).map((ref: ClusterScopedRef) => ({ ref: { group: ref.group, version: ref.version, kind: ref.kind }, names: ref.names })),
  ].filter((r) => {
    const key = `${kindKey(r.ref)}/${'names' in r ? 'cluster' : 'namespaced'}`;
    return !seen.has(key) && Boolean(seen.add(key));
  });
  const { client, fail } = await connectCluster({
    env,
    ...(options.kubeconfigPath === undefined ? {} : { kubeconfigPath: options.kubeconfigPath }),
    ...(options.context === undefined ? {} : { context: options.context }),
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    ...(options.execTimeoutMs === undefined ? {} : { execTimeoutMs: options.execTimeoutMs }),
    ...(options.attempts === undefined ? {} : { attempts: options.attempts }),
    ...(options.retryDelayMs === undefined ? {} : { retryDelayMs: options.retryDelayMs }),
  });

  try {
    const readable = requested.filter((r) => !isSecret(r.ref)).map((r) => r.ref);
    const resolutions = await discoverKinds(client, readable);
    const read = async (ref: KindRef, names: readonly string[] | undefined): Promise<{ status: KindStatus; objects: K8sObject[] }> => {
      const resolution: KindResolution | undefined = isSecret(ref)
        ? { status: 'forbidden', code: 'RG762', message: 'Secrets are never read (they hold credentials); their live state is unknown.' }
        : resolutions.get(kindKey(ref));
      if (resolution === undefined) throw new Error(`readLiveObjects: kind ${kindKey(ref)} was not discovered`);
      if (resolution.status !== 'ok') return { status: { ...ref, status: resolution.status, code: resolution.code, message: resolution.message }, objects: [] };
      const { served } = resolution;
      const clusterScoped = names !== undefined;
      if (served.namespaced === clusterScoped) {
        const message = `The cluster serves ${served.kind} as ${served.namespaced ? 'namespaced' : 'cluster-scoped'}, but it was requested as ${clusterScoped ? 'cluster-scoped' : 'namespaced'}.`;
        return { status: { ...ref, status: 'error', code: 'RG764', message }, objects: [] };
      }
      try {
        const objects = clusterScoped ? await getNamed(client, served, names) : await listKind(client, served, options.namespace);
        return { status: { ...ref, status: 'ok' }, objects };
      } catch (failure) {
        if (!(failure instanceof RequestFailure)) throw failure;
        const where = clusterScoped ? `${served.plural} (cluster-scoped)` : `${served.plural} in namespace ${options.namespace}`;
        const problem = kindFailure(failure, where);
        return { status: { ...ref, status: problem.status, code: problem.code, message: problem.message }, objects: [] };
      }
    };
    const results = await inPool(requested.map((r) => () => read(r.ref, r.names)), defaults.concurrency);
    const objects = results.flatMap((r, index) => r.objects.map((object) => ({ object, index })))
      .sort((a, b) => a.index - b.index || compareText(a.object.metadata.namespace ?? '', b.object.metadata.namespace ?? '') || compareText(a.object.metadata.name, b.object.metadata.name))
      .map((entry) => entry.object);
    return { objects, kinds: results.map((r) => r.status) };
  } catch (failure) {
    if (failure instanceof RequestFailure) throw fail(failure);
    throw failure;
  }
}
