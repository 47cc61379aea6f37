/**
 * Builds a ResolvedEnvironment straight from a user config object (no files, no merge), for tests of
 * the pure stages after resolve. Throws with zod's message when the config does not parse.
 */
import { configSchema } from '../../src/model/config.js';
import { finishConfig } from '../../src/resolve/finish.js';
import { kubeClusterOf } from '../../src/model/kube-cluster-of.js';
import type { ResolvedEnvironment, UserConfig } from '../../src/model/types.js';

export function resolvedEnvironment(config: UserConfig, name = 'dev'): ResolvedEnvironment {
  const parsed = configSchema.parse(config);
  const resolved = finishConfig(parsed, name);
  const kubeCluster = kubeClusterOf(resolved);
  if ('unknown' in kubeCluster) throw new Error(`kubeCluster '${kubeCluster.unknown}' is not declared under clusters`);
  return { name, file: `environments/${name}.ts`, config: resolved, provenance: new Map(), kubeCluster };
}
