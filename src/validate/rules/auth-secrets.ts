/** RG313: an authentication mechanism without the credentials it needs leaves no client able to connect. */
import type { Finding } from '../../errors/diagnostic.js';
import type { ResolvedEnvironment } from '../../model/types.js';
import { findingAt } from '../locate.js';
import { defineRule } from '../define-rule.js';

export function checkAuthSecrets(env: ResolvedEnvironment): Finding[] {
  const { auth, tls } = env.config.cluster;
  if (!auth.enabled) return [];
  const at = ['cluster', 'auth', 'mechanism'];
  if (auth.mechanism === 'scram' && auth.scram === undefined) {
    return [
      findingAt(env, 'RG313', at, {
        message: 'cluster.auth.mechanism is "scram" but cluster.auth.scram.existingSecret is not set: authentication is on by default in rivvend, and without SCRAM users no client can log in.',
        hint: "Set cluster.auth.scram: { existingSecret: '<secret with the users>' }, or auth: { enabled: false } for a throwaway environment.",
      }),
    ];
  }
  if (auth.mechanism === 'token' && auth.token === undefined) {
    return [
      findingAt(env, 'RG313', at, {
        message: 'cluster.auth.mechanism is "token" but cluster.auth.token is not set: there is no token for clients to present.',
        hint: "Set cluster.auth.token: { secretName: '<secret>', key: '<key>' }.",
      }),
    ];
  }
  if (auth.mechanism === 'mtls' && (tls.mtls === undefined || !tls.mtls.enabled)) {
    return [
      findingAt(env, 'RG313', at, {
        message: 'cluster.auth.mechanism is "mtls" but cluster.tls.mtls is not enabled: without a client CA the brokers cannot verify client certificates.',
        hint: "Set cluster.tls.mtls: { clientCASecret: '<secret with ca.crt>' } (and enable tls).",
      }),
    ];
  }
  return [];
}

export const authSecretsRule = defineRule({
  scope: 'environment',
  codes: ['RG313'],
  severity: 'as-found',
  locate: 'provenance',
  check: checkAuthSecrets,
});
