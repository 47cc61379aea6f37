/**
 * `doctor` (`preflight`): compile the fleet, list each selected environment's prerequisites from its
 * rendered objects and check them against the live cluster, read-only. Secrets are listed by name
 * (metadata only), never read.
 */
import { RequestFailure } from '../live/cluster/cluster-client.js';
import { checkPrerequisites } from '../live/preflight/check-prerequisites.js';
import { connectCluster, type ClusterChoice } from '../live/preflight/connect-cluster.js';
import type { DoctorEnvironment, DoctorReport } from '../live/preflight/doctor-report.js';
import { readInventory } from '../live/preflight/read-inventory.js';
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
  const cluster = await connectCluster(options);
  const environments: DoctorEnvironment[] = [];
  try {
    for (const env of compiled.render.environments) {
      const prerequisites = listPrerequisites(env.objects);
      const inventory = await readInventory(cluster.client, prerequisites);
      environments.push({ name: env.name, namespace: env.namespace, prerequisites, findings: checkPrerequisites(prerequisites, inventory) });
    }
  } catch (failure) {
    if (failure instanceof RequestFailure) throw cluster.fail(failure);
    throw failure;
  }
  return { server: cluster.server, context: cluster.contextName, environments };
}
