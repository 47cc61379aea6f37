/**
 * Every object of every overlay of the example fleet (target manifests; dev without TLS, staging and
 * prod with it), and the same environments rendered with TLS flipped, agree with the fact table:
 * broker env names rivvend reads, ports it listens on, probes and scrape schemes matching what each
 * listener serves, network policies opening only real ports, and a runbook that speaks the same scheme.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { helperEnv, rivvendEnv, rivvendListeners, rivvenImages } from '../../src/facts/rivvend.js';
import { renderEnvironment } from '../../src/render/render-fleet.js';
import type { K8sObject } from '../../src/render/k8s-object.js';
import { resolvedEnvironment } from '../support/resolved.js';
import { kustomizeBuild } from '../support/kubectl.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
type Obj = Record<string, unknown>;
const listenerPorts = new Map(Object.values(rivvendListeners).map((l) => [l.port, l]));

function rec(v: unknown): Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : {};
}
function arr(v: unknown): Obj[] {
  return Array.isArray(v) ? v.map(rec) : [];
}

/** The broker container's TLS state and the checks on it; returns whether the HTTP API serves TLS. */
function checkBrokerStatefulSet(sts: Obj, where: string): boolean {
  const pod = rec(rec(rec(sts['spec'])['template'])['spec']);
  const container = arr(pod['containers']).find((c) => c['name'] === 'rivvend');
  assert.ok(container, `${where}: no rivvend container`);
  const env = arr(container['env']);
  for (const e of env) {
    const name = String(e['name']);
    assert.ok(name in rivvendEnv || helperEnv.includes(name), `${where}: env ${name} is not a variable rivvend reads`);
  }
  const value = (n: string) => env.find((e) => e['name'] === n)?.['value'];
  const tls = value('RIVVEN_TLS_ENABLED') === 'true';
  if (tls) {
    const mounts = arr(container['volumeMounts']).map((m) => String(m['mountPath']));
    for (const v of ['RIVVEN_TLS_CERT', 'RIVVEN_TLS_KEY']) {
      const file = String(value(v));
      assert.ok(mounts.some((m) => file.startsWith(`${m}/`)), `${where}: ${v}=${file} is not on a mounted volume`);
    }
  }
  const ports = new Map<string, number>();
  for (const p of arr(container['ports'])) {
    const port = Number(p['containerPort']);
    const listener = listenerPorts.get(port);
    assert.ok(listener, `${where}: container port ${port} is not a rivvend listener`);
    assert.ok(listener.protocols.includes(String(p['protocol']) as 'TCP' | 'UDP'), `${where}: ${port}/${String(p['protocol'])} is not served`);
    ports.set(String(p['name']), port);
  }
  for (const probeName of ['startupProbe', 'livenessProbe', 'readinessProbe']) {
    const probe = rec(container[probeName]);
    const http = rec(probe['httpGet']);
    const tcp = rec(probe['tcpSocket']);
    const portRef = http['port'] ?? tcp['port'];
    if (portRef === undefined) continue;
    const port = typeof portRef === 'number' ? portRef : ports.get(String(portRef));
    assert.ok(port !== undefined, `${where}: ${probeName} port ${String(portRef)} is not declared`);
    if (probe['httpGet'] !== undefined) {
      const listener = listenerPorts.get(port);
      assert.ok(listener?.paths?.includes(String(http['path'])), `${where}: ${probeName} GETs ${String(http['path'])} on ${port}, which does not serve it`);
      const expected = tls && listener?.tlsWhenEnabled === 'served' ? 'HTTPS' : 'HTTP';
      assert.is(http['scheme'] ?? 'HTTP', expected, `${where}: ${probeName} scheme`);
    }
  }
  const user = rec(pod['securityContext'])['runAsUser'];
  assert.is(user, rivvenImages.user, `${where}: pods run as the image user`);
  return tls;
}

function checkMonitor(o: Obj, tls: boolean, where: string): void {
  const spec = rec(o['spec']);
  const endpoints = [...arr(spec['endpoints']), ...arr(spec['podMetricsEndpoints'])];
  for (const e of endpoints) {
    assert.ok(rivvendListeners.http.paths?.includes(String(e['path'])), `${where}: scrapes ${String(e['path'])}`);
    assert.is(e['scheme'], tls ? 'https' : 'http', `${where}: scrape scheme must match what 9094 serves`);
    if (tls) assert.ok(e['tlsConfig'] !== undefined, `${where}: https without tlsConfig`);
    const target = arr(e['relabelings']).find((r) => r['targetLabel'] === '__address__');
    assert.match(String(target?.['replacement']), `:${rivvendListeners.http.port}`, `${where}: scrape target is not the HTTP API`);
  }
}

