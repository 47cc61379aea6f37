/**
 * What `diff` compares, per source: for each environment (and, against git, for Argo CD and for
 * environments removed since the ref) the rendered objects and how to read the source's. Reading is
 * deferred so that one environment's failure fails that environment only.
 */
import path from 'node:path';
import { liveEnvironmentSource, planLiveReads, type EnvironmentSource, type SourceSpec } from '../live/source.js';
import type { K8sObject } from '../render/k8s-object.js';
import type { CompiledFleet } from './compile-project.js';
import { finding } from '../errors/catalog.js';
import { UserError } from '../errors/diagnostic.js';

/** How the sources reach a cluster or a dump: the caller's directory, environment and kubeconfig choice. */
export interface SourceOptions {
  /** Relative dump and kubeconfig paths are resolved against it. */
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  /** kubeconfig context (live only). */
  readonly context?: string;
  /** kubeconfig file (live only). */
  readonly kubeconfig?: string;
}

/** One comparison to make: rendered objects of an environment (or of Argo CD) and how to get the source's. */
export interface Comparison {
  readonly name: string;
  readonly namespace: string;
  readonly rendered: readonly K8sObject[];
  readonly source: () => Promise<EnvironmentSource>;
}

export async function planComparisons(compiled: CompiledFleet, spec: SourceSpec, requested: readonly string[], options: SourceOptions): Promise<Comparison[]> {
  if (spec.type === 'git') return gitComparisons(compiled, spec.ref, requested);
  if (spec.type === 'file') return fileComparisons(compiled, spec.path, options);
  return liveComparisons(compiled, options);
}

async function gitComparisons(compiled: CompiledFleet, ref: string, requested: readonly string[]): Promise<Comparison[]> {
  const rendered = compiled.render.environments;
  const names = new Set(rendered.map((e) => e.name));
  const argoNamespace = compiled.render.argocd[0]?.metadata.namespace ?? 'argocd';
  const git = await import('../live/git-source.js');
  const output = await git.readGitOutput(compiled.project.root, ref, compiled.outDir, compiled.tree);
  // Environments removed since the ref (only when all are compared; --env names existing files): all of
  // their objects are deletions.
  const removed = requested.length > 0 ? [] : git.gitEnvironments(output).filter((n) => !names.has(n));
  const comparisons: Comparison[] = [
    ...rendered.map((e) => ({ name: e.name, namespace: e.namespace, rendered: e.objects, source: async () => git.gitEnvironmentSource(output, e.name, compiled.tree) })),
    ...removed.map((n) => {
      const source = git.gitEnvironmentSource(output, n);
      const namespace = source.objects.find((o) => o.kind === 'Namespace')?.metadata.name ?? source.objects[0]?.metadata.namespace ?? '';
      return { name: n, namespace, rendered: [], source: async () => source };
    }),
  ];
  if (requested.length === 0 && !names.has('argocd')) {
    comparisons.push({ name: 'argocd', namespace: argoNamespace, rendered: compiled.render.argocd, source: async () => git.gitArgoCdSource(output, compiled.tree) });
  }
  return comparisons;
}

async function fileComparisons(compiled: CompiledFleet, dump: string, options: SourceOptions): Promise<Comparison[]> {
  const file = await import('../live/file-source.js');
  const objects = await file.readDump(path.resolve(options.cwd, dump));
  return compiled.render.environments.map((e) => ({
    name: e.name,
    namespace: e.namespace,
    rendered: e.objects,
    source: async () => file.dumpEnvironmentSource(objects, file.scopeOf(e.namespace, e.objects)),
  }));
}

async function liveComparisons(compiled: CompiledFleet, options: SourceOptions): Promise<Comparison[]> {
  const { readLiveObjects } = await import('../live/cluster/read-live-objects.js');
  const { chooseEnvironmentContext } = await import('../live/cluster/choose-context.js');
  // Each environment is read from its own cluster: one --context cannot be right for several.
  if (options.context !== undefined && compiled.render.environments.length !== 1) {
    const names = compiled.render.environments.map((e) => e.name).join(', ');
    throw new UserError([finding('RG637', { path: '--context', message: `--context ${options.context} was given with ${compiled.render.environments.length} environments selected (${names}); it applies to exactly one.` })]);
  }
  const kubeconfigPath = options.kubeconfig === undefined ? undefined : path.resolve(options.cwd, options.kubeconfig);
  const kubeconfig = { env: options.env, ...(kubeconfigPath === undefined ? {} : { kubeconfigPath }) };
  const clusters = new Map(compiled.fleet.environments.map((e) => [e.name, e.kubeCluster]));
  return compiled.render.environments.map((e) => ({
    name: e.name,
    namespace: e.namespace,
    rendered: e.objects,
    source: async () => {
      const cluster = clusters.get(e.name);
      if (cluster === undefined) throw new Error(`liveComparisons: environment ${e.name} was rendered but not resolved`);
      const choice = await chooseEnvironmentContext(e.name, cluster, options.context, kubeconfig);
      const reads = planLiveReads(e.namespace, e.objects);
      const snapshots = await Promise.all(
        reads.map(async (read) => ({
          read,
          snapshot: await readLiveObjects({ namespace: read.namespace, kinds: read.kinds, clusterScoped: read.clusterScoped, ...kubeconfig, context: choice.context }),
        })),
      );
      const source = liveEnvironmentSource(snapshots);
      const used = finding('RG767', {
        severity: 'info',
        path: `context ${choice.context}`,
        message: `${e.name} was read from context "${choice.context}" (${choice.server ?? 'no server'}; ${choice.how}).`,
      });
      return { ...source, problems: [used, ...source.problems] };
    },
  }));
}
