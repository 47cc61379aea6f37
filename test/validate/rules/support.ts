/**
 * Rule tests resolve a real base + environment (so findings carry the positions of the merge), starting
 * from a base that every rule accepts. Each test then changes one thing in the environment layer.
 */
import type { Finding } from '../../../src/errors/diagnostic.js';
import type { ResolvedEnvironment } from '../../../src/model/types.js';
import type { PathSegment } from '../../../src/core/path.js';
import { resolveEnvironment } from '../../../src/resolve/resolve-environment.js';
import type { EnvironmentRule } from '../../../src/validate/rules/rule.js';
import { loadedProject, positionIn } from '../../resolve/support/loaded.js';

export const cleanBase = {
  cluster: { replicas: 3, auth: { mechanism: 'scram', scram: { existingSecret: 'rivven-users' } } },
  argocd: { repoURL: 'https://git.example.com/fleet.git' },
};

export interface Resolved {
  readonly env: ResolvedEnvironment;
  /** Position of `path` in the environment file (where the overlay wrote it). */
  readonly envPos: (...path: PathSegment[]) => ReturnType<typeof positionIn>;
  /** Position of `path` in the base file. */
  readonly basePos: (...path: PathSegment[]) => ReturnType<typeof positionIn>;
}

export function resolve(overlay: unknown, base: unknown = cleanBase, name = 'dev'): Resolved {
  const project = loadedProject(base, { [name]: overlay });
  const { environment, findings } = resolveEnvironment(project, name);
  if (environment === undefined) throw new Error(`did not resolve: ${findings.map((f) => `${f.code} ${f.path}: ${f.message}`).join('; ')}`);
  const file = project.environments[0];
  if (file === undefined) throw new Error('no environment file');
  return { env: environment, envPos: (...path) => positionIn(file, path), basePos: (...path) => positionIn(project.base, path) };
}

/** Runs one rule on base ← overlay. */
export function check(rule: EnvironmentRule, overlay: unknown, base?: unknown): Finding[] {
  return rule(resolve(overlay, base).env);
}

/** The parts of findings a user acts on first. */
export function summary(findings: readonly Finding[]): [string, string, string][] {
  return findings.map((f) => [f.code, f.severity, f.path]);
}
