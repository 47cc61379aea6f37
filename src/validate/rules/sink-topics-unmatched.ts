/**
 * RG304: a sink entry (a name or a `cdc.*` glob) that matches no topic the fleet declares or produces
 * consumes nothing: usually a typo, or a topic that was renamed or removed in this environment.
 */
import type { Finding } from '../../errors/diagnostic.js';
import type { ResolvedEnvironment } from '../../model/types.js';
import { findingAt } from '../locate.js';
import { isGlob, producedTopics, sinkEntryMatcher } from '../produced-topics.js';
import { sortedEntries } from './rule.js';
import { defineRule } from '../define-rule.js';

export function checkSinkTopicsUnmatched(env: ResolvedEnvironment): Finding[] {
  const known = [...Object.keys(env.config.topics).map((name) => ({ name, template: false })), ...producedTopics(env.config)];
  const findings: Finding[] = [];
  for (const [pipeline, spec] of sortedEntries(env.config.connect)) {
    for (const [sink, s] of sortedEntries(spec.sinks)) {
      if (!s.enabled) continue;
      s.topics.forEach((entry, index) => {
        if (known.some(sinkEntryMatcher(entry))) return;
        findings.push(
          findingAt(env, 'RG304', ['connect', pipeline, 'sinks', sink, 'topics', index], {
            severity: 'warning',
            message: isGlob(entry)
              ? `Sink "${sink}" consumes "${entry}", a pattern that matches no topic declared under topics or written by a source in this environment, so the sink would read nothing.`
              : `Sink "${sink}" consumes "${entry}", which is neither declared under topics nor written by a source in this environment, so the sink would wait for a topic nobody manages.`,
          }),
        );
      });
    }
  }
  return findings;
}

export const sinkTopicsUnmatchedRule = defineRule({
  scope: 'environment',
  codes: ['RG304'],
  severity: 'as-found',
  locate: 'provenance',
  check: checkSinkTopicsUnmatched,
});
