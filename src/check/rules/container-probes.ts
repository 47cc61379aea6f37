/** RG808: without probes Kubernetes routes traffic to pods that cannot serve and never restarts hung ones. */
import { defineRule, violation, type Violation } from '../rule.js';
import { collectWorkloads } from '../workloads.js';

export const containerProbes = defineRule({
  code: 'RG808',
  rationale:
    'A readiness probe keeps traffic away from a pod that cannot serve (a broker without a Raft leader); a liveness probe restarts a hung process. Checked on every long-running container rivven-gitops renders. Under the operator the broker and schema registry probes are built by the operator (the CR only tunes them) and RivvenConnect has no probe fields, so those are the operator’s to get right.',
  severity: { development: 'warning', staging: 'warning', production: 'error' },
  check({ env, objects }) {
    const found: Violation[] = [];
    for (const workload of collectWorkloads(env, objects)) {
      for (const container of workload.containers) {
        if (typeof container.probes === 'string') continue;
        const missing = [
          ...(container.probes.liveness === undefined ? ['liveness'] : []),
          ...(container.probes.readiness === undefined ? ['readiness'] : []),
        ];
        if (missing.length === 0) continue;
        found.push(
          violation(env, [...workload.paths.base, 'probes'], {
            message: `Container "${container.name}" of ${workload.label} has no ${missing.join(' or ')} probe: ${missing.includes('readiness') ? 'it gets traffic before it can serve' : 'a hung process is never restarted'}.`,
          }),
        );
      }
    }
    return found;
  },
});
