/**
 * RG328: under the `manifests` target nothing reconciles RivvenTopic, RivvenConnect or
 * RivvenSchemaRegistry, so they are not rendered. Say so where they are declared instead of dropping
 * them silently: a user would otherwise wait for topics that never appear. Topics the topic Job
 * creates (`topicJob` with auth off) are rendered, so they are not reported.
 *
 * Whether rivvend 0.0.22 creates a topic on a producer's first write is not confirmed (the fact table
 * read it only in a later commit): the message says exactly that and claims nothing more.
 */
import type { Finding } from '../../errors/diagnostic.js';
import { formatCitations } from '../../facts/citation.js';
import { topicCreation } from '../../facts/topic-settings.js';
import { topicJobRuns } from '../unapplied-topic-settings.js';
import type { ResolvedEnvironment } from '../../model/types.js';
import { findingAt } from '../locate.js';
import { defineRule } from '../define-rule.js';

export function checkNeedsOperator(env: ResolvedEnvironment): Finding[] {
  if (env.config.target !== 'manifests') return [];
  const findings: Finding[] = [];
  const topics = Object.keys(env.config.topics);
  if (topics.length > 0 && !topicJobRuns(env.config)) {
    findings.push(
      findingAt(env, 'RG328', ['topics'], {
        severity: 'warning',
        message: `${topics.length} topic${topics.length === 1 ? ' is' : 's are'} declared but nothing under target "manifests" creates ${topics.length === 1 ? 'it' : 'them'}: no RivvenTopic is rendered (no operator reconciles them) and no topic Job (topicJob is not set, or broker auth is on). Whether rivvend 0.0.22 creates a topic on a producer's first write is not confirmed: that was read only in ${formatCitations(topicCreation.autoCreate.cite)}.`,
        hint: 'Set `topicJob: { image }` to a rivven CLI image you build (no published image carries the CLI; it needs cluster.auth.enabled: false) so a PostSync Job creates them, or create them with `rivven topic create` outside this fleet.',
      }),
    );
  }
  const pipelines = Object.keys(env.config.connect);
  if (pipelines.length > 0) {
    findings.push(
      findingAt(env, 'RG328', ['connect'], {
        severity: 'warning',
        message: `Connect pipeline${pipelines.length === 1 ? '' : 's'} ${pipelines.join(', ')} ${pipelines.length === 1 ? 'is' : 'are'} not rendered under target "manifests": RivvenConnect needs the operator.`,
        hint: 'The operator of Rivven 0.0.22 cannot run RivvenConnect either (RG419): run rivven-connect outside this fleet, or keep the block only as a record.',
      }),
    );
  }
  if (env.config.schemaRegistry?.enabled === true) {
    findings.push(
      findingAt(env, 'RG328', ['schemaRegistry'], {
        severity: 'warning',
        message: 'The schema registry is not rendered under target "manifests": RivvenSchemaRegistry needs the operator.',
        hint: 'The operator of Rivven 0.0.22 cannot run RivvenSchemaRegistry either (RG420): run rivven-schema outside this fleet, or keep the block only as a record.',
      }),
    );
  }
  return findings;
}

export const needsOperatorRule = defineRule({
  scope: 'environment',
  codes: ['RG328'],
  severity: 'as-found',
  locate: 'provenance',
  check: checkNeedsOperator,
});
