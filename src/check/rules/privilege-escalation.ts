/** RG822: setuid binaries and file capabilities can gain privileges the container was not given. */
import { field } from '../object-fields.js';
import { defineRule, violation, type Violation } from '../rule.js';
import { collectWorkloads } from '../workloads.js';
import { containerName } from '../security-context.js';

export const privilegeEscalation = defineRule({
  code: 'RG822',
  rationale:
    'allowPrivilegeEscalation defaults to true: a process can gain more privileges than its parent through setuid binaries or file capabilities. Rivven needs none, and the restricted Pod Security profile requires it to be false.',
  severity: { development: 'warning', staging: 'warning', production: 'error' },
  check({ env, objects }) {
    const found: Violation[] = [];
    for (const workload of collectWorkloads(env, objects)) {
      for (const container of workload.containers) {
        if (field(container.securityContext, 'allowPrivilegeEscalation') === false) continue;
        found.push(
          violation(env, workload.paths.base, {
            message: `${containerName(workload, container)} does not set allowPrivilegeEscalation: false, so its processes may gain privileges through setuid binaries.`,
          }),
        );
      }
    }
    return found;
  },
});
