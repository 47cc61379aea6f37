/** RG307: the API server rejects a pod whose resource request exceeds its limit. */
import type { Finding } from '../../errors/diagnostic.js';
import type { ResolvedEnvironment } from '../../model/types.js';
import { parseQuantity } from '../../core/units.js';
import { findingAt, relatedAt } from '../locate.js';
import { sortedEntries } from './rule.js';
import { defineRule } from '../define-rule.js';

type ResourceName = 'cpu' | 'memory' | 'ephemeral-storage';
type ResourceList = Readonly<Partial<Record<ResourceName, string>>>;
interface Resources {
  readonly requests?: ResourceList;
  readonly limits?: ResourceList;
}

const resourceNames: readonly ResourceName[] = ['cpu', 'memory', 'ephemeral-storage'];

export function checkRequestsExceedLimits(env: ResolvedEnvironment): Finding[] {
  const blocks: [string[], string, Resources | undefined][] = [
    [['cluster', 'resources'], 'Brokers', env.config.cluster.resources],
    ...sortedEntries(env.config.connect).map(([name, p]): [string[], string, Resources | undefined] => [['connect', name, 'resources'], `Pipeline "${name}"`, p.resources]),
    [['schemaRegistry', 'resources'], 'The schema registry', env.config.schemaRegistry?.resources],
    [['operator', 'resources'], 'The operator', env.config.operator.resources],
  ];
  const findings: Finding[] = [];
  for (const [path, owner, resources] of blocks) {
    for (const name of resourceNames) {
      const request = resources?.requests?.[name];
      const limit = resources?.limits?.[name];
      if (request === undefined || limit === undefined) continue;
      const r = parseQuantity(request);
      const l = parseQuantity(limit);
      if (r === undefined || l === undefined || r <= l) continue;
      findings.push(
        findingAt(env, 'RG307', [...path, 'requests', name], {
          message: `${owner} request ${name} ${request}, more than the limit ${limit}: the API server rejects such a pod.`,
          hint: `Lower requests.${name} to at most ${limit}, or raise limits.${name}.`,
          related: [relatedAt(env, [...path, 'limits', name], limit)],
        }),
      );
    }
  }
  return findings;
}

export const requestsExceedLimitsRule = defineRule({
  scope: 'environment',
  codes: ['RG307'],
  severity: 'as-found',
  locate: 'provenance',
  check: checkRequestsExceedLimits,
});
