/**
 * The one place a command opens a cluster (`diff --against live`, `doctor`): the kubeconfig
 * (`--kubeconfig`, KUBECONFIG, ~/.kube/config, in-cluster), the chosen context, an exec credential plugin
 * run by us with a deadline, and the read-only client; a failure of a later request becomes a coded,
 * redacted UserError through `fail`.
 */
import type { KubeConfig, User } from '@kubernetes/client-node';
import { createClusterClient, type ClusterClient, RequestFailure } from './cluster-client.js';
import { clusterFailure } from './cluster-failure.js';
import { runExecPlugin, type ExecCredential } from './exec-credential.js';
import { loadKubeconfig, type LoadedKubeconfig } from './load-kubeconfig.js';
import { createRedactor, type Redactor } from './redact.js';

const connectDefaults = { timeoutMs: 15_000, execTimeoutMs: 20_000, attempts: 3, retryDelayMs: 250 };

export interface ClusterChoice {
  readonly kubeconfigPath?: string;
  readonly context?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly timeoutMs?: number;
  readonly attempts?: number;
  readonly retryDelayMs?: number;
  /** How long an exec credential plugin may take. @default 20 s */
  readonly execTimeoutMs?: number;
}

export interface OpenCluster {
  readonly client: ClusterClient;
  /** Where it points, for reports: the server URL without credentials and the context name. */
  readonly server: string;
  readonly contextName: string;
  /** Turns a failure that stops the whole read into a coded, redacted UserError (RG753…RG763). */
  readonly fail: (failure: RequestFailure) => Error;
}

export async function connectCluster(choice: ClusterChoice): Promise<OpenCluster> {
  const redactor = createRedactor();
  const env = choice.env ?? process.env;
  const loaded = await loadKubeconfig({ env, ...(choice.kubeconfigPath === undefined ? {} : { kubeconfigPath: choice.kubeconfigPath }), ...(choice.context === undefined ? {} : { context: choice.context }) }, redactor);
  const execTimeoutMs = choice.execTimeoutMs ?? connectDefaults.execTimeoutMs;
  const { kubeConfig, exec } = await withCredentials(loaded, env, execTimeoutMs, redactor);
  const server = serverText(loaded.cluster.server);
  if (!/^https?:\/\/[^/]/.test(loaded.cluster.server)) {
    throw clusterFailure(redactor, 'RG751', loaded.source, `Cluster "${loaded.cluster.name}" has server "${server}", which is not an http(s) URL.`);
  }
  let client: ClusterClient;
  try {
    client = await deadline(
      createClusterClient(kubeConfig, { timeoutMs: choice.timeoutMs ?? connectDefaults.timeoutMs, attempts: Math.max(1, choice.attempts ?? connectDefaults.attempts), retryDelayMs: choice.retryDelayMs ?? connectDefaults.retryDelayMs }, redactor),
      execTimeoutMs,
      () => clusterFailure(redactor, 'RG757', loaded.source, `The auth provider of user "${loaded.user.name}" did not produce credentials within ${execTimeoutMs / 1000} s.`),
    );
  } catch (error) {
    if (error instanceof Error && error.name === 'UserError') throw error;
    throw clusterFailure(redactor, 'RG751', loaded.source, `Cannot use the credentials of context "${loaded.contextName}": ${error instanceof Error ? error.message : String(error)}.`);
  }
  return { client, server, contextName: loaded.contextName, fail: (failure) => fatal(failure, loaded, exec, redactor) };
}

/** Runs an exec credential plugin ourselves (with a deadline) and hands client-node a plain token/cert user. */
async function withCredentials(loaded: LoadedKubeconfig, env: NodeJS.ProcessEnv, timeoutMs: number, redactor: Redactor): Promise<{ kubeConfig: KubeConfig; exec?: ExecCredential }> {
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

function deadline<T>(work: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
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

function fatal(failure: RequestFailure, loaded: LoadedKubeconfig, exec: ExecCredential | undefined, redactor: Redactor): Error {
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

