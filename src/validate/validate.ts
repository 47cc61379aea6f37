/**
 * The validate stage: the semantic rules over resolved environments (zod already checked the shape
 * during resolve). Pure; collects every finding, never stops at the first. The rules are values of the
 * one rule shape (define-rule.ts); the build passes the renderers' own checks along with these
 * (render/render-rules.ts `buildRules`), which this stage cannot import.
 */
import type { Finding } from '../errors/diagnostic.js';
import { InternalError, sortFindings } from '../errors/diagnostic.js';
import type { ResolvedEnvironment, ResolvedFleet } from '../model/types.js';
import { locateFinding, type EnvironmentRuleDefinition, type FleetRuleDefinition, type Rule, type ValidationRule } from './define-rule.js';
import { validationRules } from './rules/index.js';
import { namingEnvironments, reportOncePerFleet } from '../resolve/name-environments.js';

/** Findings of every per-environment rule, each message naming the environment. */
export function validateEnvironment(env: ResolvedEnvironment, rules: readonly ValidationRule[] = validationRules): Finding[] {
  return sortFindings(checkEnvironment(env, rules).map((f) => namingEnvironments(f, [env.name])));
}

/**
 * Findings of every environment and of the fleet-wide rules. A problem inherited from the base shows
 * the same path, position and message in several environments: it is reported once, naming them all.
 */
export function validateFleet(fleet: ResolvedFleet, rules: readonly ValidationRule[] = validationRules): Finding[] {
  const perEnvironment = fleet.environments.map((env) => [env.name, checkEnvironment(env, rules)] as const);
  const fleetFindings = rules
    .filter((rule): rule is FleetRuleDefinition => rule.scope === 'fleet')
    .flatMap((rule) => runRule(() => rule.check(fleet), rule, 'the fleet'));
  return sortFindings([...reportOncePerFleet(perEnvironment), ...fleetFindings]);
}

function checkEnvironment(env: ResolvedEnvironment, rules: readonly ValidationRule[]): Finding[] {
  return rules
    .filter((rule): rule is EnvironmentRuleDefinition => rule.scope === 'environment')
    .flatMap((rule) => runRule(() => rule.check(env), rule, `environment ${env.name}`).flatMap((f) => atProfile(rule, env, locateFinding(rule, env, f))));
}

/** The finding at the severity the rule has in the environment's profile; none when the rule is off there. */
function atProfile(rule: Pick<Rule<never, unknown>, 'severity'>, env: ResolvedEnvironment, f: Finding): Finding[] {
  if (rule.severity === 'as-found') return [f];
  const severity = rule.severity[env.config.profile];
  return severity === 'off' ? [] : [{ ...f, severity }];
}

function runRule(run: () => Finding[], rule: Pick<Rule<never, unknown>, 'check'>, subject: string): Finding[] {
  try {
    return run();
  } catch (cause) {
    throw new InternalError(`validation rule ${rule.check.name} failed on ${subject}`, { cause });
  }
}
