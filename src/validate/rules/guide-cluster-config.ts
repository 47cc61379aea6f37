/**
 * RG402: RivvenCluster has no spec.config. With target "manifests" the keys become rivvend variables;
 * under the operator there is nowhere to put them, so they are refused rather than silently pruned.
 */
import type { Finding } from '../../errors/diagnostic.js';
import type { ResolvedEnvironment } from '../../model/types.js';
import { findingAt } from '../locate.js';
import { defineRule } from '../define-rule.js';

/** The rivvend variable each guide key becomes under target "manifests". */
export const clusterConfigVariables = {
  defaultPartitions: 'RIVVEN_DEFAULT_PARTITIONS',
  defaultReplicationFactor: 'RIVVEN_REPLICATION_FACTOR',
  minInsyncReplicas: 'RIVVEN_MIN_ISR',
} as const;

const configKeys = ['defaultPartitions', 'defaultReplicationFactor', 'minInsyncReplicas'] as const satisfies readonly (keyof typeof clusterConfigVariables)[];

export function checkGuideClusterConfig(env: ResolvedEnvironment): Finding[] {
  const config = env.config.cluster.config;
  if (config === undefined) return [];
  const keys = configKeys.filter((k) => config[k] !== undefined);
  if (env.config.target === 'operator') {
    return [
      findingAt(env, 'RG402', ['cluster', 'config'], {
        message: 'cluster.config is not a RivvenCluster field: the API server would prune it and the brokers would run with their built-in defaults.',
        hint: 'Remove cluster.config; set partitions, replicationFactor and minInsyncReplicas per topic or in topicDefaults (or use target "manifests").',
      }),
    ];
  }
  const mapping = keys.map((k) => `${k} → ${clusterConfigVariables[k]}`).join(', ');
  return [
    findingAt(env, 'RG402', ['cluster', 'config'], {
      severity: 'warning',
      message: `cluster.config is not a RivvenCluster field; with target "manifests" it is rendered as rivvend environment variables${mapping === '' ? '' : `: ${mapping}`}.`,
      hint: 'Nothing to do if that is what you meant; per-topic settings (topics, topicDefaults) still override these broker defaults.',
    }),
  ];
}

export const guideClusterConfigRule = defineRule({
  scope: 'environment',
  codes: ['RG402'],
  severity: 'as-found',
  locate: 'provenance',
  check: checkGuideClusterConfig,
});
