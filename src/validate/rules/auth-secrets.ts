/**
 * RG313: auth mechanism `mtls` without a client CA leaves the brokers nothing to verify certificates
 * with. SCRAM users and client tokens are not required: rivvend 0.0.22 reads neither (RG429).
 */
import type { Finding } from '../../errors/diagnostic.js';
import type { ResolvedEnvironment } from '../../model/types.js';
import { findingAt } from '../locate.js';
import { defineRule } from '../define-rule.js';

export function checkAuthSecrets(env: ResolvedEnvironment): Finding[] {
  const { auth, tls } = env.config.cluster;
  if (!auth.enabled || auth.mechanism !== 'mtls' || (tls.mtls !== undefined && tls.mtls.enabled)) return [];
  return [
    findingAt(env, 'RG313', ['cluster', 'auth', 'mechanism'], {
      message: 'cluster.auth.mechanism is "mtls" but cluster.tls.mtls is not enabled: without a client CA the brokers cannot verify client certificates.',
      hint: "Set cluster.tls.mtls: { clientCASecret: '<secret with ca.crt>' } (and enable tls).",
    }),
  ];
}

export const authSecretsRule = defineRule({
  scope: 'environment',
  codes: ['RG313'],
  severity: 'as-found',
  locate: 'provenance',
  check: checkAuthSecrets,
});
