/** RG832: with deleteOnRemove, deleting a line in Git deletes the topic's data. */
import { pathKey } from '../../core/path.js';
import { defineRule, sortedEntries, violation } from '../rule.js';

export const topicDeleteOnRemove = defineRule({
  code: 'RG832',
  rationale:
    "RivvenTopic's deleteOnRemove defaults to true: when the RivvenTopic leaves Git (a bad merge, a rename, a pruning sync), the operator deletes the topic and all its data. Production topics whose data matters should say false, so removing one is recoverable.",
  severity: { development: 'off', staging: 'info', production: 'warning' },
  check({ env }) {
    return sortedEntries(env.config.topics)
      .filter(([, topic]) => topic.deleteOnRemove)
      .map(([name]) => {
        const path = ['topics', name, 'deleteOnRemove'];
        const byDefault = env.provenance.get(pathKey(path))?.origin.layer === 'default';
        return violation(env, path, {
          message: `Topic "${name}" has deleteOnRemove true${byDefault ? ' (the RivvenTopic default)' : ''}: removing its RivvenTopic from Git, or renaming it, deletes the topic and its data.`,
        });
      });
  },
});
