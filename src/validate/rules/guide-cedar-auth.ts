/** RG403: RivvenSchemaRegistry accepts method "cedar" but has no field for its policies. */
import type { Finding } from '../../errors/diagnostic.js';
import type { ResolvedEnvironment } from '../../model/types.js';
import { findingAt } from '../locate.js';
import { defineRule } from '../define-rule.js';

export function checkGuideCedarAuth(env: ResolvedEnvironment): Finding[] {
  const registry = env.config.schemaRegistry;
  const auth = registry?.auth;
  if (registry?.enabled !== true || auth === undefined) return [];
  const findings: Finding[] = [];
  if (auth.method === 'cedar') {
    findings.push(
      findingAt(env, 'RG403', ['schemaRegistry', 'auth', 'method'], {
        message: 'schemaRegistry.auth.method "cedar" cannot work: RivvenSchemaRegistry accepts the method but has no field for Cedar policies, so there would be no policies to enforce.',
      }),
    );
  }
  if (auth.cedar !== undefined) {
    findings.push(
      findingAt(env, 'RG403', ['schemaRegistry', 'auth', 'cedar'], {
        message: 'schemaRegistry.auth.cedar has no RivvenSchemaRegistry field: the policies would be pruned by the API server.',
        hint: 'Remove the cedar block and use method basic (with credentialsSecretRef) or jwt.',
      }),
    );
  }
  return findings;
}

export const guideCedarAuthRule = defineRule({
  scope: 'environment',
  codes: ['RG403'],
  severity: 'as-found',
  locate: 'provenance',
  check: checkGuideCedarAuth,
});
