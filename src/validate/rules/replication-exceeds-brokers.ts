/** RG301: a partition cannot have more replicas than there are brokers to hold them. */
import type { Finding } from '../../errors/diagnostic.js';
import type { ResolvedEnvironment } from '../../model/types.js';
import { findingAt, relatedAt } from '../locate.js';
import { sortedEntries } from './rule.js';
import { defineRule } from '../define-rule.js';

export function checkReplicationExceedsBrokers(env: ResolvedEnvironment): Finding[] {
  const brokers = env.config.cluster.replicas;
  const findings: Finding[] = [];
  const brokersSet = relatedAt(env, ['cluster', 'replicas'], brokers);
  const check = (path: (string | number)[], what: string, factor: number | undefined) => {
    if (factor === undefined || factor <= brokers) return;
    findings.push(
      findingAt(env, 'RG301', path, {
        message: `${what} has replicationFactor ${factor}, but cluster.replicas is ${brokers}: Rivven cannot place ${factor} replicas on ${brokers} broker${brokers === 1 ? '' : 's'}, so the topic would never become ready.`,
        related: [brokersSet],
      }),
    );
  };
  for (const [name, topic] of sortedEntries(env.config.topics)) {
    check(['topics', name, 'replicationFactor'], `Topic "${name}"`, topic.replicationFactor);
  }
  for (const [pipeline, spec] of sortedEntries(env.config.connect)) {
    check(['connect', pipeline, 'settings', 'topic', 'defaultReplicationFactor'], `Pipeline "${pipeline}"'s auto-created topics`, spec.settings?.topic?.defaultReplicationFactor);
    for (const [source, s] of sortedEntries(spec.sources)) {
      check(['connect', pipeline, 'sources', source, 'topicConfig', 'replicationFactor'], `The topic source "${source}" creates`, s.topicConfig?.replicationFactor);
    }
  }
  return findings;
}

export const replicationExceedsBrokersRule = defineRule({
  scope: 'environment',
  codes: ['RG301'],
  severity: 'as-found',
  locate: 'provenance',
  check: checkReplicationExceedsBrokers,
});
