import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readLiveObjects } from '../../src/live/cluster/read-live-objects.js';
import type { KindRef } from '../../src/live/cluster/live-snapshot.js';
import { readLiveFixture, startFakeApiServer, type FakeApiServer } from '../support/fake-apiserver.js';
import { resourcesWithout } from '../support/fake-apiserver-objects.js';

const rivven = 'rivven.hupe1980.github.io';
const kinds: KindRef[] = [
  { group: '', version: 'v1', kind: 'Service' },
  { group: '', version: 'v1', kind: 'ConfigMap' },
  { group: 'apps', version: 'v1', kind: 'StatefulSet' },
  { group: rivven, version: 'v1alpha1', kind: 'RivvenTopic' },
  { group: rivven, version: 'v1alpha1', kind: 'RivvenCluster' },
];

let server: FakeApiServer;
let kubeconfigPath: string;
const base = () => ({ kubeconfigPath, namespace: 'rivven-prod', env: {}, retryDelayMs: 5 });
const names = (objects: readonly { kind: string; metadata: { name: string } }[], kind: string) =>
  objects.filter((o) => o.kind === kind).map((o) => o.metadata.name);

test.before(async () => {
  server = await startFakeApiServer({ objects: readLiveFixture('rivven-prod') });
  kubeconfigPath = server.writeKubeconfig();
});
test.after(() => server.close());
test.before.each(() => {
  server.clearInjections();
  server.requests.length = 0;
});

test('reads every rendered kind of the namespace, with kind and apiVersion filled in', async () => {
  const snapshot = await readLiveObjects({ ...base(), kinds });
  assert.equal(snapshot.kinds.map((k) => `${k.kind}:${k.status}`), ['Service:ok', 'ConfigMap:ok', 'StatefulSet:ok', 'RivvenTopic:ok', 'RivvenCluster:ok']);
  assert.equal(names(snapshot.objects, 'Service'), ['rivven-main']);
  // The namespace's own kube-root-ca.crt is live too: the diff, not the reader, decides it is not ours.
  assert.equal(names(snapshot.objects, 'ConfigMap'), ['kube-root-ca.crt', 'rivven-main-config']);
  assert.equal(names(snapshot.objects, 'RivvenTopic'), ['audit-log', 'orders-events']);
  const sts = snapshot.objects.find((o) => o.kind === 'StatefulSet');
  assert.is(sts?.apiVersion, 'apps/v1');
  assert.is(snapshot.objects.find((o) => o.kind === 'Service')?.apiVersion, 'v1');
  assert.is(snapshot.objects.find((o) => o.kind === 'RivvenTopic')?.apiVersion, `${rivven}/v1alpha1`);
  // Server-side fields are kept for the diff to use: managedFields shows the HPA owns spec.replicas.
  assert.match(JSON.stringify(sts?.metadata), /"manager":"kube-controller-manager","operation":"Update","subresource":"scale"/);
  assert.equal(Object.keys(sts ?? {}).slice(0, 2), ['apiVersion', 'kind']);
  // Only this namespace was listed, and nothing but GET was sent.
  assert.ok(snapshot.objects.every((o) => o.metadata.namespace === 'rivven-prod'));
  assert.ok(server.requests.every((r) => r.method === 'GET'));
  assert.ok(server.requests.filter((r) => r.path.endsWith('/services')).every((r) => r.path === '/api/v1/namespaces/rivven-prod/services'));
});

test('a kind asked for twice is read once', async () => {
  const first = kinds[0];
  if (!first) throw new Error('no kinds');
  const snapshot = await readLiveObjects({ ...base(), kinds: [first, ...kinds] });
  assert.is(snapshot.kinds.length, kinds.length);
  assert.equal(names(snapshot.objects, 'Service'), ['rivven-main']);
  assert.is(server.requests.filter((r) => r.path === '/api/v1/namespaces/rivven-prod/services').length, 1);
});

test('the fake server really omits kind on list items of built-in kinds (so the filling above is needed)', async () => {
  const res = await fetchJson(server, '/api/v1/namespaces/rivven-prod/services');
  assert.is(res.kind, 'ServiceList');
  assert.ok(Array.isArray(res.items) && res.items.length === 1);
  assert.not.ok('kind' in (res.items[0] ?? {}));
});

test('Secrets are refused even when asked for, and never requested', async () => {
  const snapshot = await readLiveObjects({ ...base(), kinds: [{ group: '', version: 'v1', kind: 'Secret' }, ...kinds] });
  const secret = snapshot.kinds.find((k) => k.kind === 'Secret');
  assert.is(secret?.status, 'forbidden');
  assert.is(secret?.code, 'RG762');
  assert.not.ok(snapshot.objects.some((o) => o.kind === 'Secret'));
  assert.ok(server.requests.length > 0);
  assert.not.ok(server.requests.some((r) => r.path.includes('/secrets')), server.requests.map((r) => r.path).join('\n'));
  assert.not.ok(JSON.stringify(snapshot).includes('c3VwZXItc2VjcmV0'));
});

