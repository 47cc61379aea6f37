/**
 * Finds and loads cluster credentials the way kubectl does: `--kubeconfig`, else every file of
 * KUBECONFIG (merged, first file wins per name, missing files skipped), else ~/.kube/config, else the
 * in-cluster service account. Then selects `--context` or the current context. Every secret it sees is
 * handed to the redactor before anything can be reported.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Cluster, Context, KubeConfig, User } from '@kubernetes/client-node';
import { clusterFailure } from './cluster-failure.js';
import type { Redactor } from './redact.js';
import { isRecord } from '../../core/json.js';

export const serviceAccountDirectory = '/var/run/secrets/kubernetes.io/serviceaccount';

export interface LoadKubeconfigOptions {
  readonly kubeconfigPath?: string;
  readonly context?: string;
  readonly env: NodeJS.ProcessEnv;
  /** Where the in-cluster token and CA live; tests point it elsewhere. */
  readonly serviceAccountDir?: string;
}

export interface LoadedKubeconfig {
  /** Loaded, with the selected context as current. */
  readonly kubeConfig: KubeConfig;
  readonly contextName: string;
  readonly cluster: Cluster;
  readonly user: User;
  /** Directory of the file that defined the user, for resolving a relative exec plugin command. */
  readonly userDirectory: string | undefined;
  /** Where the credentials came from, for messages: a file path or "in-cluster service account". */
  readonly source: string;
}

interface Loaded {
  readonly file: string;
  readonly config: KubeConfig;
}

type ClientNode = typeof import('@kubernetes/client-node');

/** YAML errors quote the source around the error, which may be a token line: report the line only. */
function describeLoadError(error: unknown): string {
  if (isRecord(error) && isRecord(error['mark']) && typeof error['mark']['line'] === 'number') {
    const reason = typeof error['reason'] === 'string' ? `: ${error['reason']}` : '';
    return `it is not valid YAML (line ${error['mark']['line'] + 1}${reason})`;
  }
  if (isRecord(error) && error['code'] === 'ENOENT') return 'the file does not exist';
  if (isRecord(error) && error['code'] === 'EACCES') return 'the file is not readable';
  return error instanceof Error ? error.message : String(error);
}

function rememberSecrets(redactor: Redactor, users: readonly User[]): void {
  for (const user of users) {
    redactor.add(user.token);
    redactor.add(user.password);
    redactor.add(user.keyData);
    const config: unknown = isRecord(user.authProvider) ? user.authProvider['config'] : undefined;
    if (isRecord(config)) {
      for (const key of ['id-token', 'refresh-token', 'access-token', 'client-secret']) {
        const value = config[key];
        if (typeof value === 'string') redactor.add(value);
      }
    }
  }
}

function loadFile(k8s: ClientNode, file: string, redactor: Redactor): Loaded {
  const config = new k8s.KubeConfig();
  try {
    config.loadFromFile(file);
  } catch (error) {
    throw clusterFailure(redactor, 'RG751', file, `Cannot read the kubeconfig ${file}: ${describeLoadError(error)}.`);
  }
  rememberSecrets(redactor, config.getUsers());
  return { file, config };
}

function candidateFiles(options: LoadKubeconfigOptions): { files: string[]; explicit: boolean } | undefined {
  if (options.kubeconfigPath !== undefined) return { files: [path.resolve(options.kubeconfigPath)], explicit: true };
  const list = options.env['KUBECONFIG'];
  if (list !== undefined && list.trim() !== '') {
    // kubectl skips list entries that do not exist; it fails only when none does.
    const files = list.split(path.delimiter).filter((f) => f !== '').map((f) => path.resolve(f));
    return { files: files.filter((f) => existsSync(f)), explicit: false };
  }
  const home = options.env['HOME'] ?? options.env['USERPROFILE'];
  const defaultFile = home === undefined ? undefined : path.join(home, '.kube', 'config');
  return defaultFile !== undefined && existsSync(defaultFile) ? { files: [defaultFile], explicit: false } : undefined;
}

function firstByName<T extends { readonly name: string }>(lists: readonly (readonly T[])[]): T[] {
  const seen = new Map<string, T>();
  for (const list of lists) for (const item of list) if (!seen.has(item.name)) seen.set(item.name, item);
  return [...seen.values()];
}

function inClusterConfig(k8s: ClientNode, options: LoadKubeconfigOptions, redactor: Redactor): Loaded | undefined {
  const host = options.env['KUBERNETES_SERVICE_HOST'];
  const port = options.env['KUBERNETES_SERVICE_PORT'];
  const dir = options.serviceAccountDir ?? serviceAccountDirectory;
  const tokenFile = path.join(dir, 'token');
  if (host === undefined || port === undefined || !existsSync(tokenFile)) return undefined;
  redactor.add(readFileSync(tokenFile, 'utf8'));
  const config = new k8s.KubeConfig();
  const server = `https://${host.includes(':') ? `[${host}]` : host}:${port}`;
  config.loadFromOptions({
    clusters: [{ name: 'in-cluster', server, caFile: path.join(dir, 'ca.crt'), skipTLSVerify: false }],
    // client-node's file authenticator re-reads the token, which the kubelet rotates.
    users: [{ name: 'in-cluster', authProvider: { name: 'tokenFile', config: { tokenFile } } }],
    contexts: [{ name: 'in-cluster', cluster: 'in-cluster', user: 'in-cluster' }],
    currentContext: 'in-cluster',
  });
  return { file: 'in-cluster service account', config };
}

