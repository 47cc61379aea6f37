import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { UserError } from '../../src/errors/diagnostic.js';
import { readLiveObjects } from '../../src/live/cluster/read-live-objects.js';
import type { KindRef, ReadLiveObjectsOptions } from '../../src/live/cluster/live-snapshot.js';
import { closedPort, readLiveFixture, startFakeApiServer, type FakeApiServer } from '../support/fake-apiserver.js';

const rivven = 'rivven.hupe1980.github.io';
const kinds: KindRef[] = [
  { group: '', version: 'v1', kind: 'Service' },
  { group: 'apps', version: 'v1', kind: 'StatefulSet' },
  { group: rivven, version: 'v1alpha1', kind: 'RivvenTopic' },
];
const servicesPath = '/api/v1/namespaces/rivven-prod/services';

let server: FakeApiServer;
let kubeconfigPath: string;
const read = (extra: Partial<ReadLiveObjectsOptions> = {}) =>
  readLiveObjects({ kubeconfigPath, namespace: 'rivven-prod', kinds, env: {}, retryDelayMs: 5, timeoutMs: 2000, ...extra });

/** The coded failure a read ends with; fails the test if it succeeds or throws something uncoded. */
async function failure(work: Promise<unknown>): Promise<{ code: string; message: string; text: string }> {
  try {
    await work;
  } catch (error) {
    assert.instance(error, UserError);
    if (!(error instanceof UserError)) throw error;
    const first = error.findings[0];
    assert.ok(first, 'a UserError carries a finding');
    return { code: first?.code ?? '', message: first?.message ?? '', text: `${String(error)}\n${error.stack ?? ''}\n${JSON.stringify(error.findings)}` };
  }
  throw new Error('expected the read to fail');
}

test.before(async () => {
  server = await startFakeApiServer({ objects: readLiveFixture('rivven-prod') });
  kubeconfigPath = server.writeKubeconfig();
});
test.after(() => server.close());
test.before.each(() => {
  server.clearInjections();
  server.requests.length = 0;
});

test('401: the cluster rejects the token → RG755, naming the user, never the token', async () => {
  const config = server.writeKubeconfig({ contexts: { prod: { token: 'revoked-token-0f3a9c' } }, fileName: 'revoked' });
  const f = await failure(read({ kubeconfigPath: config }));
  assert.is(f.code, 'RG755');
  assert.match(f.message, /rejected the credentials of user "prod-user" \(401 Unauthorized\)/);
  assert.not.ok(f.text.includes('revoked-token-0f3a9c'));
});

test('basic-auth passwords never appear either', async () => {
  const config = server.writeKubeconfig({ contexts: { basic: { username: 'admin', password: 'hunter2-s3cret' } }, fileName: 'basic' });
  const f = await failure(read({ kubeconfigPath: config }));
  assert.is(f.code, 'RG755');
  assert.not.ok(f.text.includes('hunter2-s3cret'));
  assert.ok(server.requests.length > 0, 'the request was sent, and refused');
});

test('401 on a list after discovery still stops the whole read (no half-authorized snapshot)', async () => {
  server.inject({ path: servicesPath, status: 401 });
  const f = await failure(read());
  assert.is(f.code, 'RG755');
});

test('unreachable cluster (closed port) → RG753 quickly, without retrying', async () => {
  const port = await closedPort();
  const config = server.writeKubeconfig({ server: `https://127.0.0.1:${port}`, fileName: 'closed' });
  const started = Date.now();
  const f = await failure(read({ kubeconfigPath: config, retryDelayMs: 1000 }));
  assert.is(f.code, 'RG753');
  assert.match(f.message, new RegExp(`Cannot reach the cluster at https://127\\.0\\.0\\.1:${port} \\(context "fake"\\): ECONNREFUSED`));
  assert.ok(Date.now() - started < 900, 'a refused connection is not retried with backoff');
});

test('unknown host → RG753', async () => {
  const config = server.writeKubeconfig({ server: 'https://api.cluster.invalid:6443', fileName: 'dns' });
  const f = await failure(read({ kubeconfigPath: config }));
  assert.is(f.code, 'RG753');
  assert.match(f.message, /ENOTFOUND|EAI_AGAIN/);
});

