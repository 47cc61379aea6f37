/**
 * The validate stage: the semantic rules over resolved environments (zod already checked the shape
 * during resolve). Pure; collects every finding, never stops at the first.
 */
import type { Finding } from '../errors/diagnostic.js';
import { InternalError, sortFindings } from '../errors/diagnostic.js';
import type { ResolvedEnvironment, ResolvedFleet } from '../model/types.js';
import { environmentRules, fleetRules } from './rules/index.js';
import { namingEnvironments, reportOncePerFleet } from '../resolve/name-environments.js';

/** Findings of every per-environment rule, each message naming the environment. */
export function validateEnvironment(env: ResolvedEnvironment): Finding[] {
  return sortFindings(checkEnvironment(env).map((f) => namingEnvironments(f, [env.name])));
}

/**
 * Findings of every environment and of the fleet-wide rules. A problem inherited from the base shows
 * the same path, position and message in several environments: it is reported once, naming them all.
 */
export function validateFleet(fleet: ResolvedFleet): Finding[] {
  const perEnvironment = fleet.environments.map((env) => [env.name, checkEnvironment(env)] as const);
  const fleetFindings = fleetRules.flatMap((rule) => runRule(() => rule(fleet), rule.name, 'the fleet'));
  return sortFindings([...reportOncePerFleet(perEnvironment), ...fleetFindings]);
}

function checkEnvironment(env: ResolvedEnvironment): Finding[] {
  return environmentRules.flatMap((rule) => runRule(() => rule(env), rule.name, `environment ${env.name}`));
}

function runRule(run: () => Finding[], name: string, subject: string): Finding[] {
  try {
    return run();
  } catch (cause) {
    throw new InternalError(`validation rule ${name} failed on ${subject}`, { cause });
  }
}