function checkBrokerPolicies(o: Obj, where: string): void {
  const spec = rec(o['spec']);
  const selector = rec(rec(spec['podSelector'])['matchLabels']);
  if (selector['app.kubernetes.io/name'] !== 'rivven') return;
  for (const rule of [...arr(spec['ingress']), ...arr(spec['egress'])]) {
    for (const p of arr(rule['ports'])) {
      const listener = listenerPorts.get(Number(p['port']));
      assert.ok(listener, `${where}: opens ${String(p['port'])}, which no rivvend listener serves`);
      assert.ok(listener.protocols.includes(String(p['protocol']) as 'TCP' | 'UDP'), `${where}: ${String(p['port'])}/${String(p['protocol'])}`);
    }
  }
}

function checkRunbook(runbook: string, tls: boolean, where: string): void {
  const api = `127.0.0.1:${rivvendListeners.http.port}`;
  if (tls) {
    assert.ok(runbook.includes(`https://${api}`), `${where}: runbook must use https`);
    assert.not.ok(runbook.includes(`http://${api}`), `${where}: runbook asks plain http of a TLS listener`);
  } else {
    assert.not.ok(runbook.includes(`https://${api}`), `${where}: runbook asks https of a plain listener`);
  }
  assert.ok(runbook.includes(`runAsUser: ${rivvenImages.user}`), `${where}: debug container runs as the image user`);
}

function checkObjects(objects: readonly Obj[], runbook: string, where: string): boolean {
  const sts = objects.find((o) => o['kind'] === 'StatefulSet');
  assert.ok(sts, `${where}: no broker StatefulSet`);
  const tls = checkBrokerStatefulSet(sts, where);
  for (const o of objects) {
    const id = `${where} ${String(o['kind'])}/${String(rec(o['metadata'])['name'])}`;
    if (o['kind'] === 'ServiceMonitor' || (o['kind'] === 'PodMonitor' && !String(rec(o['metadata'])['name']).endsWith('-connect'))) checkMonitor(o, tls, id);
    if (o['kind'] === 'NetworkPolicy') checkBrokerPolicies(o, id);
    if (o['kind'] === 'Service' && rec(rec(o['spec'])['selector'])['app.kubernetes.io/name'] === 'rivven') {
      for (const p of arr(rec(o['spec'])['ports'])) assert.ok(listenerPorts.has(Number(p['targetPort'] ?? p['port'])) || typeof p['targetPort'] === 'string', `${id}: port ${String(p['port'])}`);
    }
    assert.not.ok(String(o['apiVersion']).startsWith('rivven.hupe1980.github.io'), `${id}: target manifests renders no Rivven custom resources`);
  }
  checkRunbook(runbook, tls, where);
  return tls;
}

const overlays = ['dev', 'staging', 'prod'];

test('every committed overlay of the example agrees with the fact table (dev without TLS, staging and prod with)', async () => {
  const seen = new Set<boolean>();
  for (const env of overlays) {
    const dir = path.join(repoRoot, 'out/overlays', env);
    const objects = (await kustomizeBuild(dir)).map((o) => rec(JSON.parse(JSON.stringify(o))));
    seen.add(checkObjects(objects, readFileSync(path.join(dir, 'RUNBOOK.md'), 'utf8'), `overlay ${env}`));
  }
  assert.equal([...seen].sort(), [false, true], 'the example covers both TLS states');
});

const base = {
  project: 'rivven',
  rivvenVersion: '0.0.22',
  target: 'manifests' as const,
  cluster: { name: 'main', replicas: 3, clusterAuthToken: { secretName: 't', key: 'token' } },
  monitoring: { serviceMonitor: true, podMonitor: true },
  networkPolicy: {},
};

for (const tls of [false, true]) {
  test(`a rendered environment with TLS ${tls ? 'on' : 'off'} agrees with the fact table`, () => {
    const cluster = tls ? { ...base.cluster, tls: { enabled: true, certManager: { issuerRef: { name: 'rivven-ca', kind: 'ClusterIssuer' as const } } } } : base.cluster;
    const env = resolvedEnvironment({ ...base, cluster, namespace: 'rivven-test' });
    const rendered = renderEnvironment(env);
    const objects = rendered.objects.map((o: K8sObject) => rec(JSON.parse(JSON.stringify(o))));
    assert.is(checkObjects(objects, rendered.runbook, `tls ${tls ? 'on' : 'off'}`), tls);
  });
}

test.run();
