/**
 * Suppressing a rule in an environment (`checks.suppress: { RG804: 'reason' }`). A suppressed
 * finding is still reported, as info with its reason, so a reviewer sees every exception the fleet
 * makes; a suppression naming no policy rule is an error, or the finding it meant to silence would
 * look handled while it is not.
 */
import type { Finding } from '../errors/diagnostic.js';
import { codeInfo, finding } from '../errors/catalog.js';
import type { ResolvedEnvironment } from '../model/types.js';
import { formatPath } from '../core/path.js';
import type { RuleSeverity, Profile } from './rule.js';
import { violation } from './rule.js';

export const unknownSuppressionRule = {
  code: 'RG890',
  rationale:
    'A suppression that names no policy rule (a typo, a retired code, or a validation code, which cannot be suppressed) has no effect. It is reported so that nobody mistakes the finding it meant to silence for a handled one.',
  severity: { development: 'error', staging: 'error', production: 'error' } satisfies Record<Profile, RuleSeverity>,
} as const;

export function suppressionsOf(env: ResolvedEnvironment): Readonly<Record<string, string>> {
  return env.config.checks?.suppress ?? {};
}

export function findUnknownSuppressions(env: ResolvedEnvironment, known: ReadonlySet<string>): Finding[] {
  const suppress = suppressionsOf(env);
  return Object.keys(suppress)
    .sort()
    .filter((code) => !known.has(code))
    .map((code) => {
      const path = ['checks', 'suppress', code];
      const info = codeInfo(code);
      const v = violation(env, path, {
        message: `checks.suppress names ${code}, ${info === undefined ? 'which is no rule' : `"${info.title}", which is not a policy rule (only the rules that \`rivven-gitops rules\` lists can be suppressed)`}: the suppression has no effect.`,
      });
      return finding(unknownSuppressionRule.code, {
        severity: 'error',
        path: formatPath(path),
        message: v.message,
        ...(v.loc === undefined ? {} : { loc: v.loc }),
      });
    });
}
