/** RG325: TLS enabled, but nothing provides the certificate, so brokers cannot start their listeners. */
import type { Finding } from '../../errors/diagnostic.js';
import type { ResolvedEnvironment } from '../../model/types.js';
import { findingAt } from '../locate.js';
import { defineRule } from '../define-rule.js';

export function checkTlsMissingSource(env: ResolvedEnvironment): Finding[] {
  const tls = env.config.cluster.tls;
  if (!tls.enabled || tls.certManager !== undefined || tls.existingSecret !== undefined) return [];
  return [
    findingAt(env, 'RG325', ['cluster', 'tls', 'enabled'], {
      message: 'cluster.tls.enabled is true but neither cluster.tls.certManager nor cluster.tls.existingSecret is set: the brokers would have no certificate to serve.',
    }),
  ];
}

export const tlsMissingSourceRule = defineRule({
  scope: 'environment',
  codes: ['RG325'],
  severity: 'as-found',
  locate: 'provenance',
  check: checkTlsMissingSource,
});
