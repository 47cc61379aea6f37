/** The validate stage's entry points. */
export { validateEnvironment, validateFleet } from './validate.js';
export { locate, findingAt } from './locate.js';
export type { RuleFindingInput } from './locate.js';
export { findingsFromZodIssues } from '../resolve/zod-findings.js';
export type { IssueContext, ZodIssue } from '../resolve/zod-findings.js';
export { environmentRules, fleetRules, environmentRuleDefinitions, fleetRuleDefinitions, validationRules } from './rules/index.js';
export { defineRule, locateFinding } from './define-rule.js';
export type { EnvironmentRuleDefinition, FleetRuleDefinition, Profile, Rule, RuleLocate, RuleSeverities, RuleSeverity, ValidationRule } from './define-rule.js';
export type { EnvironmentRule, FleetRule } from './rules/index.js';
