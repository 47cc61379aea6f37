/**
 * The Grafana dashboard of one environment, shipped as a ConfigMap the Grafana sidecar picks up by
 * label. The JSON is deterministic: keys sorted, no database `id`, no `version`, no timestamps, panel
 * positions computed from the panel order. Queries use only metrics Rivven exports and are scoped to
 * this environment like the alerts.
 */
import { createHash } from 'node:crypto';
import type { ResolvedEnvironment } from '../model/types.js';
import { k8sObject, type K8sObject } from './k8s-object.js';
import { connectPipelineNames, monitoringObjectLabels, promMatchers, scopeLabel } from './monitoring-scope.js';
import { expectedVoters } from './monitoring-alerts.js';
import { compareText } from '../core/order.js';
import { clusterObjectName } from './names.js';

interface PanelSpec {
  readonly title: string;
  readonly type: 'stat' | 'timeseries' | 'table';
  readonly description: string;
  readonly queries: readonly { readonly expr: string; readonly legend?: string; readonly instant?: boolean }[];
  readonly unit?: string;
}

/** Grafana dashboard UIDs are at most 40 characters; longer ones are shortened with a stable hash. */
export function dashboardUid(env: ResolvedEnvironment): string {
  const uid = `rivven-${env.config.namespace}-${env.config.cluster.name}`;
  if (uid.length <= 40) return uid;
  const hash = createHash('sha256').update(uid).digest('hex').slice(0, 8);
  return `${uid.slice(0, 31)}-${hash}`;
}

function panelSpecs(env: ResolvedEnvironment): PanelSpec[] {
  const b = promMatchers(env, 'broker');
  const c = promMatchers(env, 'connect');
  const stats: PanelSpec[] = [
    {
      title: 'Brokers up',
      type: 'stat',
      description: `Brokers Prometheus can scrape (expected ${env.config.cluster.replicas}).`,
      queries: [{ expr: `sum(max by (pod) (up{${b}}))` }],
    },
    {
      title: 'Raft leaders',
      type: 'stat',
      description: 'Brokers that are Raft leader: exactly 1 is healthy.',
      queries: [{ expr: `sum(max by (pod) (rivven_raft_is_leader{${b}}))` }],
    },
    {
      title: 'Raft voters',
      type: 'stat',
      description: `Voting members of the Raft group (expected ${expectedVoters(env)}).`,
      queries: [{ expr: `max(rivven_raft_cluster_voters{${b}})` }],
    },
    {
      title: 'Raft term',
      type: 'stat',
      description: 'Current Raft term: it rises with every leader election.',
      queries: [{ expr: `max(rivven_raft_current_term{${b}})` }],
    },
  ];
  const series: PanelSpec[] = [
    {
      title: 'Broker up by pod',
      type: 'timeseries',
      description: '1 when the broker answers on its HTTP API (9094).',
      queries: [{ expr: `max by (pod) (up{${b}})`, legend: '{{pod}}' }],
    },
    {
      title: 'Raft leader by pod',
      type: 'timeseries',
      description: 'Which broker leads the Raft group.',
      queries: [{ expr: `max by (pod) (rivven_raft_is_leader{${b}})`, legend: '{{pod}}' }],
    },
    {
      title: 'Unapplied Raft entries by pod',
      type: 'timeseries',
      description: 'Last log index minus applied index: entries a broker has not applied yet.',
      queries: [{ expr: `max by (pod) (rivven_raft_last_log_index{${b}} - rivven_raft_applied_index{${b}})`, legend: '{{pod}}' }],
    },
    {
      title: 'Raft entries applied per second',
      type: 'timeseries',
      description: 'Rate of the applied index per broker.',
      queries: [{ expr: `max by (pod) (rate(rivven_raft_applied_index{${b}}[5m]))`, legend: '{{pod}}' }],
      unit: 'ops',
    },
    {
      title: 'Leader elections (15m)',
      type: 'timeseries',
      description: 'Raft term increase over 15 minutes.',
      queries: [{ expr: `max(increase(rivven_raft_current_term{${b}}[15m]))`, legend: 'elections' }],
    },
    {
      title: 'Broker build info',
      type: 'table',
      description: 'Labels of rivven_info per broker.',
      queries: [{ expr: `max by (pod) (rivven_info{${b}})`, instant: true }],
    },
  ];
  if (connectPipelineNames(env).length > 0) {
    series.push(
      {
        title: 'CDC lag by pipeline',
        type: 'timeseries',
        description: 'How far change data capture is behind the source database.',
        queries: [{ expr: `max by (${scopeLabel.pipeline}) (rivven_cdc_lag_milliseconds{${c}})`, legend: `{{${scopeLabel.pipeline}}}` }],
        unit: 'ms',
      },
      {
        title: 'Connect lag by pipeline',
        type: 'timeseries',
        description: 'rivven_connect_lag reported by the connect workers.',
        queries: [{ expr: `max by (${scopeLabel.pipeline}) (rivven_connect_lag{${c}})`, legend: `{{${scopeLabel.pipeline}}}` }],
      },
    );
  }
  return [...stats, ...series];
}