test('TLS: a server certificate the kubeconfig does not trust → RG754', async () => {
  const config = server.writeKubeconfig({ ca: 'none', fileName: 'no-ca' });
  const f = await failure(read({ kubeconfigPath: config }));
  assert.is(f.code, 'RG754');
  assert.match(f.message, /failed verification/);
  // Nothing was sent: with an unverified server the token must not leave the machine.
  assert.is(server.requests.length, 0);
});

test('5xx then success: the request is retried and the read succeeds', async () => {
  server.inject({ path: servicesPath, status: 503, times: 2 });
  const snapshot = await read();
  assert.is(snapshot.kinds[0]?.status, 'ok');
  assert.equal(snapshot.objects.filter((o) => o.kind === 'Service').map((o) => o.metadata.name), ['rivven-main']);
  assert.is(server.requests.filter((r) => r.path === servicesPath).length, 3);
});

test('persistent 5xx on one kind: bounded retries, then that kind is a coded error and the rest is read', async () => {
  server.inject({ path: servicesPath, status: 500, message: 'etcdserver: request timed out' });
  const snapshot = await read();
  const services = snapshot.kinds[0];
  assert.is(services?.status, 'error');
  assert.is(services?.code, 'RG760');
  assert.match(services?.message ?? '', /after 3 attempt\(s\) \(HTTP 500: etcdserver: request timed out\).*unknown/);
  assert.is(server.requests.filter((r) => r.path === servicesPath).length, 3);
  assert.is(snapshot.kinds[1]?.status, 'ok');
  assert.not.ok(snapshot.objects.some((o) => o.kind === 'Service'));
});

test('the number of tries is bounded by the option', async () => {
  server.inject({ path: servicesPath, status: 502 });
  const snapshot = await read({ attempts: 5 });
  assert.is(snapshot.kinds[0]?.code, 'RG760');
  assert.is(server.requests.filter((r) => r.path === servicesPath).length, 5);
});

test('persistent 5xx on /apis (nothing can be discovered) → RG760 for the whole read', async () => {
  server.inject({ path: '/apis', status: 503 });
  const f = await failure(read());
  assert.is(f.code, 'RG760');
  assert.match(f.message, /kept failing on GET \/apis after 3 attempt\(s\)/);
  assert.is(server.requests.filter((r) => r.path === '/apis').length, 3);
});

test('a slow answer beyond the timeout is retried; one that stays slow marks the kind timed out', async () => {
  server.inject({ path: servicesPath, delayMs: 1500, times: 1 });
  const retried = await read({ timeoutMs: 300 });
  assert.is(retried.kinds[0]?.status, 'ok');
  assert.is(server.requests.filter((r) => r.path === servicesPath).length, 2);

  server.clearInjections();
  server.requests.length = 0;
  server.inject({ path: servicesPath, delayMs: 1500 });
  const started = Date.now();
  const slow = await read({ timeoutMs: 300 });
  assert.is(slow.kinds[0]?.status, 'error');
  assert.is(slow.kinds[0]?.code, 'RG761');
  assert.match(slow.kinds[0]?.message ?? '', /timed out after 3 attempt\(s\) \(no answer within 0\.3 s\)/);
  assert.ok(Date.now() - started < 1500, 'three 0.3 s tries, not the server\'s 1.5 s');
});

test('a hung discovery endpoint → RG761 for the whole read when it is /apis', async () => {
  server.inject({ path: '/apis', delayMs: 1500 });
  const f = await failure(read({ timeoutMs: 200, attempts: 2 }));
  assert.is(f.code, 'RG761');
});

test('403 on discovery of one group version marks its kinds forbidden', async () => {
  server.inject({ path: `/apis/${rivven}/v1alpha1`, status: 403 });
  const snapshot = await read();
  assert.is(snapshot.kinds[2]?.status, 'forbidden');
  assert.is(snapshot.kinds[0]?.status, 'ok');
});

test('429 Too Many Requests is retried', async () => {
  server.inject({ path: servicesPath, status: 429, times: 1 });
  const snapshot = await read();
  assert.is(snapshot.kinds[0]?.status, 'ok');
});

test.run();
