import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { findMonitoringIssues, renderMonitoring, renderServiceMonitor, renderBrokerPodMonitor } from '../../src/render/monitoring.js';
import { renderAlertRules } from '../../src/render/monitoring-alerts.js';
import { renderBrokerServices } from '../../src/render/broker-services.js';
import { renderBrokerStatefulSet } from '../../src/render/broker-statefulset.js';
import type { K8sObject } from '../../src/render/k8s-object.js';
import type { ResolvedEnvironment, UserConfig } from '../../src/model/types.js';
import { parser } from '@prometheus-io/lezer-promql';
import { resolvedEnvironment } from '../support/resolved.js';
import { checkGolden, toGoldenYaml } from '../support/crd-schema.js';
import { validateAll } from '../support/k8s-schema.js';
import { rivvenRuntimeFacts } from '../../src/schema-pack/rivven-runtime-facts.js';


/** Metric names RUNTIME.md says Rivven exports, and the guide's ones it says nothing exports. */
function runtimeMetrics(): { exported: Set<string>; notExported: Set<string> } {
  return { exported: new Set(rivvenRuntimeFacts.exportedMetrics), notExported: new Set(rivvenRuntimeFacts.unexportedGuideMetrics) };
}

interface Selector {
  readonly metric: string;
  readonly matchers: Readonly<Record<string, string>>;
}

/**
 * The vector selectors of a PromQL expression, parsed with Prometheus' own grammar
 * (@prometheus-io/lezer-promql); throws on a syntax error, so a broken rule fails the test.
 */
function parsePromQL(expr: string): Selector[] {
  const selectors: Selector[] = [];
  const errors: number[] = [];
  const text = (node: { from: number; to: number } | null) => (node ? expr.slice(node.from, node.to) : '');
  parser.parse(expr).iterate({
    enter: (ref) => {
      if (ref.type.isError) errors.push(ref.from);
      if (ref.name !== 'VectorSelector') return;
      const node = ref.node;
      const matchers: Record<string, string> = {};
      for (const m of node.getChild('LabelMatchers')?.getChildren('UnquotedLabelMatcher') ?? []) {
        const op = text(m.getChild('MatchOp'));
        const value: unknown = JSON.parse(text(m.getChild('StringLiteral')));
        matchers[text(m.getChild('LabelName'))] = `${op}${String(value)}`;
      }
      selectors.push({ metric: text(node.getChild('Identifier')), matchers });
    },
  });
  if (errors.length > 0) throw new Error(`PromQL syntax error at ${errors.join(', ')} in: ${expr}`);
  return selectors;
}

const full: UserConfig = {
  project: 'shop',
  cluster: { name: 'events', replicas: 3 },
  connect: {
    'cdc-pipeline': {
      sources: { pg: { connector: 'postgres-cdc', topic: 'cdc.events' } },
      sinks: { s3: { connector: 's3', topics: ['cdc.*'], consumerGroup: 's3-archiver' } },
    },
  },
  monitoring: {
    interval: '15s',
    podMonitor: true,
    labels: { release: 'kube-prometheus-stack' },
    alerts: { brokerDownFor: '2m', noLeaderFor: '1m', cdcLagMsThreshold: 30_000, labels: { team: 'platform' } },
    grafanaDashboard: { folder: 'Streaming' },
  },
};

function env(config: UserConfig, name = 'prod'): ResolvedEnvironment {
  return resolvedEnvironment(config, name);
}

test('golden: full monitoring (ServiceMonitor, PodMonitors, rules, dashboard) is schema-valid', () => {
  const objects = renderMonitoring(env(full));
  assert.equal(
    objects.map((o) => `${o.kind}/${o.metadata.name}`),
    [
      'ServiceMonitor/rivven-events',
      'PodMonitor/rivven-events',
      'PodMonitor/rivven-events-connect',
      'PrometheusRule/rivven-events',
      'ConfigMap/rivven-events-grafana-dashboard',
    ],
  );
  assert.equal(validateAll(objects), []);
  assert.equal(checkGolden(toGoldenYaml(objects), 'monitoring/full'), []);
});

test('golden: defaults render a ServiceMonitor, rules and the dashboard, no PodMonitor', () => {
  const objects = renderMonitoring(env({ monitoring: {} }, 'dev'));
  assert.equal(
    objects.map((o) => o.kind),
    ['ServiceMonitor', 'PrometheusRule', 'ConfigMap'],
  );
  assert.equal(validateAll(objects), []);
  assert.equal(checkGolden(toGoldenYaml(objects), 'monitoring/defaults'), []);
});

