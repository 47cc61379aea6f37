/**
 * Turns the `--env` values of any command into environment names (see resolve/match-environments.ts
 * for the syntax). Names and globs are matched against the environment files found; cluster, region and
 * label selectors need each environment's resolved cluster, so the fleet is loaded and resolved first.
 */
import { UserError } from '../errors/diagnostic.js';
import { findProjectFiles } from '../load/find-files.js';
import { loadProject } from '../load/load-project.js';
import { resolveFleet } from '../resolve/resolve-environment.js';
import { matchEnvironments, needsClusters, onlyNames, parseEnvironmentSelection } from '../resolve/match-environments.js';

/** The selected names; `[]` (every environment) when no value was given. Throws UserError (RG110, RG635, RG636). */
export async function selectEnvironmentNames(root: string, values: readonly string[] | undefined): Promise<string[]> {
  const terms = parseEnvironmentSelection(values ?? []);
  if (terms.length === 0) return [];
  // Plain names are checked where they always were (RG110 from load), so their messages do not change.
  if (onlyNames(terms)) return [...new Set(terms.map((t) => t.text))];
  if (!needsClusters(terms)) {
    const files = await findProjectFiles(root);
    return matchEnvironments(terms, files.environments);
  }
  const { project } = await loadProject({ root, typecheck: false });
  const resolved = resolveFleet(project);
  if (resolved.fleet.environments.length < project.environments.length && resolved.findings.some((f) => f.severity === 'error')) {
    throw new UserError(resolved.findings);
  }
  return matchEnvironments(terms, resolved.fleet.environments);
}
