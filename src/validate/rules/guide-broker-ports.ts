/** RG411: rivvend listens on fixed ports; the guide's port fields are not rendered. */
import type { Finding } from '../../errors/diagnostic.js';
import type { ResolvedEnvironment } from '../../model/types.js';
import { brokerPorts } from '../../render/names.js';
import { findingAt } from '../locate.js';

const fields = [
  ['clientPort', brokerPorts.client, 'client'],
  ['clusterPort', brokerPorts.cluster, 'cluster'],
  ['metricsPort', brokerPorts.http, 'HTTP API (/health, /metrics)'],
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
