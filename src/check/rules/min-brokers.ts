/** RG801: a Raft cluster needs three voters before losing one broker is survivable. */
import { defineRule, plural, violation, type Violation } from '../rule.js';

const minimum = 3;

export const minBrokers = defineRule({
  code: 'RG801',
  rationale:
    'Rivven elects a Raft leader by majority. One broker is a single point of failure; two brokers need both for a majority, so losing either stops the cluster. Three brokers survive one failure, five survive two.',
  severity: { development: 'off', staging: 'warning', production: 'error' },
  check({ env }) {
    const { cluster, autoscaling } = env.config;
    const found: Violation[] = [];
    if (cluster.replicas < minimum) {
      found.push(
        violation(env, ['cluster', 'replicas'], {
          message: `The cluster runs ${plural(cluster.replicas, 'broker')}: ${cluster.replicas === 1 ? 'a single broker is a single point of failure' : 'two brokers need each other for a Raft majority, so losing either stops the cluster'}.`,
          hint: 'Set cluster.replicas to 3 or more (an odd number: 3 or 5).',
        }),
      );
    }
    if (autoscaling?.enabled && autoscaling.minReplicas < minimum && cluster.replicas >= minimum) {
      found.push(
        violation(env, ['autoscaling', 'minReplicas'], {
          message: `The autoscaler may scale the brokers down to ${autoscaling.minReplicas}, below the ${minimum} a Raft majority needs to survive a broker failure.`,
          hint: `Set autoscaling.minReplicas to at least ${minimum}.`,
        }),
      );
    }
    return found;
  },
});
