/** RG830: a topic with fewer than three replicas loses data when a broker dies during maintenance. */
import { defineRule, sortedEntries, violation, type Violation } from '../rule.js';

const minimum = 3;

export const topicReplication = defineRule({
  code: 'RG830',
  rationale:
    "With replicationFactor 3 a partition survives one broker failing while another is down for maintenance. With 2, that overlap loses acknowledged writes; with 1, any broker failure does. The RivvenTopic CRD defaults to 1. Also checked: the schema registry's storage topic.",
  severity: { development: 'off', staging: 'warning', production: 'error' },
  check({ env }) {
    const found: Violation[] = [];
    for (const [name, topic] of sortedEntries(env.config.topics)) {
      if (topic.replicationFactor >= minimum) continue;
      found.push(
        violation(env, ['topics', name, 'replicationFactor'], {
          message: `Topic "${name}" has replicationFactor ${topic.replicationFactor}: ${topic.replicationFactor === 1 ? 'losing the broker that holds a partition loses its data' : 'a broker failing while another is down for maintenance loses acknowledged writes'}.`,
        }),
      );
    }
    const registry = env.config.schemaRegistry;
    if (registry?.enabled && registry.storage.mode === 'broker' && registry.storage.replicationFactor < minimum) {
      found.push(
        violation(env, ['schemaRegistry', 'storage', 'replicationFactor'], {
          message: `The schema registry keeps every schema in topic "${registry.storage.topic}" with replicationFactor ${registry.storage.replicationFactor}: losing a broker can lose the schemas every producer and consumer needs.`,
          hint: 'Set schemaRegistry.storage.replicationFactor: 3.',
        }),
      );
    }
    return found;
  },
});
