/** RG821: root in a container is one kernel bug away from root on the node. */
import { defineRule, violation, type Violation } from '../rule.js';
import { collectWorkloads } from '../workloads.js';
import { containerName, effective } from '../security-context.js';

export const runAsNonRoot = defineRule({
  code: 'RG821',
  rationale:
    'With runAsNonRoot the kubelet refuses to start a container whose user is root, so an image change cannot silently bring root back. Every Rivven image runs as 65532, and the namespace enforces the restricted Pod Security profile, which rejects pods without it.',
  severity: { development: 'warning', staging: 'warning', production: 'error' },
  check({ env, objects }) {
    const found: Violation[] = [];
    for (const workload of collectWorkloads(env, objects)) {
      for (const container of workload.containers) {
        if (effective(workload, container, 'runAsNonRoot') === true) continue;
        found.push(
          violation(env, workload.paths.base, {
            message: `${containerName(workload, container)} does not set runAsNonRoot: true, so it may run as root, and the restricted Pod Security profile rejects it.`,
          }),
        );
      }
    }
    return found;
  },
});
