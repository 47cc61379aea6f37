/**
 * RG305: a source writes to a topic that is not declared. With auto-create on (connect's default) the
 * connector creates it with broker defaults, outside Git: a warning. With auto-create off, the source
 * has nowhere to write: an error.
 */
import type { Finding } from '../../errors/diagnostic.js';
import type { ResolvedEnvironment } from '../../model/types.js';
import { findingAt } from '../locate.js';
import { producedTopics } from '../produced-topics.js';
import { defineRule } from '../define-rule.js';

export function checkSourceTopicUndeclared(env: ResolvedEnvironment): Finding[] {
  const declared = new Set(Object.keys(env.config.topics));
  const findings: Finding[] = [];
  for (const topic of producedTopics(env.config)) {
    const [root, pipeline, kind, source] = topic.path;
    if (root !== 'connect' || kind !== 'sources' || typeof pipeline !== 'string' || typeof source !== 'string') continue;
    if (topic.template || declared.has(topic.name)) continue;
    const spec = env.config.connect[pipeline];
    const s = spec?.sources[source];
    if (spec === undefined || s === undefined || !s.enabled) continue;
    const autoCreate = s.topicConfig?.autoCreate ?? spec.settings?.topic?.autoCreate ?? true;
    findings.push(
      findingAt(env, 'RG305', topic.path, {
        severity: autoCreate ? 'warning' : 'error',
        message: autoCreate
          ? `Source "${source}" writes to "${topic.name}", which is not declared under topics: the connector will create it with broker defaults, so its partitions, retention and ACLs are not managed in Git.`
          : `Source "${source}" writes to "${topic.name}", which is not declared under topics, and auto-create is off: the connector has no topic to write to.`,
      }),
    );
  }
  return findings;
}

export const sourceTopicUndeclaredRule = defineRule({
  scope: 'environment',
  codes: ['RG305'],
  severity: 'as-found',
  locate: 'provenance',
  check: checkSourceTopicUndeclared,
});
