/** The rule catalogue for `rivven-gitops rules` and for documentation: every policy code, in order. */
import { codeInfo } from '../errors/catalog.js';
import type { Profile, RuleSeverity } from './rule.js';
import { checkRules } from './rules/index.js';
import { unknownSuppressionRule } from './suppressions.js';

export interface RuleInfo {
  readonly code: string;
  readonly title: string;
  readonly rationale: string;
  readonly hint: string;
  readonly severity: Readonly<Record<Profile, RuleSeverity>>;
  /** Whether `checks.suppress` can silence it. */
  readonly suppressible: boolean;
}

export function listRules(): RuleInfo[] {
  const info = (code: string) => codeInfo(code) ?? { title: code, hint: '' };
  return [
    ...checkRules.map((r) => ({ code: r.code, title: r.title, rationale: r.rationale, hint: info(r.code).hint, severity: r.severity, suppressible: true })),
    {
      code: unknownSuppressionRule.code,
      title: info(unknownSuppressionRule.code).title,
      rationale: unknownSuppressionRule.rationale,
      hint: info(unknownSuppressionRule.code).hint,
      severity: unknownSuppressionRule.severity,
      suppressible: false,
    },
  ];
}
