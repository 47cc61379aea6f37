/** RG411: rivvend listens on fixed ports; the guide's port fields are not rendered. */
import type { Finding } from '../../errors/diagnostic.js';
import type { ResolvedEnvironment } from '../../model/types.js';
import { rivvendListeners } from '../../facts/rivvend.js';
import { findingAt } from '../locate.js';
import { defineRule } from '../define-rule.js';

const fields = [
  ['clientPort', rivvendListeners.client.port, 'client'],
  ['clusterPort', rivvendListeners.cluster.port, 'cluster'],
  ['metricsPort', rivvendListeners.http.port, 'HTTP API (/health, /metrics)'],
] as const;

export function checkGuideBrokerPorts(env: ResolvedEnvironment): Finding[] {
  const broker = env.config.cluster.broker;
  if (broker === undefined) return [];
  return fields
    .filter(([field, real]) => broker[field] !== undefined && broker[field] !== real)
    .map(([field, real, what]) =>
      findingAt(env, 'RG411', ['cluster', 'broker', field], {
        severity: 'warning',
        message: `cluster.broker.${field} is ${String(broker[field])}, but rivvend always serves its ${what} port on ${real}: the field is not rendered, and ${real} is used.`,
        hint: `Remove cluster.broker.${field}.`,
      }),
    );
}

export const guideBrokerPortsRule = defineRule({
  scope: 'environment',
  codes: ['RG411'],
  severity: 'as-found',
  locate: 'provenance',
  check: checkGuideBrokerPorts,
});
