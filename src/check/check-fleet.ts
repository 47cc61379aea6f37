/**
 * The check stage: every policy rule over every environment, at the severity its profile gives,
 * with the environment's suppressions applied. Pure: it reads the resolved fleet and what was
 * rendered for it. `build` runs it too and refuses to write when it returns an error.
 */
import { finding } from '../errors/catalog.js';
import type { Finding } from '../errors/diagnostic.js';
import { InternalError, sortFindings } from '../errors/diagnostic.js';
import type { ResolvedEnvironment, ResolvedFleet } from '../model/types.js';
import type { K8sObject } from '../render/k8s-object.js';
import { formatPath } from '../core/path.js';
import type { CheckRule, Profile, RuleSeverity, Violation } from './rule.js';
import { checkRules } from './rules/index.js';
import { findUnknownSuppressions, suppressionsOf, unknownSuppressionRule } from './suppressions.js';

/** What the render stage produced, as far as the checks need it (a `FleetRender` fits). */
export interface CheckedRender {
  readonly environments: readonly { readonly name: string; readonly objects: readonly K8sObject[] }[];
}

export interface CheckOptions {
  /** Report only these environments (all when empty or absent); the others still serve as comparisons. */
  readonly environments?: readonly string[];
  /** @default every rule */
  readonly rules?: readonly CheckRule[];
}

/** A finding before it is named after its environments; `reason` when it was suppressed. */
interface Evaluated {
  readonly finding: Finding;
  readonly reason?: string;
}

export function checkFleet(fleet: ResolvedFleet, render: CheckedRender, options: CheckOptions = {}): Finding[] {
  const wanted = options.environments !== undefined && options.environments.length > 0 ? new Set(options.environments) : undefined;
  const grouped = new Map<string, { evaluated: Evaluated; environments: string[] }>();
  for (const env of fleet.environments) {
    if (wanted !== undefined && !wanted.has(env.name)) continue;
    for (const evaluated of evaluate(env, objectsOf(env, render), fleet, options.rules ?? checkRules)) {
      const f = evaluated.finding;
      // A problem inherited from the base reads the same in every environment: report it once.
      const key = JSON.stringify([f.code, f.severity, f.path, f.message, f.hint ?? '', f.loc ?? null, f.related ?? null, evaluated.reason ?? null]);
      const group = grouped.get(key);
      if (group === undefined) grouped.set(key, { evaluated, environments: [env.name] });
      else group.environments.push(env.name);
    }
  }
  return sortFindings([...grouped.values()].map((g) => present(g.evaluated, g.environments)));
}

/** One environment's findings, named after it. */
export function checkEnvironment(env: ResolvedEnvironment, objects: readonly K8sObject[], fleet: ResolvedFleet, rules: readonly CheckRule[] = checkRules): Finding[] {
  return sortFindings(evaluate(env, objects, fleet, rules).map((e) => present(e, [env.name])));
}

/** The severity `rule` has in `profile`. */
export function severityFor(rule: Pick<CheckRule, 'severity'>, profile: Profile): RuleSeverity {
  return rule.severity[profile];
}

function objectsOf(env: ResolvedEnvironment, render: CheckedRender): readonly K8sObject[] {
  const rendered = render.environments.find((e) => e.name === env.name);
  if (rendered === undefined) throw new InternalError(`environment ${env.name} was checked but not rendered`);
  return rendered.objects;
}

function evaluate(env: ResolvedEnvironment, objects: readonly K8sObject[], fleet: ResolvedFleet, rules: readonly CheckRule[]): Evaluated[] {
  const suppress = suppressionsOf(env);
  const out: Evaluated[] = [];
  for (const rule of rules) {
    const severity = severityFor(rule, env.config.profile);
    if (severity === 'off') continue;
    let violations: Violation[];
    try {
      violations = rule.check({ env, objects, fleet });
    } catch (cause) {
      throw new InternalError(`check rule ${rule.code} failed on environment ${env.name}`, { cause });
    }
    const reason = suppress[rule.code];
    for (const v of violations) {
      out.push({
        finding: finding(rule.code, {
          severity: reason === undefined ? severity : 'info',
          path: formatPath(v.path),
          message: v.message,
          ...(v.hint === undefined ? {} : { hint: v.hint }),
          ...(v.loc === undefined ? {} : { loc: v.loc }),
          ...(v.related === undefined ? {} : { related: v.related }),
        }),
        ...(reason === undefined ? {} : { reason }),
      });
    }
  }
  const known = new Set<string>(rules.map((r) => r.code));
  for (const f of findUnknownSuppressions(env, known)) {
    if (severityFor(unknownSuppressionRule, env.config.profile) !== 'off') out.push({ finding: f });
  }
  return out;
}

function present(evaluated: Evaluated, environments: readonly string[]): Finding {
  const names = [...environments].sort();
  const suffix = evaluated.reason === undefined ? '' : ` (suppressed: ${evaluated.reason})`;
  const f = evaluated.finding;
  return { ...f, message: `${f.message} (environment${names.length === 1 ? '' : 's'} ${names.join(', ')})${suffix}` };
}
