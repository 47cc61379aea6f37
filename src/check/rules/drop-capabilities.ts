/** RG823: the runtime's default capabilities include raw sockets and changing file ownership. */
import { defineRule, violation, type Violation } from '../rule.js';
import { collectWorkloads } from '../workloads.js';
import { containerName, dropsAllCapabilities } from '../security-context.js';

export const dropCapabilities = defineRule({
  code: 'RG823',
  rationale:
    'Container runtimes grant a default set of Linux capabilities (NET_RAW, CHOWN, SETUID…). Rivven binds only unprivileged ports and needs none of them; dropping ALL removes what an attacker could use, and the restricted Pod Security profile requires it.',
  severity: { development: 'warning', staging: 'warning', production: 'error' },
  check({ env, objects }) {
    const found: Violation[] = [];
    for (const workload of collectWorkloads(env, objects)) {
      for (const container of workload.containers) {
        if (dropsAllCapabilities(container)) continue;
        found.push(
          violation(env, workload.paths.base, {
            message: `${containerName(workload, container)} does not drop ALL capabilities: it keeps the runtime's defaults, such as NET_RAW and SETUID.`,
          }),
        );
      }
    }
    return found;
  },
});
