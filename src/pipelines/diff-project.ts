/**
 * `diff`: compile the fleet (without the production policy: a reviewer still needs to see a change that
 * breaks it; build --check and check are the gates), read the source — a git ref's committed out/, a
 * live cluster or a dump — and compare each environment, object by object, into a report.
 */
import { selectEnvironmentNames } from './environment-selection.js';
import { failedEnvironment, reportEnvironment } from '../diff/environment-report.js';
import { diffEnvironment } from '../diff/diff-environment.js';
import type { DiffReport, EnvironmentReport } from '../diff/types.js';
import type { Finding } from '../errors/diagnostic.js';
import { UserError } from '../errors/diagnostic.js';
import type { EnvironmentSource, SourceSpec } from '../live/source.js';
import { compileProject } from './compile-project.js';
import { planComparisons, type SourceOptions } from './diff-comparisons.js';

export type { SourceOptions } from './diff-comparisons.js';

export interface DiffOptions extends SourceOptions {
  readonly root: string;
  /** Only these environments (all when empty). */
  readonly environments?: readonly string[];
  /** What to compare with, parsed (`parseSourceSpec`). */
  readonly source: SourceSpec;
  /** How the source is named in the report, as the user wrote it (`git:main`). */
  readonly against: string;
  /** @default false: the diff skips the type-check for speed */
  readonly typecheck?: boolean;
  /** The compile's warnings and infos, as soon as the fleet compiles (before any source is read). */
  readonly onFindings?: (findings: readonly Finding[]) => void;
}

/** Throws UserError when the fleet does not compile or a source cannot be read at all. */
export async function diffProject(options: DiffOptions): Promise<DiffReport> {
  const requested = await selectEnvironmentNames(options.root, options.environments);
  const compiled = await compileProject({ root: options.root, environments: requested, typecheck: options.typecheck ?? false, policy: false });
  options.onFindings?.(compiled.findings);
  const comparisons = await planComparisons(compiled, options.source, requested, options);
  const resolved = new Map(compiled.fleet.environments.map((e) => [e.name, e]));
  const environments: EnvironmentReport[] = [];
  const liveFailures: UserError[] = [];
  for (const c of comparisons) {
    let source: EnvironmentSource;
    try {
      source = await c.source();
    } catch (error) {
      // A source that cannot be evaluated for one environment (a hand-edited kustomization at the ref,
      // a cluster that cannot be reached) fails that environment only: the others are still reported.
      if (!(error instanceof UserError)) throw error;
      if (options.source.type === 'live') liveFailures.push(error);
      environments.push(failedEnvironment(c.name, c.namespace, error.findings));
      continue;
    }
    const diff = source.sameAsRendered
      ? { name: c.name, namespace: c.namespace, changes: [], unchanged: c.rendered.length, ignored: [] }
      : diffEnvironment({ name: c.name, namespace: c.namespace, rendered: c.rendered, source }, { sourceLabel: options.against });
    environments.push(reportEnvironment(diff, resolved.get(c.name), source.problems));
  }
  // When no environment's cluster could be read there is no report to show, only the failure (as before
  // clusters were per environment).
  if (liveFailures.length > 0 && liveFailures.length === comparisons.length) throw new UserError(liveFailures.flatMap((f) => f.findings).filter((f, i, all) => all.findIndex((g) => g.message === f.message) === i));
  return { against: options.against, environments, problems: [] };
}