test('nothing without a monitoring block, or when it is disabled', () => {
  assert.equal(renderMonitoring(env({})), []);
  assert.equal(renderMonitoring(env({ monitoring: { enabled: false } })), []);
});

test('no PrometheusRule when alerts are off or no broker monitor feeds them', () => {
  const kinds = (c: UserConfig) => renderMonitoring(env(c)).map((o) => o.kind);
  assert.not.ok(kinds({ monitoring: { alerts: { enabled: false } } }).includes('PrometheusRule'));
  assert.not.ok(kinds({ monitoring: { serviceMonitor: false } }).includes('PrometheusRule'));
  assert.ok(kinds({ monitoring: { serviceMonitor: false, podMonitor: true } }).includes('PrometheusRule'));
  const codes = (c: UserConfig) => findMonitoringIssues(env(c)).map((f) => f.code);
  assert.equal(codes({ monitoring: { serviceMonitor: false } }), ['RG533'], 'the missing rule is explained');
  assert.equal(codes({ monitoring: { serviceMonitor: false, alerts: { enabled: false } } }), []);
  assert.equal(codes({ monitoring: {} }), []);
});

test('monitoring.labels are on every monitoring object, so Prometheus selects them', () => {
  for (const obj of renderMonitoring(env(full))) assert.is(obj.metadata.labels?.['release'], 'kube-prometheus-stack', obj.kind);
});

test('alerts parse as PromQL and use only metrics Rivven exports (RUNTIME.md) and `up`, never the guide metrics', () => {
  const { exported, notExported } = runtimeMetrics();
  assert.ok(exported.has('rivven_raft_is_leader') && exported.has('rivven_cdc_lag_milliseconds'), 'RUNTIME.md list parsed');
  assert.ok(notExported.has('rivven_consumer_lag_records'));
  assert.throws(() => parsePromQL('max by (pod (up)'), /syntax error/);
  const rules = renderAlertRules(env(full));
  const used = new Set<string>();
  for (const rule of rules) {
    const selectors = parsePromQL(rule.expr);
    assert.ok(selectors.length > 0, rule.alert);
    for (const { metric } of selectors) {
      assert.ok(metric === 'up' || exported.has(metric), `${rule.alert} uses ${metric}, which Rivven does not export`);
      assert.not.ok(notExported.has(metric), `${rule.alert} uses ${metric}`);
      used.add(metric);
    }
  }
  for (const name of ['up', 'rivven_raft_is_leader', 'rivven_raft_cluster_voters', 'rivven_raft_current_term', 'rivven_raft_applied_index', 'rivven_raft_last_log_index', 'rivven_cdc_lag_milliseconds', 'rivven_connect_lag']) {
    assert.ok(used.has(name), `no alert on ${name}`);
  }
});

test('every metric in every alert is scoped to the environment: namespace and cluster', () => {
  for (const e of [env(full, 'prod'), env({ ...full, namespace: 'team-b', cluster: { name: 'other' } }, 'staging')]) {
    for (const rule of renderAlertRules(e)) {
      for (const s of parsePromQL(rule.expr)) {
        assert.is(s.matchers['namespace'], `=${e.config.namespace}`, `${rule.alert}: ${s.metric} not scoped by namespace`);
        assert.is(s.matchers['rivven_cluster'], `=${e.config.cluster.name}`, `${rule.alert}: ${s.metric} not scoped by cluster`);
      }
    }
  }
  const a = renderAlertRules(env(full, 'prod')).map((r) => r.expr);
  const b = renderAlertRules(env({ ...full, namespace: 'shop-staging' }, 'staging')).map((r) => r.expr);
  assert.equal(a.filter((x) => b.includes(x)), [], 'two environments share an alert expression');
});

