/** The check stage: the production checklist as policy. */
export { checkFleet, checkEnvironment, severityFor } from './check-fleet.js';
export type { CheckedRender, CheckOptions } from './check-fleet.js';
export { listRules } from './list-rules.js';
export type { RuleInfo } from './list-rules.js';
export { checkRules } from './rules/index.js';
export { defineRule, violation } from './rule.js';
export type { CheckContext, CheckRule, Profile, RuleSeverity, Violation } from './rule.js';
