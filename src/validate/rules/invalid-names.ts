/**
 * RG303: names that become Kubernetes object names.
 *
 * A topic's name is its RivvenTopic's `metadata.name`, which Kubernetes checks as a DNS-1123 subdomain
 * (so `cdc.orders` is fine). We also cap it at 63 characters: renderers carry the topic name in label
 * values, which may not exceed 63. Pipelines become `RivvenConnect` objects and the operator's
 * `rivven-connect-<name>` Deployment and Service, and source and sink names are connector names in the
 * CRD (at most 63): all three must be DNS-1123 labels (no dots).
 */
import type { Finding } from '../../errors/diagnostic.js';
import type { ResolvedEnvironment } from '../../model/types.js';
import { isDnsLabel, isDnsSubdomain } from '../../core/units.js';
import { findingAt } from '../locate.js';
import { sortedEntries } from './rule.js';
import { defineRule } from '../define-rule.js';

const maxLabelValue = 63;

export function isValidTopicName(name: string): boolean {
  return name.length <= maxLabelValue && isDnsSubdomain(name);
}

export function checkInvalidNames(env: ResolvedEnvironment): Finding[] {
  const findings: Finding[] = [];
  for (const [name] of sortedEntries(env.config.topics)) {
    if (isValidTopicName(name)) continue;
    findings.push(
      findingAt(env, 'RG303', ['topics', name], {
        message: `Topic name "${name}" cannot be a RivvenTopic name: it must be lower case letters, digits, "-" and ".", start and end with a letter or digit, and be at most ${maxLabelValue} characters (it is also used as a label value).`,
        hint: `Rename the topic, e.g. "${suggestName(name, true)}".`,
      }),
    );
  }
  for (const [pipeline, spec] of sortedEntries(env.config.connect)) {
    if (!isDnsLabel(pipeline)) findings.push(labelFinding(env, ['connect', pipeline], `Pipeline name "${pipeline}"`, pipeline));
    for (const [source] of sortedEntries(spec.sources)) {
      if (!isDnsLabel(source)) findings.push(labelFinding(env, ['connect', pipeline, 'sources', source], `Source name "${source}"`, source));
    }
    for (const [sink] of sortedEntries(spec.sinks)) {
      if (!isDnsLabel(sink)) findings.push(labelFinding(env, ['connect', pipeline, 'sinks', sink], `Sink name "${sink}"`, sink));
    }
  }
  return findings;
}

function labelFinding(env: ResolvedEnvironment, path: string[], what: string, name: string): Finding {
  return findingAt(env, 'RG303', path, {
    message: `${what} is not a DNS-1123 label: it names Kubernetes objects and connectors, so it may only contain lower case letters, digits and "-", must start and end with a letter or digit, and be at most 63 characters.`,
    hint: `Rename it, e.g. "${suggestName(name, false)}".`,
  });
}

/** A nearby valid name, to show what is meant. */
function suggestName(name: string, allowDots: boolean): string {
  const cleaned = name
    .toLowerCase()
    .replace(allowDots ? /[^a-z0-9.-]+/g : /[^a-z0-9-]+/g, '-')
    .replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '')
    .slice(0, maxLabelValue)
    .replace(/[^a-z0-9]+$/, '');
  return cleaned === '' ? 'my-name' : cleaned;
}

export const invalidNamesRule = defineRule({
  scope: 'environment',
  codes: ['RG303'],
  severity: 'as-found',
  locate: 'provenance',
  check: checkInvalidNames,
});
