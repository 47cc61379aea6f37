/** Joins an environment's diff, its classification and the source's problems into what reports show. */
import type { Finding } from '../errors/diagnostic.js';
import type { ResolvedEnvironment } from '../model/types.js';
import { classifyEnvironment } from './classify.js';
import { finding } from '../errors/catalog.js';
import { describeUnappliedTopic, findUnappliedTopicSettings } from '../validate/unapplied-topic-settings.js';
import type { ActionCounts, EnvironmentDiff, EnvironmentReport, ResourceChange } from './types.js';

export function countActions(changes: readonly Pick<ResourceChange, 'action'>[]): ActionCounts {
  const counts = { create: 0, update: 0, delete: 0, replace: 0, unknown: 0 };
  for (const c of changes) counts[c.action]++;
  return counts;
}

export function reportEnvironment(diff: EnvironmentDiff, env: ResolvedEnvironment | undefined, problems: readonly Finding[] = []): EnvironmentReport {
  const { dangers, resources } = classifyEnvironment(diff, env);
  const counts = countActions(diff.changes);
  // Objects of a kind the source could not read are `unknown`: the result is then partial.
  const partial = counts.unknown > 0;
  return {
    name: diff.name,
    namespace: diff.namespace,
    status: partial ? 'partial' : diff.changes.length > 0 ? 'changed' : 'unchanged',
    counts,
    unchanged: diff.unchanged,
    dangers,
    problems,
    ...(env === undefined ? {} : { notApplied: notAppliedSettings(env) }),
    resources,
    ignored: diff.ignored,
  };
}

/** RG425 per topic, as validation reports it (without positions: reports name the config path). */
export function notAppliedSettings(env: ResolvedEnvironment): Finding[] {
  return findUnappliedTopicSettings(env.config).map((u) =>
    finding('RG425', { severity: 'warning', path: `topics["${u.topic}"]`, message: describeUnappliedTopic(u) }),
  );
}

/** An environment that could not be compared at all (its source failed). */
export function failedEnvironment(name: string, namespace: string, problems: readonly Finding[]): EnvironmentReport {
  return {
    name,
    namespace,
    status: 'error',
    counts: countActions([]),
    unchanged: 0,
    dangers: [],
    problems,
    resources: [],
    ignored: [],
  };
}
