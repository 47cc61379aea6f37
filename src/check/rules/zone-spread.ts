/** RG802: brokers in one zone share its fate. */
import { arrayAt, stringAt } from '../object-fields.js';
import { defineRule, violation } from '../rule.js';
import { brokerWorkload, type Workload } from '../workloads.js';

export const zoneKey = 'topology.kubernetes.io/zone';

/** Zone spread as the renderers express it: a topology spread constraint, or anti-affinity terms per zone. */
export function spreadsAcrossZones(workload: Workload): boolean {
  const constraints = arrayAt(workload.topologySpreadConstraints);
  if (constraints.some((c) => stringAt(c, 'topologyKey') === zoneKey)) return true;
  const anti = ['requiredDuringSchedulingIgnoredDuringExecution', 'preferredDuringSchedulingIgnoredDuringExecution'].flatMap((k) =>
    arrayAt(workload.affinity, 'podAntiAffinity', k),
  );
  return anti.some((term) => stringAt(term, 'topologyKey') === zoneKey || stringAt(term, 'podAffinityTerm', 'topologyKey') === zoneKey);
}

export const zoneSpread = defineRule({
  code: 'RG802',
  rationale:
    'A zone is a failure domain: power, network and upgrades fail whole zones. Brokers that the scheduler happens to place in one zone lose their majority together; spreading them keeps a majority through a zone outage.',
  severity: { development: 'off', staging: 'info', production: 'error' },
  check({ env, objects }) {
    const brokers = brokerWorkload(env, objects);
    if (brokers === undefined || env.config.cluster.replicas < 2 || spreadsAcrossZones(brokers)) return [];
    return [
      violation(env, ['cluster', 'placement', 'zoneSpread'], {
        message: `${brokers.label} does not spread its ${env.config.cluster.replicas} brokers over ${zoneKey}: the scheduler may put a majority of them in one zone, and that zone's outage stops the cluster.`,
      }),
    ];
  },
});
