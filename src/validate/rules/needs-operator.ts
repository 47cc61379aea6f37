/**
 * RG328: under the `manifests` target nothing reconciles RivvenTopic, RivvenConnect or
 * RivvenSchemaRegistry, so they are not rendered. Say so where they are declared instead of dropping
 * them silently: a user would otherwise wait for topics that never appear.
 */
import type { Finding } from '../../errors/diagnostic.js';
import type { ResolvedEnvironment } from '../../model/types.js';
import { findingAt } from '../locate.js';

export function checkNeedsOperator(env: ResolvedEnvironment): Finding[] {
  if (env.config.target !== 'manifests') return [];
  const findings: Finding[] = [];
  const topics = Object.keys(env.config.topics);
  if (topics.length > 0) {
    findings.push(
      findingAt(env, 'RG328', ['topics'], {
        severity: 'warning',
        message: `${topics.length} topic${topics.length === 1 ? ' is' : 's are'} declared but target "manifests" renders no RivvenTopic (no operator reconciles them): rivvend creates topics on first use with its defaults (RIVVEN_DEFAULT_PARTITIONS, RIVVEN_REPLICATION_FACTOR).`,
      }),
    );
  }
  const pipelines = Object.keys(env.config.connect);
  if (pipelines.length > 0) {
    findings.push(
      findingAt(env, 'RG328', ['connect'], {
        severity: 'warning',
        message: `Connect pipeline${pipelines.length === 1 ? '' : 's'} ${pipelines.join(', ')} ${pipelines.length === 1 ? 'is' : 'are'} not rendered under target "manifests": RivvenConnect needs the operator.`,
      }),
    );
  }
  if (env.config.schemaRegistry?.enabled === true) {
    findings.push(
      findingAt(env, 'RG328', ['schemaRegistry'], {
        severity: 'warning',
        message: 'The schema registry is not rendered under target "manifests": RivvenSchemaRegistry needs the operator.',
      }),
    );
  }
  return findings;
}