interface LoadedFiles {
  readonly k8s: ClientNode;
  readonly loaded: readonly Loaded[];
  readonly inCluster: Loaded | undefined;
}

/** Every kubeconfig file (or the in-cluster config) the way kubectl finds them; throws RG750/RG751. */
async function loadFiles(options: LoadKubeconfigOptions, redactor: Redactor): Promise<LoadedFiles> {
  const k8s = await import('@kubernetes/client-node');
  const candidates = candidateFiles(options);
  let loaded: Loaded[];
  const fromFiles = candidates !== undefined && (candidates.explicit || candidates.files.length > 0);
  const inCluster = fromFiles ? undefined : inClusterConfig(k8s, options, redactor);
  if (candidates !== undefined && fromFiles) {
    loaded = candidates.files.map((file) => loadFile(k8s, file, redactor));
  } else {
    if (!inCluster) {
      const where = options.env['KUBECONFIG'] ? `none of the KUBECONFIG files exists (${options.env['KUBECONFIG']})` : 'no KUBECONFIG, no ~/.kube/config, and not running in a pod';
      throw clusterFailure(redactor, 'RG750', 'kubeconfig', `No cluster credentials found: ${where}.`);
    }
    loaded = [inCluster];
  }
  return { k8s, loaded, inCluster };
}

/** A context of the merged kubeconfig and the server URL of its cluster (undefined when the cluster is missing). */
export interface KubeContextEntry {
  readonly name: string;
  readonly server: string | undefined;
}

/** Every context of the kubeconfig with its cluster's server, the current context, and where they came from. */
export async function listKubeContexts(options: LoadKubeconfigOptions, redactor: Redactor): Promise<{ contexts: KubeContextEntry[]; current: string | undefined; source: string }> {
  const { loaded } = await loadFiles(options, redactor);
  const clusters = firstByName(loaded.map((l) => l.config.getClusters()));
  const contexts = firstByName(loaded.map((l) => l.config.getContexts())).map((c) => ({ name: c.name, server: clusters.find((k) => k.name === c.cluster)?.server }));
  const current = loaded.map((l) => l.config.getCurrentContext()).find((c) => c !== undefined && c !== '');
  return { contexts, current, source: loaded.map((l) => l.file).join(path.delimiter) };
}

/** Loads the kubeconfig and selects the context; throws a coded `UserError` (RG750–RG752) otherwise. */
export async function loadKubeconfig(options: LoadKubeconfigOptions, redactor: Redactor): Promise<LoadedKubeconfig> {
  const { k8s, loaded, inCluster } = await loadFiles(options, redactor);
  const source = loaded.map((l) => l.file).join(path.delimiter);
  const contexts: Context[] = firstByName(loaded.map((l) => l.config.getContexts()));
  const current = loaded.map((l) => l.config.getCurrentContext()).find((c) => c !== undefined && c !== '');
  const contextName = options.context ?? current;
  const available = contexts.map((c) => c.name).sort().join(', ') || 'none';
  if (contextName === undefined) {
    throw clusterFailure(redactor, 'RG752', source, `The kubeconfig ${source} sets no current-context and no --context was given (contexts: ${available}).`);
  }
  const context = contexts.find((c) => c.name === contextName);
  if (!context) throw clusterFailure(redactor, 'RG752', source, `Context "${contextName}" is not in the kubeconfig ${source} (contexts: ${available}).`);
  const clusters = firstByName(loaded.map((l) => l.config.getClusters()));
  const users = firstByName(loaded.map((l) => l.config.getUsers()));
  const cluster = clusters.find((c) => c.name === context.cluster);
  if (!cluster) throw clusterFailure(redactor, 'RG751', source, `Context "${contextName}" names cluster "${context.cluster}", which the kubeconfig ${source} does not define.`);
  const user = users.find((u) => u.name === context.user);
  if (!user) throw clusterFailure(redactor, 'RG751', source, `Context "${contextName}" names user "${context.user}", which the kubeconfig ${source} does not define.`);
  const userFile = inCluster ? undefined : loaded.find((l) => l.config.getUsers().some((u) => u.name === user.name))?.file;
  const kubeConfig = new k8s.KubeConfig();
  kubeConfig.loadFromOptions({ clusters: [cluster], users: [user], contexts: [context], currentContext: context.name });
  return { kubeConfig, contextName: context.name, cluster, user, userDirectory: userFile === undefined ? undefined : path.dirname(userFile), source };
}
