/** RG302: a write needs minInsyncReplicas copies; with fewer replicas than that, every write fails. */
import type { Finding } from '../../errors/diagnostic.js';
import type { ResolvedEnvironment } from '../../model/types.js';
import { findingAt, relatedAt } from '../locate.js';
import { sortedEntries } from './rule.js';
import { defineRule } from '../define-rule.js';

export function checkMinInsyncExceedsReplication(env: ResolvedEnvironment): Finding[] {
  const findings: Finding[] = [];
  for (const [name, topic] of sortedEntries(env.config.topics)) {
    if (topic.minInsyncReplicas <= topic.replicationFactor) continue;
    findings.push(
      findingAt(env, 'RG302', ['topics', name, 'minInsyncReplicas'], {
        message: `Topic "${name}" has minInsyncReplicas ${topic.minInsyncReplicas} but replicationFactor ${topic.replicationFactor}: a write needs ${topic.minInsyncReplicas} in-sync copies, more than exist, so every acknowledged write fails.`,
        related: [relatedAt(env, ['topics', name, 'replicationFactor'], topic.replicationFactor)],
      }),
    );
  }
  const config = env.config.cluster.config;
  if (config?.minInsyncReplicas !== undefined && config.defaultReplicationFactor !== undefined && config.minInsyncReplicas > config.defaultReplicationFactor) {
    findings.push(
      findingAt(env, 'RG302', ['cluster', 'config', 'minInsyncReplicas'], {
        message: `cluster.config.minInsyncReplicas ${config.minInsyncReplicas} exceeds cluster.config.defaultReplicationFactor ${config.defaultReplicationFactor}: writes to topics created with the defaults would all fail.`,
        related: [relatedAt(env, ['cluster', 'config', 'defaultReplicationFactor'], config.defaultReplicationFactor)],
      }),
    );
  }
  return findings;
}

export const minInsyncExceedsReplicationRule = defineRule({
  scope: 'environment',
  codes: ['RG302'],
  severity: 'as-found',
  locate: 'provenance',
  check: checkMinInsyncExceedsReplication,
});
