/**
 * `doctor` (`preflight`): compile the fleet, list each selected environment's prerequisites from its
 * rendered objects and check them against the live cluster, read-only. Secrets are listed by name
 * (metadata only), never read.
 */
import path from 'node:path';
import { chooseEnvironmentContext } from '../live/cluster/choose-context.js';
import { RequestFailure } from '../live/cluster/cluster-client.js';
import { finding } from '../errors/catalog.js';
import { UserError } from '../errors/diagnostic.js';
import { checkPrerequisites } from '../live/preflight/check-prerequisites.js';
import { connectCluster, type ClusterChoice } from '../live/cluster/connect-cluster.js';
import type { DoctorEnvironment, DoctorReport } from '../live/preflight/doctor-report.js';
import { readInventory } from '../live/preflight/read-inventory.js';
import { locatePrerequisites } from '../render/prerequisite-sources.js';
import { listPrerequisites } from '../render/prerequisites.js';
import type { Finding } from '../errors/diagnostic.js';
import { compileProject } from './compile-project.js';

export type { DoctorReport, DoctorEnvironment } from '../live/preflight/doctor-report.js';

export interface DoctorOptions extends ClusterChoice {
  readonly root: string;
  /** Only these environments (all when empty). */
  readonly environments?: readonly string[];
  /** The compile's warnings and infos, once the fleet compiles. */
  readonly onFindings?: (findings: readonly Finding[]) => void;
}

/** Throws UserError when the fleet does not compile or the cluster cannot be read at all. */
export async function doctorProject(options: DoctorOptions): Promise<DoctorReport> {
  const compiled = await compileProject({ root: options.root, environments: options.environments ?? [], typecheck: false, policy: false });
  options.onFindings?.(compiled.findings);
  // Each environment is checked against its own cluster: one --context cannot be right for several.
  if (options.context !== undefined && compiled.render.environments.length !== 1) {
    const names = compiled.render.environments.map((e) => e.name).join(', ');
    throw new UserError([finding('RG637', { path: '--context', message: `--context ${options.context} was given with ${compiled.render.environments.length} environments selected (${names}); it applies to exactly one.` })]);
  }
  const kubeconfig = { env: options.env ?? process.env, ...(options.kubeconfigPath === undefined ? {} : { kubeconfigPath: path.resolve(options.kubeconfigPath) }) };
  const resolved = new Map(compiled.fleet.environments.map((e) => [e.name, e]));
  // Group the environments by the context chosen for each, so every cluster is opened and read once per group.
  const groups = new Map<string, typeof compiled.render.environments[number][]>();
  for (const env of compiled.render.environments) {
    const declared = resolved.get(env.name);
    if (declared === undefined) throw new Error(`doctorProject: environment ${env.name} was rendered but not resolved`);
    const choice = await chooseEnvironmentContext(env.name, declared.kubeCluster, options.context, kubeconfig);
    groups.set(choice.context, [...(groups.get(choice.context) ?? []), env]);
  }
  const results = new Map<string, DoctorEnvironment>();
  let first: { server: string; context: string } | undefined;
  for (const [context, members] of groups) {
    const cluster = await connectCluster({ ...options, context });
    first ??= { server: cluster.server, context: cluster.contextName };
    try {
      for (const env of members) {
        const config = resolved.get(env.name);
        if (config === undefined) throw new Error(`doctorProject: environment ${env.name} was rendered but not resolved`);
        // Each prerequisite carries the config line that creates it, for the findings to point at.
        const prerequisites = locatePrerequisites(config, listPrerequisites(env.objects));
        const inventory = await readInventory(cluster.client, prerequisites);
        results.set(env.name, { name: env.name, namespace: env.namespace, prerequisites, findings: checkPrerequisites(prerequisites, inventory), server: cluster.server, context: cluster.contextName });
      }
    } catch (failure) {
      if (failure instanceof RequestFailure) throw cluster.fail(failure);
      throw failure;
    }
  }
  // Report in the fleet's environment order, whatever the grouping.
  const environments = compiled.render.environments.flatMap((e) => results.get(e.name) ?? []);
  return { server: first?.server ?? '', context: first?.context ?? '', environments };
}
