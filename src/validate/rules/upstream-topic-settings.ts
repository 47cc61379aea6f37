/**
 * RG425: topic settings Rivven 0.0.22 cannot apply (fact table, src/facts/topic-settings.ts), one
 * warning per topic naming each setting and why. The same list appears in diffs and PR comments.
 *
 * A fleet of hundreds of topics would get hundreds of the same warning (424 on 200 topics in 3
 * environments), burying everything else: past `groupAbove` topics, an environment gets one warning
 * that counts, per setting, the topics that set it (naming the first few), at the first topic's line.
 */
import type { Finding } from '../../errors/diagnostic.js';
import { formatCitations } from '../../facts/citation.js';
import { topicSettingFacts, type TopicSetting } from '../../facts/topic-settings.js';
import { describeUnappliedTopic, findUnappliedTopicSettings, type UnappliedTopic } from '../unapplied-topic-settings.js';
import type { ResolvedEnvironment } from '../../model/types.js';
import { findingAt } from '../locate.js';
import { defineRule } from '../define-rule.js';

/** Up to this many topics, one warning each (each at its own line). */
export const groupAbove = 5;
const namesShown = 8;

export function checkUpstreamTopicSettings(env: ResolvedEnvironment): Finding[] {
  const unapplied = findUnappliedTopicSettings(env.config);
  const [first] = unapplied;
  if (first !== undefined && unapplied.length > groupAbove) {
    return [
      findingAt(env, 'RG425', ['topics', first.topic], {
        severity: 'warning',
        message: `${describeGroup(unapplied)} Upstream: ${formatCitations(citationsOf(unapplied))}.`,
      }),
    ];
  }
  return unapplied.map((u) =>
    findingAt(env, 'RG425', ['topics', u.topic], {
      severity: 'warning',
      message: `${describeUnappliedTopic(u)} Upstream: ${formatCitations(citationsOf([u]))}.`,
    }),
  );
}

function citationsOf(topics: readonly UnappliedTopic[]) {
  return [...new Map(topics.flatMap((u) => u.settings.flatMap((s) => topicSettingFacts[s.setting].cite)).map((c) => [`${c.file}:${c.lines}`, c])).values()];
}

/** `N topics set what Rivven 0.0.22 does not apply: retention on 200 topics (why): a, b, … and 192 more; …` */
function describeGroup(topics: readonly UnappliedTopic[]): string {
  const bySetting = new Map<string, { setting: TopicSetting; reason: string; topics: string[] }>();
  for (const u of topics) {
    for (const s of u.settings) {
      const key = `${s.setting}\0${s.reason}`;
      const group = bySetting.get(key) ?? { setting: s.setting, reason: s.reason, topics: [] };
      group.topics.push(u.topic);
      bySetting.set(key, group);
    }
  }
  const parts = [...bySetting.values()].map(({ setting, reason, topics: names }) => {
    const shown = names.slice(0, namesShown).map((n) => `"${n}"`).join(', ');
    const more = names.length > namesShown ? ` and ${names.length - namesShown} more` : '';
    return `${setting} on ${names.length} topic${names.length === 1 ? '' : 's'} (${reason}): ${shown}${more}`;
  });
  return `${topics.length} topics set what Rivven 0.0.22 does not apply — ${parts.join('; ')}.`;
}

export const upstreamTopicSettingsRule = defineRule({
  scope: 'environment',
  codes: ['RG425'],
  severity: 'as-found',
  locate: 'provenance',
  check: checkUpstreamTopicSettings,
});
