import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderEnvironment } from '../../src/render/render-fleet.js';
import { renderBrokerStatefulSet } from '../../src/render/broker-statefulset.js';
import { renderBackup } from '../../src/render/backup.js';
import { renderArgoCd } from '../../src/render/argocd-fleet.js';
import { renderAlertRules } from '../../src/render/monitoring-alerts.js';
import type { K8sObject } from '../../src/render/k8s-object.js';
import type { UserConfig } from '../../src/model/types.js';
import { resolvedEnvironment } from '../support/resolved.js';
import { validateAll } from '../support/k8s-schema.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Compares with test/fixtures/render/runbook/<name>.md; UPDATE=1 rewrites it. */
function checkMarkdownGolden(actual: string, name: string): string[] {
  const file = path.join(repoRoot, 'test/fixtures/render/runbook', `${name}.md`);
  if (process.env['UPDATE'] === '1') {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, actual);
    return [];
  }
  if (!existsSync(file)) return [`${file}: golden file missing (run with UPDATE=1 to write it)`];
  return readFileSync(file, 'utf8') === actual ? [] : [`${file} differs from the rendered runbook (review, then UPDATE=1):\n${actual}`];
}

/** Lines inside fenced code blocks: the commands people paste. */
function commands(markdown: string): string[] {
  const out: string[] = [];
  let inside = false;
  for (const line of markdown.split('\n')) {
    if (line.startsWith('```')) inside = !inside;
    else if (inside) out.push(line);
  }
  return out;
}

function rec(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? Object.fromEntries(Object.entries(value)) : {};
}
function arr(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

const operatorConfig: UserConfig = {
  project: 'shop',
  namespace: 'shop-prod',
  cluster: { name: 'events', replicas: 3 },
  topics: { 'orders-events': { partitions: 12, replicationFactor: 3, deleteOnRemove: false }, audit: {} },
  connect: {
    'cdc-pipeline': {
      sources: { pg: { connector: 'postgres-cdc', topic: 'cdc.events' } },
      sinks: { s3: { connector: 's3', topics: ['cdc.*'], consumerGroup: 's3-archiver' } },
    },
  },
  schemaRegistry: { name: 'registry' },
  monitoring: {},
  backup: { method: 'volume-snapshot' },
  argocd: { repoURL: 'https://github.com/example/fleet.git' },
};

const manifestsConfig: UserConfig = {
  namespace: 'rivven-dev',
  target: 'manifests',
  cluster: { name: 'main', replicas: 1, auth: { enabled: false } },
  topics: { events: { partitions: 3 } },
  backup: { method: 'velero' },
};

test('golden: operator-target runbook', () => {
  assert.equal(checkMarkdownGolden(renderEnvironment(resolvedEnvironment(operatorConfig, 'prod')).runbook, 'operator'), []);
});

test('golden: manifests-target runbook', () => {
  assert.equal(checkMarkdownGolden(renderEnvironment(resolvedEnvironment(manifestsConfig, 'dev')).runbook, 'manifests'), []);
});

test('never execs into a broker, never runs commands that do not exist, never the non-existent image', () => {
  for (const [config, name] of [[operatorConfig, 'prod'], [manifestsConfig, 'dev']] as const) {
    const md = renderEnvironment(resolvedEnvironment(config, name)).runbook;
    const lines = commands(md);
    assert.ok(lines.length > 20, 'the runbook has commands');
    for (const line of lines) {
      if (/kubectl exec/.test(line)) assert.match(line, /kubectl exec -n \S+ rivven-client -- /, `exec into something else: ${line}`);
      assert.not.match(line, /rivven cluster|rivven backup|\/rivven cluster/, line);
      assert.not.match(line, /ghcr\.io\/hupe1980\/rivven:/, line);
      assert.not.match(line, /:latest\b/, line);
    }
    assert.match(md, /no `rivven cluster status`/, 'says plainly what does not exist');
  }
});

test('debug container targets the broker container the workload really has', () => {
  const op = renderEnvironment(resolvedEnvironment(operatorConfig, 'prod')).runbook;
  // The operator names its broker container "rivven" (crates/rivven-operator/src/resources.rs).
  assert.ok(commands(op).some((l) => l.startsWith('kubectl debug -n shop-prod -it rivven-events-0 --image=busybox:1.36 --target=rivven ')));
  assert.ok(commands(op).some((l) => l.includes('logs -n shop-prod rivven-events-0 -c rivven ')));

  const e = resolvedEnvironment(manifestsConfig, 'dev');
  const sts = renderBrokerStatefulSet(e)[0];
  const containerName = String(rec(arr(rec(rec(rec(sts?.['spec'])['template'])['spec'])['containers'])[0])['name']);
  const md = renderEnvironment(e).runbook;
  assert.ok(commands(md).some((l) => l.includes(`--target=${containerName} `)), `--target=${containerName}`);
  assert.ok(commands(md).some((l) => l.includes(`-c ${containerName} `)));
});

test('uses the environment names: namespace, pods, PVCs, topics, pipelines, consumer groups, backup and Argo CD objects', () => {
  const e = resolvedEnvironment(operatorConfig, 'prod');
  const md = renderEnvironment(e).runbook;
  const lines = commands(md).join('\n');
  for (const needle of [
    'port-forward -n shop-prod pod/rivven-events-0 9094:9094',
    '/health',
    '/metrics',
    'get pvc -n shop-prod -l app.kubernetes.io/instance=events',
    'topic info orders-events --server rivven-events.shop-prod.svc:9092',
    'topic info audit --server rivven-events.shop-prod.svc:9092',
    'group describe s3-archiver',
    'deploy/rivven-connect-cdc-pipeline',
    'deploy/rivven-schema-registry-registry',
    'deploy/rivven-operator',
    'releases/download/v0.0.22/rivven-0.0.22-linux-amd64.tar.gz',
  ]) {
    assert.ok(lines.includes(needle), `missing: ${needle}`);
  }
  for (const i of [0, 1, 2]) assert.ok(md.includes(`data-rivven-events-${i}`));
  const cron = renderBackup(e).find((o) => o.kind === 'CronJob');
  assert.ok(lines.includes(`--from=cronjob/${cron?.metadata.name ?? '?'} `));
  const app = renderArgoCd({ environments: [e] }, { outDir: 'out' }).find((o) => o.kind === 'Application');
  assert.ok(lines.includes(`argocd app get ${app?.metadata.name ?? '?'}`));
  for (const rule of renderAlertRules(e)) assert.ok(md.includes(`\`${rule.alert}\``), `alert ${rule.alert} in the table`);

  const velero = renderEnvironment(resolvedEnvironment(manifestsConfig, 'dev')).runbook;
  const schedule = renderBackup(resolvedEnvironment(manifestsConfig, 'dev'))[0];
  assert.ok(commands(velero).some((l) => l.includes(`velero schedule describe ${schedule?.metadata.name ?? '?'} -n velero`)));
  assert.not.ok(velero.includes('rivven-operator'), 'no operator under manifests');
});

test('the client pod passes the restricted Pod Security profile of the namespace', () => {
  const md = renderEnvironment(resolvedEnvironment(operatorConfig, 'prod')).runbook;
  const run = commands(md).find((l) => l.startsWith('kubectl run rivven-client'));
  const json = /--overrides='([^']*)'/.exec(run ?? '')?.[1];
  assert.ok(json, 'overrides present');
  const overrides = rec(JSON.parse(json));
  const pod: K8sObject = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'rivven-client' }, spec: overrides['spec'] };
  assert.equal(validateAll([pod]), []);
  const spec = rec(overrides['spec']);
  assert.is(rec(spec['securityContext'])['runAsNonRoot'], true);
  assert.equal(rec(spec['securityContext'])['seccompProfile'], { type: 'RuntimeDefault' });
  for (const c of arr(spec['containers']).map(rec)) {
    assert.is(rec(c['securityContext'])['allowPrivilegeEscalation'], false);
    assert.equal(rec(rec(c['securityContext'])['capabilities'])['drop'], ['ALL']);
  }
});

