/** RG834: topics kept by time only grow with traffic, which no config can bound. */
import { estimateCapacity, formatBytes } from '../capacity.js';
import { defineRule, plural, violation } from '../rule.js';

export const capacityUnbounded = defineRule({
  code: 'RG834',
  rationale:
    'A topic without retentionBytes keeps everything written within its retention time, so its size is traffic × retention, which the compiler cannot know. Said only when no overflow was found among the bounded topics (RG833 covers that case).',
  severity: { development: 'off', staging: 'off', production: 'info' },
  check({ env }) {
    const estimate = estimateCapacity(env.config);
    if (estimate === undefined || estimate.unbounded.length === 0 || estimate.boundedBytes > estimate.capacityBytes) return [];
    const [first] = estimate.unbounded;
    const names = estimate.unbounded.map((t) => `"${t}"`).join(', ');
    return [
      violation(env, ['topics', first ?? '', 'retentionBytes'], {
        message: `Whether the broker volumes (${plural(env.config.cluster.replicas, 'broker')} × ${env.config.cluster.storage.size} = ${formatBytes(estimate.capacityBytes)}) suffice cannot be estimated: ${estimate.unbounded.length === 1 ? `topic ${names} keeps data by time only, so its size depends` : `${plural(estimate.unbounded.length, 'topic')} (${names}) keep data by time only, so their size depends`} on traffic.`,
      }),
    ];
  },
});