test('403 on one kind marks it forbidden while the other kinds are read', async () => {
  server.inject({ path: `/apis/${rivven}/v1alpha1/namespaces/rivven-prod/rivventopics`, status: 403 });
  const snapshot = await readLiveObjects({ ...base(), kinds });
  const topics = snapshot.kinds.find((k) => k.kind === 'RivvenTopic');
  assert.is(topics?.status, 'forbidden');
  assert.is(topics?.code, 'RG758');
  assert.match(topics?.message ?? '', /cannot list resource "rivventopics"/);
  assert.match(topics?.message ?? '', /unknown/);
  assert.equal(names(snapshot.objects, 'RivvenTopic'), []);
  assert.equal(names(snapshot.objects, 'RivvenCluster'), ['main']);
  assert.equal(names(snapshot.objects, 'Service'), ['rivven-main']);
});

test('a kind whose CRD is not installed is reported as not-installed, and nothing is listed for it', async () => {
  const bare = await startFakeApiServer({ resources: resourcesWithout(rivven), objects: readLiveFixture('rivven-prod').filter((o) => !o.apiVersion.startsWith(rivven)) });
  try {
    const snapshot = await readLiveObjects({ ...base(), kubeconfigPath: bare.writeKubeconfig(), kinds });
    const topics = snapshot.kinds.find((k) => k.kind === 'RivvenTopic');
    assert.is(topics?.status, 'not-installed');
    assert.is(topics?.code, 'RG759');
    assert.match(topics?.message ?? '', /no API group rivven\.hupe1980\.github\.io.*CustomResourceDefinition/);
    assert.is(snapshot.kinds.find((k) => k.kind === 'Service')?.status, 'ok');
    assert.not.ok(bare.requests.some((r) => r.path.includes('rivventopics')));
  } finally {
    await bare.close();
  }
});

test('a version the cluster does not serve, or a kind missing from a served group, is not-installed', async () => {
  const snapshot = await readLiveObjects({ ...base(), kinds: [{ group: rivven, version: 'v1beta1', kind: 'RivvenTopic' }, { group: rivven, version: 'v1alpha1', kind: 'RivvenMirror' }] });
  assert.equal(snapshot.kinds.map((k) => k.status), ['not-installed', 'not-installed']);
  assert.match(snapshot.kinds[0]?.message ?? '', /serves rivven\.hupe1980\.github\.io at v1alpha1, not v1beta1/);
  assert.match(snapshot.kinds[1]?.message ?? '', /not the kind RivvenMirror/);
});

test('404 for a group version during discovery marks its kinds not-installed', async () => {
  server.inject({ path: '/apis/apps/v1', status: 404 });
  const snapshot = await readLiveObjects({ ...base(), kinds });
  assert.is(snapshot.kinds.find((k) => k.kind === 'StatefulSet')?.status, 'not-installed');
  assert.is(snapshot.kinds.find((k) => k.kind === 'Service')?.status, 'ok');
});

test('cluster-scoped objects are read by name only; a missing one is simply absent', async () => {
  const snapshot = await readLiveObjects({
    ...base(),
    kinds: [],
    clusterScoped: [
      { group: '', version: 'v1', kind: 'Namespace', names: ['rivven-prod', 'rivven-gone'] },
      { group: 'rbac.authorization.k8s.io', version: 'v1', kind: 'ClusterRole', names: ['rivven-operator'] },
    ],
  });
  assert.equal(snapshot.kinds.map((k) => `${k.kind}:${k.status}`), ['Namespace:ok', 'ClusterRole:ok']);
  assert.equal(snapshot.objects.map((o) => `${o.apiVersion} ${o.kind} ${o.metadata.name}`), ['v1 Namespace rivven-prod']);
  assert.ok(server.requests.some((r) => r.path === '/api/v1/namespaces/rivven-gone'));
  // Never a cluster-wide list: other teams' objects are none of our business.
  assert.not.ok(server.requests.some((r) => r.path === '/api/v1/namespaces' || r.path.endsWith('/clusterroles')));
});

test('a kind requested with the wrong scope is an error for that kind, not a cluster-wide list', async () => {
  const snapshot = await readLiveObjects({ ...base(), kinds: [{ group: '', version: 'v1', kind: 'Namespace' }] });
  assert.is(snapshot.kinds[0]?.status, 'error');
  assert.is(snapshot.kinds[0]?.code, 'RG764');
  assert.not.ok(server.requests.some((r) => r.path === '/api/v1/namespaces'));
});

test('long lists are read page by page', async () => {
  const many = Array.from({ length: 1203 }, (_, i) => ({
    apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `cm-${String(i).padStart(4, '0')}`, namespace: 'paged' }, data: { i: String(i) },
  }));
  server.seed(...many);
  const snapshot = await readLiveObjects({ ...base(), namespace: 'paged', kinds: [{ group: '', version: 'v1', kind: 'ConfigMap' }] });
  assert.is(snapshot.objects.length, 1204); // + kube-root-ca.crt
  const pages = server.requests.filter((r) => r.path === '/api/v1/namespaces/paged/configmaps');
  assert.is(pages.length, 3);
  assert.ok(pages.every((r) => r.query['limit'] === '500'));
  assert.ok(pages[1]?.query['continue']);
});

async function fetchJson(s: FakeApiServer, path: string): Promise<{ kind?: string; items?: Record<string, unknown>[] }> {
  const https = await import('node:https');
  return new Promise((resolve, reject) => {
    https.get(`${s.url}${path}`, { ca: s.caPem, headers: { Authorization: 'Bearer test-token' } }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve(JSON.parse(body)));
    }).on('error', reject);
  });
}

test.run();
