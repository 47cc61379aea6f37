/** RG841: a topic replicated less in production than in staging. */
import { defineRule, sortedEntries, violation, type Violation } from '../rule.js';
import { stagingPeers } from '../staging-peers.js';
import { relatedAt } from '../../validate/locate.js';

export const durabilityReplication = defineRule({
  code: 'RG841',
  rationale:
    'A topic that staging replicates more than production keeps fewer copies of data that matters more. Compared per topic present in both environments.',
  severity: { development: 'off', staging: 'off', production: 'error' },
  check({ env, fleet }) {
    const found: Violation[] = [];
    for (const peer of stagingPeers(env, fleet)) {
      for (const [name, topic] of sortedEntries(env.config.topics)) {
        const theirs = peer.config.topics[name];
        if (theirs === undefined || theirs.replicationFactor <= topic.replicationFactor) continue;
        found.push(
          violation(env, ['topics', name, 'replicationFactor'], {
            message: `Topic "${name}" has replicationFactor ${topic.replicationFactor} in ${env.name} but ${theirs.replicationFactor} in staging environment ${peer.name}: production keeps fewer copies than staging.`,
            hint: `Set replicationFactor: ${theirs.replicationFactor} (or more) for "${name}" in ${env.file}.`,
            related: [relatedAt(peer, ['topics', name, 'replicationFactor'], theirs.replicationFactor, { inEnvironment: true })],
          }),
        );
      }
    }
    return found;
  },
});
