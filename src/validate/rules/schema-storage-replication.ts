/** RG315: the registry's storage topic cannot have more replicas than there are brokers. */
import type { Finding } from '../../errors/diagnostic.js';
import type { ResolvedEnvironment } from '../../model/types.js';
import { findingAt } from '../locate.js';
import { defineRule } from '../define-rule.js';

export function checkSchemaStorageReplication(env: ResolvedEnvironment): Finding[] {
  const registry = env.config.schemaRegistry;
  const brokers = env.config.cluster.replicas;
  if (registry?.enabled !== true || registry.storage.mode !== 'broker' || registry.storage.replicationFactor <= brokers) return [];
  return [
    findingAt(env, 'RG315', ['schemaRegistry', 'storage', 'replicationFactor'], {
      message: `schemaRegistry.storage.replicationFactor is ${registry.storage.replicationFactor} but cluster.replicas is ${brokers}: the registry cannot create its storage topic "${registry.storage.topic}" and would not start.`,
      hint: `Set schemaRegistry.storage.replicationFactor to at most ${brokers} in this environment, or raise cluster.replicas.`,
    }),
  ];
}

export const schemaStorageReplicationRule = defineRule({
  scope: 'environment',
  codes: ['RG315'],
  severity: 'as-found',
  locate: 'provenance',
  check: checkSchemaStorageReplication,
});
