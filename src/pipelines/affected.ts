/**
 * `affected --against git:REF`: the environments whose rendered output differs from what REF committed
 * in out/: the environment's objects (base plus its overlay, as Argo CD syncs them) and its Argo CD
 * Applications. What a CI matrix shards `build --check` and `diff` over.
 */
import { diffEnvironment } from '../diff/diff-environment.js';
import type { K8sObject } from '../render/k8s-object.js';
import { applicationName } from '../render/argocd.js';
import type { ResolvedEnvironment } from '../model/types.js';
import { compileProject } from './compile-project.js';
import { selectEnvironmentNames } from './environment-selection.js';

export interface AffectedOptions {
  readonly root: string;
  /** The git ref the committed out/ is read at (`main`, `origin/main`, a SHA). */
  readonly ref: string;
  /** Only consider these (`--env` terms); all when empty. */
  readonly environments?: readonly string[];
}

export interface AffectedEnvironment {
  readonly environment: string;
  /** The environment's cluster id (`kubeCluster`, else its Argo CD destination). */
  readonly cluster: string;
  /** Why: `objects` (its base or overlay output), `application` (its Argo CD Application), or both. */
  readonly reasons: readonly ('objects' | 'application')[];
}

export interface AffectedResult {
  readonly ref: string;
  readonly affected: readonly AffectedEnvironment[];
  readonly unchanged: readonly string[];
  /** Environments with output at the ref that no longer exist (nothing to build or diff for them). */
  readonly removed: readonly string[];
}

function applicationsOf(env: ResolvedEnvironment, objects: readonly K8sObject[]): K8sObject[] {
  const name = applicationName(env);
  return objects.filter((o) => o.kind === 'Application' && (o.metadata.name === name || o.metadata.name === `${name}-other-namespaces`));
}

/** Throws UserError when the fleet does not compile or the ref cannot be read (RG730). */
export async function affectedEnvironments(options: AffectedOptions): Promise<AffectedResult> {
  const requested = await selectEnvironmentNames(options.root, options.environments);
  const compiled = await compileProject({ root: options.root, environments: requested, typecheck: false, policy: false });
  const git = await import('../live/git-source.js');
  const output = await git.readGitOutput(compiled.project.root, options.ref, compiled.outDir, compiled.tree);
  const label = `git:${options.ref}`;
  const argocdAtRef = git.gitArgoCdSource(output, compiled.tree);
  const resolved = new Map(compiled.fleet.environments.map((e) => [e.name, e]));
  const affected: AffectedEnvironment[] = [];
  const unchanged: string[] = [];
  for (const rendered of compiled.render.environments) {
    const env = resolved.get(rendered.name);
    if (env === undefined) continue;
    const reasons: ('objects' | 'application')[] = [];
    const source = git.gitEnvironmentSource(output, rendered.name, compiled.tree);
    const objectsDiffer = !source.sameAsRendered && diffEnvironment({ name: rendered.name, namespace: rendered.namespace, rendered: rendered.objects, source }, { sourceLabel: label }).changes.length > 0;
    if (objectsDiffer) reasons.push('objects');
    if (!argocdAtRef.sameAsRendered) {
      const apps = applicationsOf(env, compiled.render.argocd);
      const before = applicationsOf(env, argocdAtRef.objects);
      const appDiff = diffEnvironment({ name: rendered.name, namespace: env.config.argocd.namespace, rendered: apps, source: { objects: before, deletions: 'all' } }, { sourceLabel: label });
      if (appDiff.changes.length > 0) reasons.push('application');
    }
    if (reasons.length > 0) affected.push({ environment: rendered.name, cluster: env.kubeCluster.id, reasons });
    else unchanged.push(rendered.name);
  }
  const names = new Set(compiled.render.environments.map((e) => e.name));
  const removed = requested.length > 0 ? [] : git.gitEnvironments(output).filter((n) => !names.has(n));
  return { ref: options.ref, affected, unchanged, removed };
}

/** The JSON `affected --format json` prints: a GitHub Actions matrix (`include`) and the flat list. */
export function affectedMatrix(result: AffectedResult): { include: { environment: string; cluster: string }[]; environments: string[]; removed: string[] } {
  return {
    include: result.affected.map((a) => ({ environment: a.environment, cluster: a.cluster })),
    environments: result.affected.map((a) => a.environment),
    removed: [...result.removed],
  };
}
