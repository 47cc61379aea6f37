import { z } from 'zod';
import { defaults } from './defaults.js';
import { dnsLabel, promDuration, stringMap } from './primitives.js';

/** Prometheus Operator objects and a Grafana dashboard, all on rivvend's real `/metrics` (port 9094). */
export const monitoringSchema = z.strictObject({
  /** @default true once the block is present */
  enabled: z.boolean().default(true),
  /** Render a ServiceMonitor. @default true */
  serviceMonitor: z.boolean().default(true),
  /** Render a PodMonitor (scrapes every broker pod directly). @default false */
  podMonitor: z.boolean().default(false),
  /** @default '30s' */
  interval: promDuration.default(defaults.monitoring.interval),
  /** Labels your Prometheus selects monitors and rules by, e.g. `{ release: 'kube-prometheus-stack' }`. */
  labels: stringMap.optional(),
  /** Namespace Prometheus runs in (allowed to scrape by the NetworkPolicy). @default 'monitoring' */
  namespace: dnsLabel.default(defaults.monitoring.namespace),
  alerts: z
    .strictObject({
      /** @default true */
      enabled: z.boolean().default(true),
      /** How long a broker may be down before alerting. @default '1m' */
      brokerDownFor: promDuration.default('1m'),
      /** How long the cluster may lack a Raft leader before alerting. @default '2m' */
      noLeaderFor: promDuration.default('2m'),
      /** CDC lag (ms) above which connect pipelines alert. @default 60000 */
      cdcLagMsThreshold: z.number().int().min(1).default(60_000),
      /** Extra labels on every alert, e.g. `{ team: 'platform' }`. */
      labels: stringMap.optional(),
    })
    .prefault({}),
  grafanaDashboard: z
    .strictObject({
      /** @default true */
      enabled: z.boolean().default(true),
      /** Sidecar label key. @default 'grafana_dashboard' */
      label: z.string().min(1).default(defaults.monitoring.grafanaLabel),
      /** @default '1' */
      labelValue: z.string().default(defaults.monitoring.grafanaLabelValue),
      /** Folder annotation for the Grafana sidecar. */
      folder: z.string().optional(),
    })
    .prefault({}),
});
