/**
 * Alert rules on metrics Rivven really exports (RUNTIME.md): rivvend's `rivven_raft_*`, rivven-connect's
 * `rivven_cdc_lag_milliseconds` and `rivven_connect_lag`, and Prometheus' own `up`. Never the guide's
 * `rivven_consumer_lag_records` or `rivven_storage_bytes_*`, which nothing exports.
 *
 * Every expression is scoped by `promMatchers` and aggregated per pod first, so that a broker scraped
 * twice (ServiceMonitor and PodMonitor both enabled) still counts once.
 */
import type { ResolvedEnvironment } from '../model/types.js';
import { connectPipelineNames, promMatchers, scopeLabel } from './monitoring-scope.js';

export interface AlertRule {
  alert: string;
  expr: string;
  for?: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

/** More elections than this in 15 minutes means the cluster keeps losing its leader. */
const termChurnPerQuarterHour = 3;
/** How long the applied index may stand still behind the log before alerting. */
const applyStallWindow = '10m';

/** Brokers the cluster should have: with an HPA the floor it may scale down to. */
export function expectedVoters(env: ResolvedEnvironment): number {
  const scaling = env.config.autoscaling;
  return scaling?.enabled ? Math.min(scaling.minReplicas, env.config.cluster.replicas) : env.config.cluster.replicas;
}

export function renderAlertRules(env: ResolvedEnvironment): AlertRule[] {
  const alerts = env.config.monitoring?.alerts;
  if (!alerts) return [];
  const broker = promMatchers(env, 'broker');
  const connect = promMatchers(env, 'connect');
  const cluster = `namespace, ${scopeLabel.cluster}`;
  const perPod = `${cluster}, pod`;
  const perPipeline = `${cluster}, ${scopeLabel.pipeline}`;
  const where = `cluster {{ $labels.${scopeLabel.cluster} }} in namespace {{ $labels.namespace }}`;
  const label = (severity: 'critical' | 'warning') => ({ ...(alerts.labels ?? {}), severity });

  const rules: AlertRule[] = [
    {
      alert: 'RivvenBrokerDown',
      expr: `max by (${perPod}) (up{${broker}}) == 0`,
      for: alerts.brokerDownFor,
      labels: label('critical'),
      annotations: {
        summary: 'Rivven broker {{ $labels.pod }} is down',
        description: `Prometheus cannot scrape broker {{ $labels.pod }} of ${where} on its HTTP API port (9094) for ${alerts.brokerDownFor}.`,
      },
    },
    {
      alert: 'RivvenBrokerMetricsAbsent',
      expr: `absent(up{${broker}})`,
      for: '15m',
      labels: label('warning'),
      annotations: {
        summary: 'No Rivven broker is being scraped',
        description: `No scrape target exists for the brokers of ${where}: the brokers are gone, or Prometheus does not select the ServiceMonitor/PodMonitor (check monitoring.labels).`,
      },
    },
    {
      alert: 'RivvenNoRaftLeader',
      expr: `max by (${cluster}) (rivven_raft_is_leader{${broker}}) == 0`,
      for: alerts.noLeaderFor,
      labels: label('critical'),
      annotations: {
        summary: 'Rivven cluster has no Raft leader',
        description: `No broker of ${where} has been Raft leader for ${alerts.noLeaderFor}: metadata changes (topics, partitions) cannot be committed.`,
      },
    },
    {
      alert: 'RivvenMultipleRaftLeaders',
      expr: `sum by (${cluster}) (max by (${perPod}) (rivven_raft_is_leader{${broker}})) > 1`,
      for: '2m',
      labels: label('critical'),
      annotations: {
        summary: 'Rivven cluster reports more than one Raft leader',
        description: `{{ $value }} brokers of ${where} claim Raft leadership at once: a network partition or split brain.`,
      },
    },
    {
      alert: 'RivvenRaftVotersBelowExpected',
      expr: `max by (${cluster}) (rivven_raft_cluster_voters{${broker}}) < ${expectedVoters(env)}`,
      for: '10m',
      labels: label('warning'),
      annotations: {
        summary: 'Rivven Raft group has fewer voters than brokers',
        description: `The Raft group of ${where} has {{ $value }} voters, ${expectedVoters(env)} expected: a broker did not join or was removed.`,
      },
    },
    {
      alert: 'RivvenRaftTermChurn',
      expr: `max by (${cluster}) (increase(rivven_raft_current_term{${broker}}[15m])) > ${termChurnPerQuarterHour}`,
      labels: label('warning'),
      annotations: {
        summary: 'Rivven Raft leader elections keep happening',
        description: `The Raft term of ${where} rose by {{ $value }} in 15 minutes (more than ${termChurnPerQuarterHour} elections): check broker restarts, CPU throttling and network latency.`,
      },
    },
    {
      alert: 'RivvenRaftApplyStalled',
      expr:
        `max by (${perPod}) (rivven_raft_last_log_index{${broker}} - rivven_raft_applied_index{${broker}}) > 0` +
        ` and max by (${perPod}) (changes(rivven_raft_applied_index{${broker}}[${applyStallWindow}])) == 0`,
      for: applyStallWindow,
      labels: label('warning'),
      annotations: {
        summary: 'Rivven broker {{ $labels.pod }} stopped applying the Raft log',
        description: `Broker {{ $labels.pod }} of ${where} has log entries it has not applied, and its applied index has not moved for ${applyStallWindow}.`,
      },
    },
  ];

  if (connectPipelineNames(env).length > 0) {
    rules.push(
      {
        alert: 'RivvenConnectDown',
        expr: `max by (${perPipeline}, pod) (up{${connect}}) == 0`,
        for: alerts.brokerDownFor,
        labels: label('warning'),
        annotations: {
          summary: 'Rivven Connect worker {{ $labels.pod }} is down',
          description: `Prometheus cannot scrape connect worker {{ $labels.pod }} of pipeline {{ $labels.${scopeLabel.pipeline} }} (${where}).`,
        },
      },
      {
        alert: 'RivvenCdcLagHigh',
        expr: `max by (${perPipeline}) (rivven_cdc_lag_milliseconds{${connect}}) > ${alerts.cdcLagMsThreshold}`,
        for: '5m',
        labels: label('warning'),
        annotations: {
          summary: 'CDC lag of pipeline {{ $labels.' + scopeLabel.pipeline + ' }} is high',
          description: `Change data capture of pipeline {{ $labels.${scopeLabel.pipeline} }} (${where}) is {{ $value }} ms behind the source database (threshold ${alerts.cdcLagMsThreshold} ms).`,
        },
      },
      {
        alert: 'RivvenConnectLagGrowing',
        expr: `min by (${perPipeline}) (deriv(rivven_connect_lag{${connect}}[15m])) > 0`,
        for: '30m',
        labels: label('warning'),
        annotations: {
          summary: 'Connect lag of pipeline {{ $labels.' + scopeLabel.pipeline + ' }} keeps growing',
          description: `rivven_connect_lag of pipeline {{ $labels.${scopeLabel.pipeline} }} (${where}) has grown for 30 minutes: the pipeline does not keep up.`,
        },
      },
    );
  }
  return rules;
}
