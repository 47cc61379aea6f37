/**
 * RG316: names rivven-gitops and the operator derive from user names must fit Kubernetes' limits.
 * Service names and label values are at most 63 characters; a StatefulSet name at most 52, because
 * its pods carry `controller-revision-hash: <name>-<10-character hash>`, a label value.
 */
import type { Finding } from '../../errors/diagnostic.js';
import type { ResolvedEnvironment } from '../../model/types.js';
import { brokerNames } from '../../model/rivven-names.js';
import { findingAt } from '../locate.js';
import { sortedEntries } from './rule.js';
import { defineRule } from '../define-rule.js';

const maxName = 63;
const maxStatefulSetName = 52;

export function checkGeneratedNameLength(env: ResolvedEnvironment): Finding[] {
  const findings: Finding[] = [];
  const names = brokerNames(env.config);
  const cluster = env.config.cluster.name;
  const tooLong = (path: string[], generated: string, limit: number, source: string) => {
    if (generated.length <= limit) return;
    findings.push(
      findingAt(env, 'RG316', path, {
        message: `${source} gives the generated name "${generated}" (${generated.length} characters), longer than the ${limit} Kubernetes allows for it.`,
        hint: `Shorten the name by at least ${generated.length - limit} characters.`,
      }),
    );
  };
  tooLong(['cluster', 'name'], names.statefulSet, maxStatefulSetName, `Cluster name "${cluster}"`);
  tooLong(['cluster', 'name'], names.headlessService, maxName, `Cluster name "${cluster}"`);
  for (const [pipeline] of sortedEntries(env.config.connect)) {
    tooLong(['connect', pipeline], `rivven-connect-${pipeline}`, maxName, `Pipeline name "${pipeline}"`);
  }
  const registry = env.config.schemaRegistry;
  if (registry?.enabled === true) {
    tooLong(['schemaRegistry', 'name'], `rivven-schema-registry-${registry.name}`, maxName, `Schema registry name "${registry.name}"`);
  }
  return dedupe(findings);
}

/** One finding per path: the first name that does not fit says enough. */
function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  const out: Finding[] = [];
  for (const f of findings) {
    if (seen.has(f.path)) continue;
    seen.add(f.path);
    out.push(f);
  }
  return out;
}

export const generatedNameLengthRule = defineRule({
  scope: 'environment',
  codes: ['RG316'],
  severity: 'as-found',
  locate: 'provenance',
  check: checkGeneratedNameLength,
});
