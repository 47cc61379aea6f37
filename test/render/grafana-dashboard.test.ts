import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { dashboardUid, renderGrafanaDashboard, stableJson } from '../../src/render/grafana-dashboard.js';
import type { UserConfig } from '../../src/model/types.js';
import { parser } from '@prometheus-io/lezer-promql';
import { resolvedEnvironment } from '../support/resolved.js';
import { checkGolden, toGoldenYaml } from '../support/crd-schema.js';
import { validateAll } from '../support/k8s-schema.js';
import { rivvenRuntimeFacts } from '../../src/schema-pack/rivven-runtime-facts.js';


function exportedMetrics(): Set<string> {
  return new Set(rivvenRuntimeFacts.exportedMetrics);
}

const config: UserConfig = {
  namespace: 'rivven-prod',
  cluster: { name: 'main', replicas: 5 },
  connect: { cdc: { sources: { pg: { connector: 'postgres-cdc', topic: 'cdc.events' } } } },
  monitoring: { labels: { release: 'kps' }, grafanaDashboard: { label: 'grafana_dashboard', labelValue: '1', folder: 'Rivven' } },
};

/** Metric name and label matchers of every vector selector, parsed with Prometheus' grammar. */
function vectorSelectors(expr: string): { metric: string; matchers: string }[] {
  const out: { metric: string; matchers: string }[] = [];
  const text = (n: { from: number; to: number } | null) => (n ? expr.slice(n.from, n.to) : '');
  parser.parse(expr).iterate({
    enter: (ref) => {
      if (ref.type.isError) throw new Error(`PromQL syntax error at ${ref.from} in: ${expr}`);
      if (ref.name === 'VectorSelector') out.push({ metric: text(ref.node.getChild('Identifier')), matchers: text(ref.node.getChild('LabelMatchers')) });
    },
  });
  return out;
}

function field(value: unknown, key: string): unknown {
  return value !== null && typeof value === 'object' ? Reflect.get(value, key) : undefined;
}

function dataFiles(cm: unknown): string[] {
  const data = field(cm, 'data');
  return data !== null && typeof data === 'object' ? Object.values(data).filter((v): v is string => typeof v === 'string') : [];
}

function dashboardJson(c: UserConfig, name = 'prod'): unknown {
  const cm = renderGrafanaDashboard(resolvedEnvironment(c, name));
  const data = dataFiles(cm);
  assert.is(data.length, 1, 'one dashboard file');
  return JSON.parse(data[0] ?? '');
}

function walk(value: unknown, visit: (key: string, v: unknown, obj: Record<string, unknown>) => void): void {
  if (Array.isArray(value)) value.forEach((v) => walk(v, visit));
  else if (value !== null && typeof value === 'object') {
    const obj = Object.fromEntries(Object.entries(value));
    for (const [k, v] of Object.entries(obj)) {
      visit(k, v, obj);
      walk(v, visit);
    }
  }
}

test('golden: the dashboard ConfigMap with sidecar label and folder annotation', () => {
  const cm = renderGrafanaDashboard(resolvedEnvironment(config, 'prod'));
  assert.equal(validateAll([cm]), []);
  assert.is(cm.metadata.labels?.['grafana_dashboard'], '1');
  assert.is(cm.metadata.labels?.['release'], 'kps');
  assert.is(cm.metadata.annotations?.['grafana_folder'], 'Rivven');
  assert.is(cm.metadata.namespace, 'rivven-prod');
  assert.equal(checkGolden(toGoldenYaml([cm]), 'grafana/dashboard'), []);
});

test('deterministic JSON: sorted keys at every level, no id, version or timestamps', () => {
  const a = renderGrafanaDashboard(resolvedEnvironment(config, 'prod'));
  const b = renderGrafanaDashboard(resolvedEnvironment(config, 'prod'));
  assert.equal(a, b);
  const json = dashboardJson(config);
  walk(json, (key, _v, obj) => {
    assert.not.ok(['id', 'version', 'iteration', 'created', 'updated'].includes(key), `dashboard has "${key}"`);
    const keys = Object.keys(obj);
    assert.equal(keys, [...keys].sort(), 'keys are sorted');
  });
  assert.not.match(dataFiles(a).join(''), /20\d\d-\d\d-\d\d/);
  assert.is(stableJson({ b: 1, a: { d: 2, c: [{ z: 1, y: 2 }] } }), stableJson({ a: { c: [{ y: 2, z: 1 }], d: 2 }, b: 1 }));
});

test('panels query only exported metrics, scoped to this environment', () => {
  const exported = exportedMetrics();
  const exprs: string[] = [];
  walk(dashboardJson(config), (key, v) => {
    if (key === 'expr' && typeof v === 'string') exprs.push(v);
  });
  assert.ok(exprs.length >= 8, 'the dashboard has panels');
  for (const expr of exprs) {
    const selectors = vectorSelectors(expr);
    assert.ok(selectors.length > 0, expr);
    for (const { metric, matchers } of selectors) {
      assert.ok(metric === 'up' || exported.has(metric), `${metric} is not exported by Rivven`);
      assert.ok(matchers.includes('namespace="rivven-prod"') && matchers.includes('rivven_cluster="main"'), `unscoped: ${expr}`);
    }
  }
  assert.ok(exprs.some((e) => e.includes('rivven_cdc_lag_milliseconds')), 'a CDC panel when pipelines exist');
  const noConnect: string[] = [];
  walk(dashboardJson({ ...config, connect: {} }), (key, v) => {
    if (key === 'expr' && typeof v === 'string') noConnect.push(v);
  });
  assert.not.ok(noConnect.some((e) => e.includes('rivven_cdc_lag')), 'no CDC panel without pipelines');
});

test('panels do not overlap on the 24-column grid', () => {
  const cells = new Set<string>();
  walk(dashboardJson(config), (key, v) => {
    if (key !== 'gridPos') return;
    const [gx, gy, gw, gh] = ['x', 'y', 'w', 'h'].map((k) => Number(field(v, k)));
    assert.ok(gx !== undefined && gy !== undefined && gw !== undefined && gh !== undefined && gx + gw <= 24, 'panel fits the grid');
    for (let x = gx ?? 0; x < (gx ?? 0) + (gw ?? 0); x++) {
      for (let y = gy ?? 0; y < (gy ?? 0) + (gh ?? 0); y++) {
        assert.not.ok(cells.has(`${x},${y}`), `overlap at ${x},${y}`);
        cells.add(`${x},${y}`);
      }
    }
  });
});

test('dashboard UID is stable, unique per environment and at most 40 characters', () => {
  const long = resolvedEnvironment({ namespace: 'a-very-long-namespace-name-for-rivven-tests', cluster: { name: 'cluster-with-a-long-name' } }, 'x');
  assert.ok(dashboardUid(long).length <= 40);
  assert.is(dashboardUid(long), dashboardUid(long));
  assert.is.not(dashboardUid(resolvedEnvironment(config, 'prod')), dashboardUid(resolvedEnvironment({ ...config, namespace: 'rivven-dev' }, 'dev')));
});

test.run();
