/** RG825: without a PodDisruptionBudget a node drain may evict every replica at once. */
import { replicatedWorkloads } from '../disruption-budgets.js';
import { defineRule, plural, violation } from '../rule.js';

export const pdbPresent = defineRule({
  code: 'RG825',
  rationale:
    'Node drains (cluster upgrades, autoscaler scale-downs) evict pods through the eviction API, which only waits when a PodDisruptionBudget says so. Without one, draining nodes can take down several brokers (and with them the Raft majority) or every schema registry replica at once.',
  severity: { development: 'off', staging: 'warning', production: 'error' },
  check({ env, objects }) {
    return replicatedWorkloads(env, objects)
      .filter((w) => w.budget === 'none' && w.replicas > 1)
      .map((w) =>
        violation(env, [...w.path, 'enabled'], {
          message: `${w.label} has ${plural(w.replicas, 'replica')} and no PodDisruptionBudget: a node drain may evict ${w.quorum ? 'a majority of the brokers' : 'all of them'} at once.`,
          hint: w.quorum ? 'Keep cluster.pdb enabled (maxUnavailable: 1 by default).' : 'Set schemaRegistry.podDisruptionBudget: { enabled: true, maxUnavailable: 1 }.',
        }),
      );
  },
});
