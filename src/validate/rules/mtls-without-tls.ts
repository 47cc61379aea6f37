/** RG319: client certificates are checked during the TLS handshake; without TLS there is none. */
import type { Finding } from '../../errors/diagnostic.js';
import type { ResolvedEnvironment } from '../../model/types.js';
import { findingAt } from '../locate.js';
import { defineRule } from '../define-rule.js';

export function checkMtlsWithoutTls(env: ResolvedEnvironment): Finding[] {
  const tls = env.config.cluster.tls;
  if (tls.enabled || tls.mtls === undefined || !tls.mtls.enabled) return [];
  return [
    findingAt(env, 'RG319', ['cluster', 'tls', 'mtls'], {
      message: 'cluster.tls.mtls is enabled but cluster.tls.enabled is false: client certificates are verified in the TLS handshake, so without TLS they would silently not be required.',
      hint: 'Set cluster.tls.enabled: true with a certificate source, or remove cluster.tls.mtls.',
    }),
  ];
}

export const mtlsWithoutTlsRule = defineRule({
  scope: 'environment',
  codes: ['RG319'],
  severity: 'as-found',
  locate: 'provenance',
  check: checkMtlsWithoutTls,
});
