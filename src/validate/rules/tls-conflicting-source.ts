/** RG318: a certificate from cert-manager and an existing Secret at once: which one is meant? */
import type { Finding } from '../../errors/diagnostic.js';
import type { ResolvedEnvironment } from '../../model/types.js';
import { findingAt } from '../locate.js';
import { defineRule } from '../define-rule.js';

export function checkTlsConflictingSource(env: ResolvedEnvironment): Finding[] {
  const tls = env.config.cluster.tls;
  if (tls.certManager === undefined || tls.existingSecret === undefined) return [];
  return [
    findingAt(env, 'RG318', ['cluster', 'tls', 'existingSecret'], {
      message: `cluster.tls sets both certManager and existingSecret ("${tls.existingSecret}"): the broker certificate can come from one source only.`,
      hint: 'Keep one of them; when the base sets the other, remove it in the environment with certManager: null or existingSecret: null.',
    }),
  ];
}

export const tlsConflictingSourceRule = defineRule({
  scope: 'environment',
  codes: ['RG318'],
  severity: 'as-found',
  locate: 'provenance',
  check: checkTlsConflictingSource,
});
