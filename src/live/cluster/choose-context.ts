/**
 * Which kubeconfig context `diff --against live` reads an environment from, and the check that it
 * reaches the cluster the environment declares. Never falls back to the current context silently: an
 * environment with a declared cluster uses its `kubeContext`, else the one context whose cluster has the
 * declared server; only an environment with no declared cluster uses the current context, and the
 * report says so.
 */
import type { ResolvedKubeCluster } from '../../model/types.js';
import { clusterFailure } from './cluster-failure.js';
import { listKubeContexts, type KubeContextEntry, type LoadKubeconfigOptions } from './load-kubeconfig.js';
import { createRedactor } from './redact.js';

export interface ContextChoice {
  readonly context: string;
  readonly server: string | undefined;
  /** Why this context, for the report: `kubeCluster.kubeContext`, `--context`, `server match`, `current context`. */
  readonly how: string;
}

/** `https://a:6443/` and `https://a:6443` are the same server. */
export function normalizeServer(server: string): string {
  return server.trim().replace(/\/+$/, '');
}

function describe(contexts: readonly KubeContextEntry[]): string {
  return contexts.map((c) => `${c.name} → ${c.server ?? 'no cluster'}`).join(', ') || 'none';
}

/**
 * The context for `environment`. `override` is `--context` (the caller allows it only when one
 * environment is selected). Throws a coded UserError: RG765 when the context's server is not the
 * declared one, RG766 when a declared cluster has no context to read it with, RG752 for a missing context.
 */
export async function chooseEnvironmentContext(
  environment: string,
  cluster: ResolvedKubeCluster,
  override: string | undefined,
  kubeconfig: LoadKubeconfigOptions,
): Promise<ContextChoice> {
  const redactor = createRedactor();
  const { contexts, current, source } = await listKubeContexts(kubeconfig, redactor);
  const declaredServer = cluster.declared && cluster.server !== undefined ? normalizeServer(cluster.server) : undefined;
  const byName = (name: string, how: string): ContextChoice => {
    const entry = contexts.find((c) => c.name === name);
    if (entry === undefined) {
      throw clusterFailure(redactor, 'RG752', source, `Context "${name}" (${how}, environment ${environment}) is not in the kubeconfig ${source} (contexts: ${contexts.map((c) => c.name).sort().join(', ') || 'none'}).`);
    }
    if (declaredServer !== undefined && (entry.server === undefined || normalizeServer(entry.server) !== declaredServer)) {
      throw clusterFailure(
        redactor,
        'RG765',
        `environment ${environment}`,
        `Environment ${environment} declares cluster "${cluster.id}" at ${declaredServer}, but context "${name}" (${how}) reaches ${entry.server ?? 'no cluster'}: diffing it would compare ${environment} with another cluster.`,
        `Point context "${name}" at ${declaredServer} (kubectl config set-cluster), set clusters.${cluster.id}.kubeContext to a context for that server, or correct clusters.${cluster.id}.server.`,
      );
    }
    return { context: name, server: entry.server, how };
  };
  if (override !== undefined) return byName(override, '--context');
  if (cluster.declared && cluster.kubeContext !== undefined) return byName(cluster.kubeContext, `clusters.${cluster.id}.kubeContext`);
  if (cluster.declared) {
    if (declaredServer === undefined) {
      throw clusterFailure(
        redactor,
        'RG766',
        `environment ${environment}`,
        `Environment ${environment} declares cluster "${cluster.id}" with neither kubeContext nor server, so there is no way to know which kubeconfig context reaches it (contexts: ${describe(contexts)}).`,
        `Set clusters.${cluster.id}.kubeContext (or server) in rivven.config.ts, or pass --context with --env ${environment}.`,
      );
    }
    const matching = contexts.filter((c) => c.server !== undefined && normalizeServer(c.server) === declaredServer);
    const only = matching.length === 1 ? matching[0] : undefined;
    if (only !== undefined) return { context: only.name, server: only.server, how: `the only context for ${declaredServer}` };
    throw clusterFailure(
      redactor,
      'RG766',
      `environment ${environment}`,
      matching.length === 0
        ? `Environment ${environment} declares cluster "${cluster.id}" at ${declaredServer}, and no context of the kubeconfig ${source} reaches that server (contexts: ${describe(contexts)}).`
        : `Environment ${environment} declares cluster "${cluster.id}" at ${declaredServer}, and ${matching.length} contexts reach it (${matching.map((c) => c.name).join(', ')}): which credentials to use is not clear.`,
      `Set clusters.${cluster.id}.kubeContext in rivven.config.ts, or pass --context with --env ${environment}.`,
    );
  }
  if (current === undefined) {
    throw clusterFailure(redactor, 'RG752', source, `Environment ${environment} declares no cluster and the kubeconfig ${source} sets no current-context (contexts: ${contexts.map((c) => c.name).sort().join(', ') || 'none'}).`);
  }
  return byName(current, 'current context: the environment declares no cluster');
}
