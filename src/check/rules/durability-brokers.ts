/** RG840: production with fewer brokers than staging tolerates fewer failures than what was tested. */
import { defineRule, plural, violation } from '../rule.js';
import { stagingPeers } from '../staging-peers.js';
import { relatedAt } from '../../validate/locate.js';

export const durabilityBrokers = defineRule({
  code: 'RG840',
  rationale:
    'Staging is where a change is proven; production should be at least as resilient as what was proven. Fewer brokers in production than in staging usually means an environment file overrode the wrong value.',
  severity: { development: 'off', staging: 'off', production: 'error' },
  check({ env, fleet }) {
    const brokers = env.config.cluster.replicas;
    return stagingPeers(env, fleet)
      .filter((peer) => peer.config.cluster.replicas > brokers)
      .map((peer) =>
        violation(env, ['cluster', 'replicas'], {
          message: `${env.name} runs ${plural(brokers, 'broker')} but staging environment ${peer.name} runs ${peer.config.cluster.replicas}: production would survive fewer broker failures than staging.`,
          hint: `Set cluster.replicas to at least ${peer.config.cluster.replicas} in ${env.file}.`,
          related: [relatedAt(peer, ['cluster', 'replicas'], peer.config.cluster.replicas, { inEnvironment: true })],
        }),
      );
  },
});
