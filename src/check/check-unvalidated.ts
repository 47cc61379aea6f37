/**
 * `check` on a fleet that does not validate: a validation error should not hide which policy rules the
 * same change also breaks. Every environment that resolved (its configuration has the right shape) is
 * rendered and checked anyway; one that cannot be rendered or checked in that state is named as not
 * checked. Pure, like checkFleet.
 */
import type { Finding } from '../errors/diagnostic.js';
import type { ResolvedEnvironment, ResolvedFleet } from '../model/types.js';
import { renderFleet } from '../render/render-fleet.js';
import { checkFleet } from './check-fleet.js';

export interface UnvalidatedCheck {
  readonly findings: Finding[];
  /** The environments whose policy was checked, sorted. */
  readonly checked: string[];
}

/** `outDir` as the render needs it; `environments` narrows what is reported, as in checkFleet. */
export function checkUnvalidatedFleet(fleet: ResolvedFleet, options: { readonly outDir: string; readonly environments?: readonly string[] }): UnvalidatedCheck {
  const wanted = options.environments !== undefined && options.environments.length > 0 ? new Set(options.environments) : undefined;
  const reported = (envs: readonly ResolvedEnvironment[]) => envs.map((e) => e.name).filter((n) => wanted === undefined || wanted.has(n)).sort();
  const whole = attempt(fleet.environments, options);
  if (whole !== undefined) return { findings: whole, checked: reported(fleet.environments) };
  // Something in the invalid configuration stops rendering or a rule: each environment on its own.
  const findings: Finding[] = [];
  const checked: ResolvedEnvironment[] = [];
  for (const env of fleet.environments) {
    const alone = attempt([env], options);
    if (alone === undefined) continue;
    findings.push(...alone);
    checked.push(env);
  }
  return { findings, checked: reported(checked) };
}

function attempt(environments: readonly ResolvedEnvironment[], options: { readonly outDir: string; readonly environments?: readonly string[] }): Finding[] | undefined {
  try {
    const fleet: ResolvedFleet = { environments };
    return checkFleet(fleet, renderFleet(fleet, { outDir: options.outDir }), options.environments === undefined ? {} : { environments: options.environments });
  } catch {
    // The values that failed validation are what the renderer or a rule cannot take: not checked.
    return undefined;
  }
}
