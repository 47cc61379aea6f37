/** RG824: a writable root lets an intruder drop tools and persist changes until the pod is replaced. */
import { field } from '../object-fields.js';
import { defineRule, violation, type Violation } from '../rule.js';
import { collectWorkloads } from '../workloads.js';
import { containerName } from '../security-context.js';

export const readOnlyRootFilesystem = defineRule({
  code: 'RG824',
  rationale:
    'rivvend writes only to its /data volume, the operator writes nothing, and the snapshot Job writes only to a /tmp emptyDir, so their root filesystems can be read-only. Checked only where the image allows it: connect, the schema registry and a custom backup image may write anywhere.',
  severity: { development: 'warning', staging: 'warning', production: 'error' },
  check({ env, objects }) {
    const found: Violation[] = [];
    for (const workload of collectWorkloads(env, objects)) {
      for (const container of workload.containers) {
        if (!container.readOnlyRootCapable || field(container.securityContext, 'readOnlyRootFilesystem') === true) continue;
        found.push(
          violation(env, workload.paths.base, {
            message: `${containerName(workload, container)} has a writable root filesystem although its image writes only to mounted volumes.`,
          }),
        );
      }
    }
    return found;
  },
});