test('alert settings reach the rules: durations, CDC threshold, extra labels; CDC alerts only with pipelines', () => {
  const rules = renderAlertRules(env(full));
  const byName = new Map(rules.map((r) => [r.alert, r]));
  assert.is(byName.get('RivvenBrokerDown')?.for, '2m');
  assert.is(byName.get('RivvenNoRaftLeader')?.for, '1m');
  assert.ok(byName.get('RivvenCdcLagHigh')?.expr.endsWith('> 30000'));
  assert.ok(byName.get('RivvenRaftVotersBelowExpected')?.expr.endsWith('< 3'));
  for (const r of rules) assert.is(r.labels['team'], 'platform');
  const withoutConnect = renderAlertRules(env({ ...full, connect: {} })).map((r) => r.alert);
  assert.not.ok(withoutConnect.some((a) => a.includes('Cdc') || a.includes('Connect')));
  assert.equal(renderMonitoring(env({ ...full, connect: {} })).filter((o) => o.metadata.name.endsWith('-connect')), []);
});

test('with an HPA the expected voter count is the scale-down floor', () => {
  const rules = renderAlertRules(env({ target: 'manifests', cluster: { replicas: 5 }, autoscaling: { minReplicas: 3, maxReplicas: 7 }, monitoring: {} }));
  assert.ok(rules.find((r) => r.alert === 'RivvenRaftVotersBelowExpected')?.expr.endsWith('< 3'));
});

// --- what Prometheus would scrape: the operator's relabel stage, applied to discovered targets ---

type Labels = Record<string, string>;
interface Relabel {
  action?: string;
  sourceLabels?: string[];
  regex?: string;
  targetLabel?: string;
  replacement?: string;
}

function relabel(target: Labels, rules: readonly Relabel[]): Labels | undefined {
  let labels: Labels = { ...target };
  for (const r of rules) {
    const value = (r.sourceLabels ?? []).map((l) => labels[l] ?? '').join(';');
    const re = new RegExp(`^(?:${r.regex ?? '(.*)'})$`);
    const m = re.exec(value);
    if (r.action === 'keep') {
      if (!m) return undefined;
    } else if (m && r.targetLabel) {
      const replacement = (r.replacement ?? '$1').replace(/\$(\d)/g, (_, i: string) => m[Number(i)] ?? '');
      labels = { ...labels, [r.targetLabel]: replacement };
    }
  }
  return labels;
}

function record(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? Object.fromEntries(Object.entries(value)) : {};
}
function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
function stringMap(value: unknown): Labels {
  return Object.fromEntries(Object.entries(record(value)).filter((e): e is [string, string] => typeof e[1] === 'string'));
}
function relabelings(endpoint: unknown): Relabel[] {
  return list(record(endpoint)['relabelings']).map((r) => {
    const o = record(r);
    return {
      action: typeof o['action'] === 'string' ? o['action'] : undefined,
      sourceLabels: list(o['sourceLabels']).filter((s): s is string => typeof s === 'string'),
      regex: typeof o['regex'] === 'string' ? o['regex'] : undefined,
      targetLabel: typeof o['targetLabel'] === 'string' ? o['targetLabel'] : undefined,
      replacement: typeof o['replacement'] === 'string' ? o['replacement'] : undefined,
    };
  });
}
function selectorMatches(selector: unknown, labels: Labels): boolean {
  const s = record(selector);
  for (const [k, v] of Object.entries(stringMap(s['matchLabels']))) if (labels[k] !== v) return false;
  for (const e of list(s['matchExpressions']).map(record)) {
    const key = String(e['key']);
    const values = list(e['values']).map(String);
    if (e['operator'] === 'Exists' && !(key in labels)) return false;
    if (e['operator'] === 'In' && !values.includes(labels[key] ?? '\0')) return false;
  }
  return true;
}

interface FakeService {
  name: string;
  labels: Labels;
  targetPorts: number[];
}

/** Endpoints-role targets of the Services the ServiceMonitor selects, after its relabelings. */
function serviceMonitorTargets(sm: K8sObject, services: readonly FakeService[], pods: readonly string[]): Labels[] {
  const spec = record(sm['spec']);
  const endpoint = list(spec['endpoints'])[0];
  const out: Labels[] = [];
  for (const svc of services.filter((s) => selectorMatches(spec['selector'], s.labels))) {
    pods.forEach((pod, i) => {
      for (const port of svc.targetPorts) {
        const t = relabel({ __address__: `10.0.0.${i + 1}:${port}`, __meta_kubernetes_service_name: svc.name, pod }, relabelings(endpoint));
        if (t) out.push(t);
      }
    });
  }
  return out;
}

function servicesOf(objects: readonly K8sObject[]): FakeService[] {
  return objects
    .filter((o) => o.kind === 'Service')
    .map((o) => ({
      name: o.metadata.name,
      labels: o.metadata.labels ?? {},
      targetPorts: list(record(o['spec'])['ports']).map((p) => Number(record(p)['targetPort'] ?? record(p)['port'])),
    }));
}

