/** RG405: the broker's client protocol is custom TCP, not gRPC or HTTP: an Ingress cannot carry it. */
import type { Finding } from '../../errors/diagnostic.js';
import type { ResolvedEnvironment } from '../../model/types.js';
import { findingAt } from '../locate.js';
import { defineRule } from '../define-rule.js';

export function checkGuideBrokerIngress(env: ResolvedEnvironment): Finding[] {
  const ingress = env.config.ingress;
  if (ingress?.enabled !== true || ingress.broker === undefined) return [];
  return [
    findingAt(env, 'RG405', ['ingress', 'broker'], {
      message: 'ingress.broker would route the client port 9092 through an HTTP Ingress, but rivvend speaks its own binary TCP protocol there (not gRPC): clients could not connect.',
    }),
  ];
}

export const guideBrokerIngressRule = defineRule({
  scope: 'environment',
  codes: ['RG405'],
  severity: 'as-found',
  locate: 'provenance',
  check: checkGuideBrokerIngress,
});
