/** RG803: two brokers on one node fall with it. */
import { arrayAt, stringAt } from '../object-fields.js';
import { defineRule, violation } from '../rule.js';
import { brokerWorkload, type Workload } from '../workloads.js';

const hostKey = 'kubernetes.io/hostname';

function hostTerms(workload: Workload, kind: 'required' | 'preferred'): boolean {
  const terms = arrayAt(workload.affinity, 'podAntiAffinity', `${kind}DuringSchedulingIgnoredDuringExecution`);
  return terms.some((t) => (stringAt(t, 'topologyKey') ?? stringAt(t, 'podAffinityTerm', 'topologyKey')) === hostKey);
}

export const podAntiAffinity = defineRule({
  code: 'RG803',
  rationale:
    "Without required pod anti-affinity the scheduler may place two brokers on one node (a 'preferred' rule gives way when nodes are busy). Losing that node then loses two voters at once, which for three brokers is the majority.",
  severity: { development: 'off', staging: 'warning', production: 'error' },
  check({ env, objects }) {
    const brokers = brokerWorkload(env, objects);
    if (brokers === undefined || env.config.cluster.replicas < 2 || hostTerms(brokers, 'required')) return [];
    const preferred = hostTerms(brokers, 'preferred');
    return [
      violation(env, ['cluster', 'placement', 'antiAffinity'], {
        message: preferred
          ? `${brokers.label} only prefers separate nodes for its brokers: under pressure the scheduler places two on one node, and losing that node loses two Raft voters at once.`
          : `${brokers.label} has no pod anti-affinity: several brokers may land on one node, and losing that node loses all of them at once.`,
      }),
    ];
  },
});
