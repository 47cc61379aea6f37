import type { CodeInfo } from '../code-info.js';

/** RG53x–RG54x (RG530–RG549): monitoring, network, ingress, backup, Argo CD, runbook. */
export const renderPlatformCodes = {
  RG530: {
    title: 'NetworkPolicy closes egress that a workload needs',
    hint: 'Set networkPolicy.allowEgress: true, or add your own NetworkPolicy allowing egress to the databases, object stores or backup destination.',
  },
  // RG531 (broker HTTP API exposed without authentication) is a policy rule now: codes/check.ts.
  RG532: {
    title: 'Ingress route without a backend',
    hint: 'ingress.schemaRegistry needs an enabled schemaRegistry, and ingress needs at least one of schemaRegistry or brokerApi.',
  },
  RG533: {
    title: 'Alert rules not rendered',
    hint: 'The alerts select on labels only rivven-gitops monitors add: enable monitoring.serviceMonitor or monitoring.podMonitor, or set monitoring.alerts.enabled: false.',
  },
  RG550: {
    title: 'Cluster-scoped object rendered twice on one cluster',
    hint: 'Send one environment to another cluster (kubeCluster), or give it what makes the name its own (for the operator: its own namespace).',
  },
} satisfies Record<string, CodeInfo>;
