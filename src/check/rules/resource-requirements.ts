/** RG807: a pod without requests is scheduled blind; without a memory limit it can starve its node. */
import { formatPath } from '../../core/path.js';
import { field } from '../object-fields.js';
import { defineRule, violation, type Violation } from '../rule.js';
import { collectWorkloads } from '../workloads.js';

/**
 * CPU limits are deliberately not required: they throttle a busy broker at its limit even when the
 * node is idle, adding latency; the CPU request is what the scheduler and fair sharing use.
 */
const required = [
  ['requests', 'cpu'],
  ['requests', 'memory'],
  ['limits', 'memory'],
] as const;

export const resourceRequirements = defineRule({
  code: 'RG807',
  rationale:
    'The scheduler places pods by their requests: without them a node is overcommitted and pods are evicted first under pressure. A memory limit keeps one leaking process from taking its node (and the brokers on it) down. A CPU limit is not required: it throttles latency-sensitive brokers even on idle nodes.',
  severity: { development: 'off', staging: 'warning', production: 'error' },
  check({ env, objects }) {
    const found: Violation[] = [];
    for (const workload of collectWorkloads(env, objects)) {
      for (const container of workload.containers) {
        const absent = required.filter(([kind, resource]) => field(container.resources, kind, resource) === undefined);
        const [first] = absent;
        if (first === undefined) continue;
        const missing = absent.map(([kind, resource]) => `${kind}.${resource}`);
        const where = workload.containers.length > 1 ? `Container "${container.name}" of ${workload.label}` : workload.label;
        found.push(
          violation(
            env,
            // The first missing value: its position falls back to the closest block a file wrote.
            [...workload.paths.resources, ...first],
            {
              message: `${where} has no ${missing.join(', ')}: ${missing.some((m) => m.startsWith('requests')) ? 'the scheduler cannot reserve room for it, and it is evicted first when the node runs short' : 'nothing stops it from using all of its node’s memory'}.`,
              hint: `Set ${missing.map((m) => `resources.${m}`).join(', ')} under ${formatPath(workload.paths.resources.slice(0, -1)) || 'the workload'}.`,
            },
            [workload.paths.base],
          ),
        );
      }
    }
    return found;
  },
});