/** Stat panels four to a row, graphs two to a row, in the order given. */
function layoutPanels(specs: readonly PanelSpec[]): Record<string, unknown>[] {
  let x = 0;
  let y = 0;
  let rowHeight = 0;
  return specs.map((spec) => {
    const w = spec.type === 'stat' ? 6 : 12;
    const h = spec.type === 'stat' ? 4 : 8;
    if (x + w > 24 || (rowHeight !== 0 && h !== rowHeight)) {
      x = 0;
      y += rowHeight;
    }
    const panel = {
      title: spec.title,
      type: spec.type,
      description: spec.description,
      datasource: { type: 'prometheus', uid: '${datasource}' },
      gridPos: { h, w, x, y },
      fieldConfig: { defaults: spec.unit ? { unit: spec.unit } : {}, overrides: [] },
      options: {},
      targets: spec.queries.map((q, i) => ({
        datasource: { type: 'prometheus', uid: '${datasource}' },
        expr: q.expr,
        refId: String.fromCharCode(65 + i),
        ...(q.legend ? { legendFormat: q.legend } : {}),
        ...(q.instant ? { instant: true, format: 'table' } : {}),
      })),
    };
    x += w;
    rowHeight = h;
    return panel;
  });
}

/** The dashboard model, before serialization. */
export function buildDashboard(env: ResolvedEnvironment): Record<string, unknown> {
  return {
    uid: dashboardUid(env),
    title: `Rivven ${env.config.cluster.name} (${env.config.namespace})`,
    description: `Rivven cluster ${env.config.cluster.name}, environment ${env.name}. Generated by rivven-gitops: edit the config, not this JSON.`,
    tags: ['rivven', env.name],
    editable: false,
    schemaVersion: 39,
    refresh: '30s',
    time: { from: 'now-6h', to: 'now' },
    timezone: 'utc',
    templating: {
      list: [{ name: 'datasource', label: 'Data source', type: 'datasource', query: 'prometheus', current: {}, hide: 0 }],
    },
    annotations: { list: [] },
    panels: layoutPanels(panelSpecs(env)),
  };
}

/** JSON with object keys sorted at every level (arrays keep their order), so equal input gives equal bytes. */
export function stableJson(value: unknown): string {
  return JSON.stringify(sortKeys(value), null, 2);
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) => compareText(a, b));
    return Object.fromEntries(entries.map(([key, v]) => [key, sortKeys(v)]));
  }
  return value;
}

/** The dashboard ConfigMap: the sidecar label selects it, the folder annotation files it. */
export function renderGrafanaDashboard(env: ResolvedEnvironment): K8sObject {
  const grafana = env.config.monitoring?.grafanaDashboard;
  const labels = { ...monitoringObjectLabels(env), ...(grafana ? { [grafana.label]: grafana.labelValue } : {}) };
  const annotations = grafana?.folder ? { grafana_folder: grafana.folder } : undefined;
  return k8sObject(
    'v1',
    'ConfigMap',
    { name: `${clusterObjectName(env.config)}-grafana-dashboard`, namespace: env.config.namespace, labels, annotations },
    { data: { [`${dashboardUid(env)}.json`]: `${stableJson(buildDashboard(env))}\n` } },
  );
}
