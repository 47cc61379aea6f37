/** RG833: topics allowed to keep more bytes than the brokers have fill the disks, and a full disk stops a broker. */
import { estimateCapacity, formatBytes } from '../capacity.js';
import { defineRule, plural, violation } from '../rule.js';

export const capacityOverflow = defineRule({
  code: 'RG833',
  rationale:
    'Each partition may keep retentionBytes plus its active segment on each of its replicas. When the sum over topics exceeds the brokers’ volumes, the disks fill before retention deletes anything, and a broker with a full disk stops accepting writes.',
  severity: { development: 'info', staging: 'warning', production: 'warning' },
  check({ env }) {
    const estimate = estimateCapacity(env.config);
    if (estimate === undefined || estimate.boundedBytes <= estimate.capacityBytes) return [];
    const largest = estimate.bounded
      .slice(0, 3)
      .map((t) => `"${t.topic}" ${formatBytes(t.bytes)}`)
      .join(', ');
    const more = estimate.unbounded.length > 0 ? `, before ${plural(estimate.unbounded.length, 'topic')} kept by time only` : '';
    return [
      violation(env, ['cluster', 'storage', 'size'], {
        message: `Topics with a byte limit may keep ${formatBytes(estimate.boundedBytes)} (partitions × replicationFactor × (retentionBytes + one segment))${more}, but ${plural(env.config.cluster.replicas, 'broker')} × ${env.config.cluster.storage.size} hold ${formatBytes(estimate.capacityBytes)}. Largest: ${largest}.`,
      }),
    ];
  },
});
