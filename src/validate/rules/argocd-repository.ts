/** RG321: Argo CD Applications need the Git URL they sync from. */
import type { Finding } from '../../errors/diagnostic.js';
import type { ResolvedEnvironment } from '../../model/types.js';
import { findingAt } from '../locate.js';
import { defineRule } from '../define-rule.js';

export function checkArgocdRepository(env: ResolvedEnvironment): Finding[] {
  const argocd = env.config.argocd;
  if (!argocd.enabled || argocd.repoURL !== undefined) return [];
  return [
    findingAt(env, 'RG321', ['argocd', 'repoURL'], {
      message: 'argocd is enabled but argocd.repoURL is not set: the Applications would not know which repository to sync.',
    }),
  ];
}

export const argocdRepositoryRule = defineRule({
  scope: 'environment',
  codes: ['RG321'],
  severity: 'as-found',
  locate: 'provenance',
  check: checkArgocdRepository,
});
