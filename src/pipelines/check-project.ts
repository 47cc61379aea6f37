/**
 * `check`: the production-checklist policy of every environment. It compiles the fleet without the
 * policy, then holds each environment to its profile. A fleet that does not validate is still checked
 * where it resolves, so one run shows every rule a change breaks.
 */
import { selectEnvironmentNames } from './environment-selection.js';
import { checkFleet } from '../check/check-fleet.js';
import { checkUnvalidatedFleet } from '../check/check-unvalidated.js';
import type { Finding } from '../errors/diagnostic.js';
import { UserError, hasErrors } from '../errors/diagnostic.js';
import { loadProject } from '../load/load-project.js';
import { defaults } from '../model/defaults.js';
import { resolveFleet } from '../resolve/resolve-environment.js';
import { compileProject } from './compile-project.js';

export interface CheckOptions {
  readonly root: string;
  /** Report only these environments (all when empty); the whole fleet is compiled either way. */
  readonly environments?: readonly string[];
  /** @default true */
  readonly typecheck?: boolean;
  /** A directory of CRD YAML inside the project instead of the shipped schema packs. */
  readonly crdSchemas?: string;
}

export interface CheckCoverage {
  readonly checked: readonly string[];
  readonly unchecked: readonly string[];
}

export type CheckResult =
  | {
      readonly kind: 'checked';
      readonly findings: readonly Finding[];
      /** No error finding and, when the fleet did not validate, no verdict. */
      readonly ok: boolean;
      /** The environments the findings are about. */
      readonly environments: readonly string[];
      /** Why the check failed beyond its findings (the fleet did not validate). */
      readonly verdict?: string;
      /** Set when the fleet did not validate: which environments were still checked. */
      readonly coverage?: CheckCoverage;
    }
  | {
      /** `environments` names environments the fleet lacks: nothing was checked. */
      readonly kind: 'unknown-environments';
      readonly unknown: readonly string[];
      readonly known: readonly string[];
    };

export async function checkProject(options: CheckOptions): Promise<CheckResult> {
  const typecheck = options.typecheck ?? true;
  const wanted = await selectEnvironmentNames(options.root, options.environments);
  let compiled;
  try {
    compiled = await compileProject({ root: options.root, typecheck, policy: false, ...(options.crdSchemas === undefined ? {} : { crdSchemas: options.crdSchemas }) });
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    const partial = await checkDespiteErrors(options.root, typecheck, wanted);
    if (partial === undefined) {
      const verdict = 'stopped after validation: the fleet does not load, so no policy rule was checked';
      return { kind: 'checked', findings: error.findings, ok: false, environments: [], verdict, coverage: { checked: [], unchecked: [] } };
    }
    const findings = [...error.findings, ...partial.findings];
    return { kind: 'checked', findings, ok: false, environments: partial.checked, verdict: partial.verdict, coverage: { checked: partial.checked, unchecked: partial.unchecked } };
  }
  const known = compiled.fleet.environments.map((e) => e.name);
  const unknown = wanted.filter((name) => !known.includes(name));
  if (unknown.length > 0) return { kind: 'unknown-environments', unknown, known };
  const findings = checkFleet(compiled.fleet, compiled.render, { environments: wanted });
  const environments = wanted.length > 0 ? known.filter((n) => wanted.includes(n)) : known;
  return { kind: 'checked', findings, ok: !hasErrors(findings), environments };
}

/**
 * The policy of the environments that resolve, for a fleet that does not validate. Undefined when the
 * fleet does not even load.
 */
async function checkDespiteErrors(
  root: string,
  typecheck: boolean,
  wanted: readonly string[],
): Promise<{ findings: Finding[]; checked: string[]; unchecked: string[]; verdict: string } | undefined> {
  let project;
  try {
    ({ project } = await loadProject({ root, typecheck }));
  } catch (error) {
    if (error instanceof UserError) return undefined;
    throw error;
  }
  const { fleet } = resolveFleet(project);
  const outDir = fleet.environments[0]?.config.output.dir ?? defaults.output.dir;
  const { findings, checked } = checkUnvalidatedFleet(fleet, { outDir, environments: wanted });
  const all = project.environments.map((e) => e.name).filter((n) => wanted.length === 0 || wanted.includes(n));
  const unchecked = all.filter((n) => !checked.includes(n));
  const verdict =
    checked.length === 0
      ? `stopped after validation: ${unchecked.length === 1 ? `${unchecked[0]} does` : 'no environment does'} not resolve, so no policy rule was checked`
      : unchecked.length === 0
        ? `the fleet does not validate; the policy rules were checked anyway (${checked.join(', ')})`
        : `the fleet does not validate; the policy rules were checked for ${checked.join(', ')} only, not for ${unchecked.join(', ')}`;
  return { findings, checked, unchecked, verdict };
}
