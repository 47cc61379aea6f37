/**
 * What a policy rule is: the one rule shape (validate/define-rule.ts) over one environment's resolved
 * config and rendered objects, plus the fleet for comparisons, with one code, a rationale and a severity
 * per profile.
 * A rule says what is wrong and where; `checkFleet` decides how loud that is for the environment's
 * profile and applies suppressions, so rules never look at profiles themselves.
 */
import type { RelatedLocation, SourceLocation } from '../errors/diagnostic.js';
import { checkCodes, type CheckCode } from '../errors/codes/check.js';
import type { Profile, Rule, RuleSeverity } from '../validate/define-rule.js';
import type { ResolvedEnvironment, ResolvedFleet } from '../model/types.js';
import type { K8sObject } from '../render/k8s-object.js';
import { pathKey, type PathSegment } from '../core/path.js';

export type { Profile, RuleSeverity } from '../validate/define-rule.js';

export interface CheckContext {
  readonly env: ResolvedEnvironment;
  /** Everything rendered for the environment. */
  readonly objects: readonly K8sObject[];
  readonly fleet: ResolvedFleet;
}

/** One problem a rule found: the config path at fault, what and why, how to fix it, and where. */
export interface Violation {
  readonly path: readonly PathSegment[];
  readonly message: string;
  readonly hint?: string;
  readonly loc?: SourceLocation;
  /** The other values the violation compares with (staging's, for production against staging). */
  readonly related?: readonly RelatedLocation[];
}

export interface CheckRule extends Rule<CheckContext, Violation> {
  readonly code: CheckCode;
  readonly codes: readonly [CheckCode];
  readonly title: string;
  /** Why the rule exists: shown by `rivven-gitops rules`. */
  readonly rationale: string;
  readonly severity: Readonly<Record<Profile, RuleSeverity>>;
  /** Violations locate themselves through provenance (`violation`). */
  readonly locate: 'provenance';
}

/** A rule with its title taken from the catalog, so the two can never disagree. */
export function defineRule(rule: Omit<CheckRule, 'title' | 'codes' | 'locate'>): CheckRule {
  return { ...rule, codes: [rule.code], locate: 'provenance', title: checkCodes[rule.code].title };
}

/**
 * A violation at `path`. Its position is the line that set the value or, when the value is absent
 * (no TLS block at all), the nearest enclosing block a file wrote; failing that, the `fallbacks` in
 * order and finally the environment's `profile`, which is what asked for the rule in the first place.
 */
export function violation(
  env: ResolvedEnvironment,
  path: readonly PathSegment[],
  input: { readonly message: string; readonly hint?: string; readonly related?: readonly RelatedLocation[] },
  fallbacks: readonly (readonly PathSegment[])[] = [],
): Violation {
  let loc: SourceLocation | undefined;
  for (const candidate of [path, ...fallbacks, ['profile']]) {
    loc = locateNearest(env, candidate);
    if (loc !== undefined) break;
  }
  return {
    path,
    message: input.message,
    ...(input.hint === undefined ? {} : { hint: input.hint }),
    ...(loc === undefined ? {} : { loc }),
    ...(input.related === undefined ? {} : { related: input.related }),
  };
}

/**
 * Like `locate`, but a block an environment removed with `null` (and a default filled again) points
 * at that `null`: it is the line that turned the setting off.
 */
export function locateNearest(env: ResolvedEnvironment, path: readonly PathSegment[]): SourceLocation | undefined {
  for (let length = path.length; length > 0; length--) {
    const entry = env.provenance.get(pathKey(path.slice(0, length)));
    if (entry === undefined) continue;
    if (entry.origin.loc !== undefined) return entry.origin.loc;
    const removal = entry.overridden[0];
    if (entry.origin.layer === 'default' && removal?.layer === 'environment' && removal.loc !== undefined) return removal.loc;
  }
  return undefined;
}

/** Sorted entries of a record, so violations come out in a stable order. */
export function sortedEntries<T>(record: Readonly<Record<string, T>> | undefined): [string, T][] {
  if (record === undefined) return [];
  return Object.keys(record)
    .sort()
    .flatMap((key): [string, T][] => {
      const value = record[key];
      return value === undefined ? [] : [[key, value]];
    });
}

export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}
