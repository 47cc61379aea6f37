/** RG820: "latest" or no tag at all is a different release on every pull. */
import { imageReference } from '../../validate/declared-images.js';
import { defineRule, violation, type Violation } from '../rule.js';
import { collectWorkloads } from '../workloads.js';

export const floatingImage = defineRule({
  code: 'RG820',
  rationale:
    'An image without a tag means "latest", and "latest" moves: every restart or rescheduled pod may pull a different release, so brokers of one cluster run different versions and a rollback has nothing to go back to. Checked on every image rendered, defaults included.',
  severity: { development: 'info', staging: 'warning', production: 'error' },
  check({ env, objects }) {
    const found: Violation[] = [];
    for (const workload of collectWorkloads(env, objects)) {
      for (const container of workload.containers) {
        const image = container.image;
        if (image === undefined) continue;
        const ref = imageReference(image);
        if (ref.digest !== undefined || (ref.tag !== undefined && ref.tag !== 'latest')) continue;
        found.push(
          violation(
            env,
            workload.paths.image,
            { message: `${workload.label} runs image "${image}", ${ref.tag === undefined ? 'which has no tag and so means "latest"' : 'tagged "latest"'}: every pull may bring a different release.` },
            [workload.paths.base],
          ),
        );
      }
    }
    return found;
  },
});
