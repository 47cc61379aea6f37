/** RG326: a pipeline pointing at a RivvenCluster this fleet does not render never connects. */
import type { Finding } from '../../errors/diagnostic.js';
import type { ResolvedEnvironment } from '../../model/types.js';
import { findingAt } from '../locate.js';
import { sortedEntries } from './rule.js';
import { defineRule } from '../define-rule.js';

export function checkConnectClusterRef(env: ResolvedEnvironment): Finding[] {
  const cluster = env.config.cluster.name;
  return sortedEntries(env.config.connect)
    .filter(([, p]) => p.cluster !== undefined && p.cluster !== cluster)
    .map(([name, p]) =>
      findingAt(env, 'RG326', ['connect', name, 'cluster'], {
        message: `Pipeline "${name}" connects to cluster "${p.cluster ?? ''}", but this environment's cluster is "${cluster}": the RivvenConnect would wait for a RivvenCluster that does not exist.`,
      }),
    );
}

export const connectClusterRefRule = defineRule({
  scope: 'environment',
  codes: ['RG326'],
  severity: 'as-found',
  locate: 'provenance',
  check: checkConnectClusterRef,
});
