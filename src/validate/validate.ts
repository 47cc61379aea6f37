/**
 * The validate stage: the semantic rules over resolved environments (zod already checked the shape
 * during resolve). Pure; collects every finding, never stops at the first.
 */
import type { Finding } from '../errors/diagnostic.js';
import { InternalError, sortFindings } from '../errors/diagnostic.js';
import type { ResolvedEnvironment, ResolvedFleet } from '../model/types.js';
import { environmentRules, fleetRules } from './rules/index.js';

/** Findings of every per-environment rule, each message naming the environment. */
export function validateEnvironment(env: ResolvedEnvironment): Finding[] {
  return sortFindings(checkEnvironment(env).map((f) => namingEnvironments(f, [env.name])));
}

/**
 * Findings of every environment and of the fleet-wide rules. A problem inherited from the base shows
 * the same path, position and message in several environments: it is reported once, naming them all.
 */
export function validateFleet(fleet: ResolvedFleet): Finding[] {
  const grouped = new Map<string, { finding: Finding; environments: string[] }>();
  for (const env of fleet.environments) {
    for (const f of checkEnvironment(env)) {
      const key = JSON.stringify([f.code, f.severity, f.path, f.message, f.hint ?? '', f.loc ?? null]);
      const group = grouped.get(key);
      if (group === undefined) grouped.set(key, { finding: f, environments: [env.name] });
      else group.environments.push(env.name);
    }
  }
  const fleetFindings = fleetRules.flatMap((rule) => runRule(() => rule(fleet), rule.name, 'the fleet'));
  return sortFindings([...[...grouped.values()].map((g) => namingEnvironments(g.finding, g.environments)), ...fleetFindings]);
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

function namingEnvironments(f: Finding, environments: readonly string[]): Finding {
  const names = [...environments].sort();
  return { ...f, message: `${f.message} (environment${names.length === 1 ? '' : 's'} ${names.join(', ')})` };
}
