/** RG842: a topic kept shorter in production than in staging. */
import { formatDuration } from '../../core/units.js';
import { formatBytes } from '../capacity.js';
import { defineRule, sortedEntries, violation, type Violation } from '../rule.js';
import { stagingPeers } from '../staging-peers.js';
import { relatedAt } from '../../validate/locate.js';

/** retentionBytes -1 is unlimited. */
function bytesLimit(bytes: number): number {
  return bytes < 0 ? Number.POSITIVE_INFINITY : bytes;
}

function showBytes(bytes: number): string {
  return bytes < 0 ? 'unlimited' : formatBytes(bytes);
}

export const durabilityRetention = defineRule({
  code: 'RG842',
  rationale:
    'Retention is how far back consumers can replay and how long an incident may last before data is gone. Production keeping less (by time or by bytes) than staging is usually an override gone wrong. Compared per topic present in both environments.',
  severity: { development: 'off', staging: 'off', production: 'warning' },
  check({ env, fleet }) {
    const found: Violation[] = [];
    for (const peer of stagingPeers(env, fleet)) {
      for (const [name, topic] of sortedEntries(env.config.topics)) {
        const theirs = peer.config.topics[name];
        if (theirs === undefined) continue;
        if (theirs.retention > topic.retention) {
          found.push(
            violation(env, ['topics', name, 'retention'], {
              message: `Topic "${name}" keeps data for ${formatDuration(topic.retention)} in ${env.name} but ${formatDuration(theirs.retention)} in staging environment ${peer.name}.`,
              hint: `Set retention: '${formatDuration(theirs.retention)}' (or longer) for "${name}" in ${env.file}.`,
              related: [relatedAt(peer, ['topics', name, 'retention'], theirs.retention, { shown: formatDuration(theirs.retention), inEnvironment: true })],
            }),
          );
        }
        if (bytesLimit(theirs.retentionBytes) > bytesLimit(topic.retentionBytes)) {
          found.push(
            violation(env, ['topics', name, 'retentionBytes'], {
              message: `Topic "${name}" keeps at most ${showBytes(topic.retentionBytes)} per partition in ${env.name} but ${showBytes(theirs.retentionBytes)} in staging environment ${peer.name}.`,
              hint: `Raise retentionBytes for "${name}" in ${env.file} to at least staging's.`,
              related: [relatedAt(peer, ['topics', name, 'retentionBytes'], theirs.retentionBytes, { shown: showBytes(theirs.retentionBytes), inEnvironment: true })],
            }),
          );
        }
      }
    }
    return found;
  },
});