test('the runbook tells the truth about auth: on means no user can exist, off names what guards the port', () => {
  const on = renderEnvironment(resolvedEnvironment(operatorConfig, 'prod')).runbook;
  assert.not.match(on, /require authentication/);
  assert.match(on, /no client user can be provisioned/);
  assert.match(on, /cluster_server\.rs:279-285/);
  const off = renderEnvironment(resolvedEnvironment({ ...manifestsConfig, networkPolicy: { allowedNamespaces: ['orders'] } }, 'dev')).runbook;
  assert.match(off, /RIVVEN_NO_REQUIRE_AUTH=true/);
  assert.match(off, /NetworkPolicies \(only this namespace and `orders`/);
});

test('the runbook lists every Secret read and how it is delivered', () => {
  const config: UserConfig = {
    ...manifestsConfig,
    cluster: { ...manifestsConfig.cluster, replicas: 3, clusterAuthToken: { secretName: 'rivven-cluster-token', key: 'token' } },
    secrets: { store: { kind: 'ClusterSecretStore', name: 'vault' }, items: { 'rivven-cluster-token': { remoteKey: 'rivven/token' } } },
  };
  const md = renderEnvironment(resolvedEnvironment(config, 'dev')).runbook;
  assert.match(md, /\| `rivven-cluster-token` \| `token` \| `StatefulSet\/rivven-main` \| ExternalSecret `rivven-cluster-token` from ClusterSecretStore `vault` \|/);
  assert.not.match(md, /get secret[^\n]*-o (yaml|json)/);
});

test('without Argo CD the runbook does not promise Argo CD protection', () => {
  const md = renderEnvironment(resolvedEnvironment({ ...operatorConfig, argocd: { enabled: false } }, 'prod')).runbook;
  assert.not.ok(md.includes('Prune=false'));
  assert.match(md, /Argo CD is disabled for this environment/);
});

test('same input, same bytes', () => {
  assert.is(renderEnvironment(resolvedEnvironment(operatorConfig, 'prod')).runbook, renderEnvironment(resolvedEnvironment(operatorConfig, 'prod')).runbook);
});

test.run();
