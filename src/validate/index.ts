/** The validate stage's entry points. */
export { validateEnvironment, validateFleet } from './validate.js';
export { locate, findingAt } from './locate.js';
export type { RuleFindingInput } from './locate.js';
export { findingsFromZodIssues } from './zod-findings.js';
export type { IssueContext, ZodIssue } from './zod-findings.js';
export { environmentRules, fleetRules } from './rules/index.js';
export type { EnvironmentRule, FleetRule } from './rules/index.js';
