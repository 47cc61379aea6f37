/** RG831: minInsyncReplicas 1 acknowledges a write that only one broker has. */
import { defineRule, sortedEntries, violation, type Violation } from '../rule.js';

export const topicMinInsync = defineRule({
  code: 'RG831',
  rationale:
    'minInsyncReplicas is how many replicas must have a write before it is acknowledged. With 1, a write acknowledged by the leader alone is lost if that broker dies before followers copy it, whatever the replication factor. The RivvenTopic CRD defaults to 1.',
  severity: { development: 'off', staging: 'warning', production: 'error' },
  check({ env }) {
    const found: Violation[] = [];
    for (const [name, topic] of sortedEntries(env.config.topics)) {
      if (topic.minInsyncReplicas >= 2) continue;
      found.push(
        violation(env, ['topics', name, 'minInsyncReplicas'], {
          message: `Topic "${name}" acknowledges writes held by ${topic.minInsyncReplicas} replica (minInsyncReplicas ${topic.minInsyncReplicas}): if the leader dies before a follower copies a write, the write is lost although the producer was told it succeeded.`,
          hint: topic.replicationFactor >= 3 ? 'Set minInsyncReplicas: 2.' : 'Set replicationFactor: 3 and minInsyncReplicas: 2.',
        }),
      );
    }
    return found;
  },
});
