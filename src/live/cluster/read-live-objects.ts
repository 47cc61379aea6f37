/**
 * Reads what an environment has live in its cluster, read-only: discovery, then a list per rendered kind
 * in the environment's namespace, and a get per named cluster-scoped object. Never Secrets, never a
 * write, never another namespace. Faults that make the whole read meaningless (no credentials,
 * unreachable, TLS, 401, a credential plugin that fails or hangs) throw a coded `UserError`; faults of
 * one kind (403, not installed, 5xx or timeouts after retries) mark that kind so a diff shows its
 * objects as unknown instead of "to be created".
 */
import { z } from 'zod';
import type { KubeConfig, User } from '@kubernetes/client-node';
import type { K8sObject } from '../../render/k8s-object.js';
import { createClusterClient, RequestFailure, type ClusterClient } from './cluster-client.js';
import { clusterFailure } from './cluster-failure.js';
import { apiPrefix, discoverKinds, kindFailure, kindKey, type KindResolution, type ServedKind } from './discover-kinds.js';
import { runExecPlugin, type ExecCredential } from './exec-credential.js';
import type { ClusterScopedRef, KindRef, KindStatus, LiveSnapshot, ReadLiveObjectsOptions } from './live-snapshot.js';
import { loadKubeconfig, type LoadedKubeconfig } from './load-kubeconfig.js';
import { createRedactor, type Redactor } from './redact.js';
import { compareText } from '../../core/order.js';

export type { ClusterScopedRef, KindRef, KindStatus, LiveSnapshot, ReadLiveObjectsOptions } from './live-snapshot.js';

const defaults = { timeoutMs: 15_000, execTimeoutMs: 20_000, attempts: 3, retryDelayMs: 250, pageSize: 500, concurrency: 4 };

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

/** Runs an exec credential plugin ourselves (with a deadline) and hands client-node a plain token/cert user. */
export async function withCredentials(loaded: LoadedKubeconfig, env: NodeJS.ProcessEnv, timeoutMs: number, redactor: Redactor): Promise<{ kubeConfig: KubeConfig; exec?: ExecCredential }> {
  if (!loaded.user.exec) return { kubeConfig: loaded.kubeConfig };
  const exec = await runExecPlugin(loaded.user.exec, { userName: loaded.user.name, kubeconfigDirectory: loaded.userDirectory, cluster: loaded.cluster, env, timeoutMs }, redactor);
  const pem = (text: string | undefined) => (text === undefined ? undefined : Buffer.from(text).toString('base64'));
  const user: User = {
    name: loaded.user.name,
    ...(exec.token === undefined ? {} : { token: exec.token }),
    ...(exec.clientCertificateData === undefined ? {} : { certData: pem(exec.clientCertificateData) }),
    ...(exec.clientKeyData === undefined ? {} : { keyData: pem(exec.clientKeyData) }),
    ...(loaded.user.impersonateUser === undefined ? {} : { impersonateUser: loaded.user.impersonateUser }),
  };
  redactor.add(user.keyData);
  const { KubeConfig: KubeConfigClass } = await import('@kubernetes/client-node');
  const kubeConfig = new KubeConfigClass();
  const context = loaded.kubeConfig.getContextObject(loaded.contextName);
  kubeConfig.loadFromOptions({ clusters: [loaded.cluster], users: [user], contexts: context ? [context] : [], currentContext: loaded.contextName });
  return { kubeConfig, exec };
}

export function deadline<T>(work: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(onTimeout()), ms); });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** The server URL without any user:password part, for messages. */
export function serverText(server: string): string {
  try {
    const url = new URL(server);
    url.username = '';
    url.password = '';
    return url.toString().replace(/\/$/, '');
  } catch {
    return server;
  }
}

export function fatal(failure: RequestFailure, loaded: LoadedKubeconfig, exec: ExecCredential | undefined, redactor: Redactor): Error {
  const server = serverText(loaded.cluster.server);
  const at = `the cluster at ${server} (context "${loaded.contextName}")`;
  const At = `The${at.slice(3)}`;
  switch (failure.reason) {
    case 'unreachable':
      return clusterFailure(redactor, 'RG753', server, `Cannot reach ${at}: ${failure.detail}.`);
    case 'tls':
      return clusterFailure(redactor, 'RG754', server, `The TLS connection to ${at} failed verification: ${failure.detail}.`);
    case 'unauthorized': {
      const expiry = exec?.expirationTimestamp;
      const expired = expiry !== undefined && Date.parse(expiry) <= Date.now() ? ` It expired at ${expiry}.` : '';
      const who = exec ? `the token from the credential plugin \`${exec.command}\`` : `the credentials of user "${loaded.user.name}"`;
      return clusterFailure(redactor, 'RG755', server, `${At} rejected ${who} (401 Unauthorized).${expired}`,
        exec ? `Log in again so \`${exec.command}\` returns a fresh token (run it yourself to check), then retry.` : undefined);
    }
    case 'forbidden':
      return clusterFailure(redactor, 'RG758', server, `${At} refused API discovery (${failure.detail}).`);
    case 'server-error':
      return clusterFailure(redactor, 'RG760', server, `${At} kept failing on GET ${failure.path} after ${failure.attempts} attempt(s): ${failure.detail}.`);
    case 'timeout':
      return clusterFailure(redactor, 'RG761', server, `GET ${failure.path} on ${at} timed out after ${failure.attempts} attempt(s): ${failure.detail}.`);
    default:
      return clusterFailure(redactor, 'RG763', server, `Unexpected answer from ${at} to GET ${failure.path}: ${failure.detail}.`);
  }
}

export async function readLiveObjects(options: ReadLiveObjectsOptions): Promise<LiveSnapshot> {
  const redactor = createRedactor();
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
  const loaded = await loadKubeconfig({ env, ...(options.kubeconfigPath === undefined ? {} : { kubeconfigPath: options.kubeconfigPath }), ...(options.context === undefined ? {} : { context: options.context }) }, redactor);
  const execTimeoutMs = options.execTimeoutMs ?? defaults.execTimeoutMs;
  const { kubeConfig, exec } = await withCredentials(loaded, env, execTimeoutMs, redactor);
  const server = serverText(loaded.cluster.server);
  if (!/^https?:\/\/[^/]/.test(loaded.cluster.server)) {
    throw clusterFailure(redactor, 'RG751', loaded.source, `Cluster "${loaded.cluster.name}" has server "${server}", which is not an http(s) URL.`);
  }
  let client: ClusterClient;
  try {
    client = await deadline(
      createClusterClient(kubeConfig, { timeoutMs: options.timeoutMs ?? defaults.timeoutMs, attempts: Math.max(1, options.attempts ?? defaults.attempts), retryDelayMs: options.retryDelayMs ?? defaults.retryDelayMs }, redactor),
      execTimeoutMs,
      () => clusterFailure(redactor, 'RG757', loaded.source, `The auth provider of user "${loaded.user.name}" did not produce credentials within ${execTimeoutMs / 1000} s.`),
    );
  } catch (error) {
    if (error instanceof Error && error.name === 'UserError') throw error;
    throw clusterFailure(redactor, 'RG751', loaded.source, `Cannot use the credentials of context "${loaded.contextName}": ${error instanceof Error ? error.message : String(error)}.`);
  }

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
    if (failure instanceof RequestFailure) throw fatal(failure, loaded, exec, redactor);
    throw failure;
  }
}
