/**
 * Builds a ResolvedEnvironment straight from a user config object (no files, no merge), for tests of
 * the pure stages after resolve. Throws with zod's message when the config does not parse.
 */
import { configSchema } from '../../src/model/config.js';
import { finishConfig } from '../../src/resolve/finish.js';
import { resolveKubeCluster } from '../../src/model/kube-cluster.js';
import type { ResolvedEnvironment, UserConfig } from '../../src/model/types.js';

export function resolvedEnvironment(config: UserConfig, name = 'dev'): ResolvedEnvironment {
  const parsed = configSchema.parse(config);
  const finished = finishConfig(parsed, name);
  return { name, file: `environments/${name}.ts`, config: finished, provenance: new Map(), kubeCluster: resolveKubeCluster(finished.clusters, finished.kubeCluster, finished.argocd.destination) };
}
