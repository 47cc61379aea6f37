/**
 * The one shape of a rule, for the three places rules run: validation (src/validate/rules, before
 * rendering), the renderers' own checks (src/render/render-rules.ts, what a CRD or a workload cannot
 * express, also before anything is written) and policy (src/check/rules, over what was rendered).
 * A rule is a value: the catalogued codes it reports, how loud it is per profile, how its findings get
 * their `file:line:col`, and a pure check. Messages and hints come from the catalog (its titles, hints
 * and, for codes raised in several places, its message templates: `formatMessage`).
 */
import type { Code } from '../errors/catalog.js';
import type { Finding, Severity } from '../errors/diagnostic.js';
import type { profiles } from '../model/config.js';
import type { ResolvedEnvironment, ResolvedFleet } from '../model/types.js';
import { parseDisplayPath } from '../core/path.js';
import { locate } from './locate.js';

export type Profile = (typeof profiles)[number];

/** `off`: the rule does not run for that profile. */
export type RuleSeverity = Severity | 'off';

/** How loud a rule is in each profile; `as-found` keeps the severity each finding was given by the rule. */
export type RuleSeverities = Readonly<Record<Profile, RuleSeverity>> | 'as-found';

/**
 * Where a finding points: `provenance` when the rule located it itself through the merge's provenance
 * (`findingAt`, `violation`); `config-path` when the rule names only the config path, and the line
 * that set that path (or the closest enclosing block written in a file) is looked up afterwards.
 */
export type RuleLocate = 'provenance' | 'config-path';

export interface Rule<Context, Result = Finding> {
  /** Every code the rule can report, each catalogued. */
  readonly codes: readonly Code[];
  readonly severity: RuleSeverities;
  readonly locate: RuleLocate;
  /** Pure: returns every problem it finds, never throws. */
  readonly check: (context: Context) => Result[];
}

/** A rule over one resolved environment, run by `validateFleet` before rendering. */
export interface EnvironmentRuleDefinition extends Rule<ResolvedEnvironment> {
  readonly scope: 'environment';
}

/** A rule across the environments of a fleet (namespaces, shared cluster-scoped names). */
export interface FleetRuleDefinition extends Rule<ResolvedFleet> {
  readonly scope: 'fleet';
}

export type ValidationRule = EnvironmentRuleDefinition | FleetRuleDefinition;

/** The rule as written; the identity function, there for the types (like `defineConfig`). */
export function defineRule<const R extends Rule<never, unknown>>(rule: R): R {
  return rule;
}

/** `finding` with its position filled in as `rule.locate` says, for the environment it was found in. */
export function locateFinding(rule: Pick<Rule<never, unknown>, 'locate'>, env: ResolvedEnvironment, f: Finding): Finding {
  if (rule.locate === 'provenance' || f.loc !== undefined) return f;
  const loc = locate(env, parseDisplayPath(f.path));
  return loc === undefined ? f : { ...f, loc };
}
