/**
 * The one place doctor opens a cluster: the kubeconfig (`--kubeconfig`, KUBECONFIG, ~/.kube/config,
 * in-cluster), the context chosen for a group of environments (chooseEnvironmentContext, as for
 * `diff --against live`) and the same read-only client.
 */
import { createClusterClient, type ClusterClient, RequestFailure } from '../cluster/cluster-client.js';
import { clusterFailure } from '../cluster/cluster-failure.js';
import { loadKubeconfig } from '../cluster/load-kubeconfig.js';
import { deadline, fatal, serverText, withCredentials } from '../cluster/read-live-objects.js';
import { createRedactor } from '../cluster/redact.js';

export interface ClusterChoice {
  readonly kubeconfigPath?: string;
  readonly context?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly timeoutMs?: number;
  readonly attempts?: number;
  readonly retryDelayMs?: number;
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
  const execTimeoutMs = 20_000;
  const { kubeConfig, exec } = await withCredentials(loaded, env, execTimeoutMs, redactor);
  const server = serverText(loaded.cluster.server);
  if (!/^https?:\/\/[^/]/.test(loaded.cluster.server)) {
    throw clusterFailure(redactor, 'RG751', loaded.source, `Cluster "${loaded.cluster.name}" has server "${server}", which is not an http(s) URL.`);
  }
  let client: ClusterClient;
  try {
    client = await deadline(
      createClusterClient(kubeConfig, { timeoutMs: choice.timeoutMs ?? 15_000, attempts: Math.max(1, choice.attempts ?? 3), retryDelayMs: choice.retryDelayMs ?? 250 }, redactor),
      execTimeoutMs,
      () => clusterFailure(redactor, 'RG757', loaded.source, `The auth provider of user "${loaded.user.name}" did not produce credentials within ${execTimeoutMs / 1000} s.`),
    );
  } catch (error) {
    if (error instanceof Error && error.name === 'UserError') throw error;
    throw clusterFailure(redactor, 'RG751', loaded.source, `Cannot use the credentials of context "${loaded.contextName}": ${error instanceof Error ? error.message : String(error)}.`);
  }
  return { client, server, contextName: loaded.contextName, fail: (failure) => fatal(failure, loaded, exec, redactor) };
}
