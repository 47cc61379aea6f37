/**
 * RG425: topic settings Rivven 0.0.22 cannot apply (fact table, src/facts/topic-settings.ts), one
 * warning per topic naming each setting and why. The same list appears in diffs and PR comments.
 */
import type { Finding } from '../../errors/diagnostic.js';
import { formatCitations } from '../../facts/citation.js';
import { topicSettingFacts } from '../../facts/topic-settings.js';
import { describeUnappliedTopic, findUnappliedTopicSettings } from '../unapplied-topic-settings.js';
import type { ResolvedEnvironment } from '../../model/types.js';
import { findingAt } from '../locate.js';
import { defineRule } from '../define-rule.js';

export function checkUpstreamTopicSettings(env: ResolvedEnvironment): Finding[] {
  return findUnappliedTopicSettings(env.config).map((u) => {
    const citations = [...new Map(u.settings.flatMap((s) => topicSettingFacts[s.setting].cite).map((c) => [`${c.file}:${c.lines}`, c])).values()];
    return findingAt(env, 'RG425', ['topics', u.topic], {
      severity: 'warning',
      message: `${describeUnappliedTopic(u)} Upstream: ${formatCitations(citations)}.`,
    });
  });
}

export const upstreamTopicSettingsRule = defineRule({
  scope: 'environment',
  codes: ['RG425'],
  severity: 'as-found',
  locate: 'provenance',
  check: checkUpstreamTopicSettings,
});
