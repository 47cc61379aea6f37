/**
 * Security-context helpers shared by the hygiene rules: a container's effective setting is its own,
 * else its pod's (Kubernetes' precedence for the fields both carry).
 */
import { arrayAt, field } from './object-fields.js';
import type { Workload, WorkloadContainer } from './workloads.js';

export function effective(workload: Workload, container: WorkloadContainer, key: string): unknown {
  const own = field(container.securityContext, key);
  return own !== undefined ? own : field(workload.podSecurityContext, key);
}

export function dropsAllCapabilities(container: WorkloadContainer): boolean {
  return arrayAt(container.securityContext, 'capabilities', 'drop').some((c) => c === 'ALL');
}

export function containerName(workload: Workload, container: WorkloadContainer): string {
  return workload.containers.length > 1 ? `Container "${container.name}" of ${workload.label}` : workload.label;
}