const brokerPodNames = ['rivven-events-0', 'rivven-events-1', 'rivven-events-2'];

function expectOneTargetPerBroker(targets: readonly Labels[]): void {
  assert.equal(
    targets.map((t) => t['__address__']),
    ['10.0.0.1:9094', '10.0.0.2:9094', '10.0.0.3:9094'],
  );
  for (const t of targets) {
    assert.is(t['rivven_cluster'], 'events');
    assert.is(t['rivven_component'], 'broker');
  }
}

test('ServiceMonitor under the operator: one target per broker, on 9094, from the client Service only', () => {
  // What the operator creates (resources.rs): both Services carry the same labels; client has broker+metrics(9090).
  const operatorLabels = { 'app.kubernetes.io/name': 'rivven', 'app.kubernetes.io/instance': 'events', 'app.kubernetes.io/component': 'broker', 'app.kubernetes.io/managed-by': 'rivven-operator' };
  const services: FakeService[] = [
    { name: 'rivven-events', labels: operatorLabels, targetPorts: [9092, 9090] },
    { name: 'rivven-events-headless', labels: operatorLabels, targetPorts: [9092, 9093] },
    { name: 'rivven-connect-cdc-pipeline', labels: { 'app.kubernetes.io/name': 'rivven-connect' }, targetPorts: [8080, 9090] },
  ];
  expectOneTargetPerBroker(serviceMonitorTargets(renderServiceMonitor(env(full)), services, brokerPodNames));
});

test('ServiceMonitor under manifests: the rendered Services give one target per broker on 9094', () => {
  const e = env({ ...full, target: 'manifests' });
  const services = servicesOf(renderBrokerServices(e));
  assert.ok(services.length >= 2, 'client and headless Services rendered');
  expectOneTargetPerBroker(serviceMonitorTargets(renderServiceMonitor(e), services, brokerPodNames));
});

interface FakePod {
  name: string;
  labels: Labels;
  ports: number[];
}

function podMonitorTargets(pm: K8sObject, pods: readonly FakePod[]): Labels[] {
  const spec = record(pm['spec']);
  const endpoint = list(spec['podMetricsEndpoints'])[0];
  const out: Labels[] = [];
  pods.forEach((pod, i) => {
    if (!selectorMatches(spec['selector'], pod.labels)) return;
    for (const port of pod.ports) {
      const t = relabel({ __address__: `10.0.0.${i + 1}:${port}`, __meta_kubernetes_pod_container_port_number: String(port), pod: pod.name }, relabelings(endpoint));
      if (t) out.push(t);
    }
  });
  return out;
}

test('broker PodMonitor: operator broker pods (ports 9092, 9090) and manifests pods give one 9094 target each; operator pods none', () => {
  const e = env(full);
  const operatorBroker = (name: string): FakePod => ({
    name,
    labels: { 'app.kubernetes.io/name': 'rivven', 'app.kubernetes.io/instance': 'events', 'statefulset.kubernetes.io/pod-name': name },
    ports: [9092, 9090],
  });
  const pods = [...brokerPodNames.map(operatorBroker)];
  // A pod that shares name/instance but is not a StatefulSet pod must not be scraped as a broker.
  pods.push({ name: 'impostor', labels: { 'app.kubernetes.io/name': 'rivven', 'app.kubernetes.io/instance': 'events' }, ports: [9092] });
  expectOneTargetPerBroker(podMonitorTargets(renderBrokerPodMonitor(e), pods));

  const m = env({ ...full, target: 'manifests' });
  const sts = renderBrokerStatefulSet(m)[0];
  const template = record(record(record(sts?.['spec'])['template']));
  const labels = stringMap(record(template['metadata'])['labels']);
  const ports = list(record(list(record(template['spec'])['containers'])[0])['ports']).map((p) => Number(record(p)['containerPort']));
  const manifestPods = brokerPodNames.map((name) => ({ name, labels: { ...labels, 'statefulset.kubernetes.io/pod-name': name }, ports }));
  expectOneTargetPerBroker(podMonitorTargets(renderBrokerPodMonitor(m), manifestPods));
});

test('same input, same bytes', () => {
  assert.is(toGoldenYaml(renderMonitoring(env(full))), toGoldenYaml(renderMonitoring(env(full))));
});

test.run();
