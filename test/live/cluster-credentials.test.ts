import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { UserError } from '../../src/errors/diagnostic.js';
import { loadKubeconfig } from '../../src/live/cluster/load-kubeconfig.js';
import { readLiveObjects } from '../../src/live/cluster/read-live-objects.js';
import type { ReadLiveObjectsOptions } from '../../src/live/cluster/live-snapshot.js';
import { createRedactor } from '../../src/live/cluster/redact.js';
import { readLiveFixture, startFakeApiServer, type FakeApiServer, type FakeUser } from '../support/fake-apiserver.js';

const execToken = 'exec-noninteractive-7f1e2d3c4b5a';
const expiredToken = 'exec-expired-9a8b7c6d5e4f';
let server: FakeApiServer;

const services = [{ group: '', version: 'v1', kind: 'Service' }];
const read = (kubeconfigPath: string, extra: Partial<ReadLiveObjectsOptions> = {}) =>
  readLiveObjects({ kubeconfigPath, namespace: 'rivven-prod', kinds: services, env: { PATH: process.env['PATH'] }, retryDelayMs: 5, ...extra });

async function failure(work: Promise<unknown>): Promise<{ code: string; message: string; hint: string; text: string }> {
  try {
    await work;
  } catch (error) {
    assert.instance(error, UserError);
    if (!(error instanceof UserError)) throw error;
    const first = error.findings[0];
    return { code: first?.code ?? '', message: first?.message ?? '', hint: first?.hint ?? '', text: `${String(error)}\n${error.stack ?? ''}\n${JSON.stringify(error.findings)}` };
  }
  throw new Error('expected a coded failure');
}

/** Writes a credential plugin (a small node script) and returns the kubeconfig user that runs it. */
function plugin(name: string, source: string): FakeUser {
  const file = path.join(server.dir, `${name}.mjs`);
  writeFileSync(file, source);
  return { exec: { command: process.execPath, args: [file] } };
}

const credential = (token: string, expires?: string) =>
  JSON.stringify({ apiVersion: 'client.authentication.k8s.io/v1', kind: 'ExecCredential', status: { token, ...(expires ? { expirationTimestamp: expires } : {}) } });

test.before(async () => {
  server = await startFakeApiServer({ tokens: ['test-token', execToken], objects: readLiveFixture('rivven-prod') });
});
test.after(() => server.close());

test('an exec plugin runs non-interactively and its token is used', async () => {
  const user = plugin('good', `
    const info = JSON.parse(process.env.KUBERNETES_EXEC_INFO);
    const mode = info.spec.interactive === false ? 'noninteractive' : 'interactive';
    console.log(${JSON.stringify(credential('@@'))}.replace('@@', 'exec-' + mode + '-7f1e2d3c4b5a'));
  `);
  const snapshot = await read(server.writeKubeconfig({ contexts: { exec: user }, fileName: 'good' }));
  assert.is(snapshot.kinds[0]?.status, 'ok');
  assert.ok(server.requests.some((r) => r.token === execToken));
});

test('a relative plugin command resolves against the kubeconfig directory', async () => {
  const dir = path.join(server.dir, 'relative');
  mkdirSync(path.join(dir, 'bin'), { recursive: true });
  const script = path.join(dir, 'bin', 'login.sh');
  writeFileSync(script, `#!/bin/sh\nprintf '%s' '${credential(execToken)}'\n`);
  chmodSync(script, 0o755);
  const config = server.writeKubeconfig({ contexts: { rel: { exec: { command: './bin/login.sh' } } }, fileName: path.join('relative', 'config') });
  const snapshot = await read(config);
  assert.is(snapshot.kinds[0]?.status, 'ok');
});

test('a plugin that waits for input is stopped after the deadline with RG757, not left hanging', async () => {
  // Like a login prompt that keeps waiting for a code: stdin is closed, so it never gets one.
  const user = plugin('prompt', `
    process.stderr.write('Enter the code shown in your browser: ');
    process.stdin.on('data', () => {});
    process.stdin.on('end', () => setInterval(() => {}, 1000));
    process.stdin.resume();
  `);
  const started = Date.now();
  const f = await failure(read(server.writeKubeconfig({ contexts: { prompt: user }, fileName: 'prompt' }), { execTimeoutMs: 800 }));
  assert.is(f.code, 'RG757');
  assert.match(f.message, /did not answer within 0\.8 s .*waiting for input/);
  assert.match(f.message, /Enter the code shown in your browser/);
  assert.ok(Date.now() - started < 5000);
});

test('a plugin reading stdin gets end-of-file at once (stdin is closed, not an open pipe)', async () => {
  const user = plugin('reads-stdin', `
    let input = '';
    process.stdin.on('data', (d) => (input += d));
    process.stdin.on('end', () => { console.error('no input: ' + JSON.stringify(input)); process.exit(3); });
  `);
  const started = Date.now();
  const f = await failure(read(server.writeKubeconfig({ contexts: { stdin: user }, fileName: 'stdin' }), { execTimeoutMs: 10_000 }));
  assert.is(f.code, 'RG756');
  assert.match(f.message, /exited with code 3: no input: ""/);
  assert.ok(Date.now() - started < 5000);
});

test('an expired exec token → the cluster answers 401 → RG755 saying when it expired, never the token', async () => {
  const user = plugin('expired', `console.log(${JSON.stringify(credential(expiredToken, '2024-01-01T00:00:00Z'))});`);
  const f = await failure(read(server.writeKubeconfig({ contexts: { expired: user }, fileName: 'expired' })));
  assert.is(f.code, 'RG755');
  assert.match(f.message, /rejected the token from the credential plugin .* \(401 Unauthorized\)\. It expired at 2024-01-01T00:00:00Z\./);
  assert.match(f.hint, /Log in again/);
  assert.ok(server.requests.some((r) => r.token === expiredToken), 'the expired token was what the server saw');
  assert.not.ok(f.text.includes(expiredToken));
});

test('a failing plugin → RG756 with its error output, credentials in it redacted', async () => {
  const user = plugin('fails', `
    console.error('refresh failed: refresh_token: rt-abcdef123456 rejected; Authorization: Bearer zz-secret-999999');
    process.exit(1);
  `);
  const f = await failure(read(server.writeKubeconfig({ contexts: { fails: user }, fileName: 'fails' })));
  assert.is(f.code, 'RG756');
  assert.match(f.message, /exited with code 1: refresh failed/);
  assert.not.ok(f.text.includes('zz-secret-999999'));
});

test('a plugin printing garbage, a missing plugin, and interactiveMode Always → RG756', async () => {
  const garbage = plugin('garbage', `console.log('token=${execToken}');`);
  const g = await failure(read(server.writeKubeconfig({ contexts: { g: garbage }, fileName: 'garbage' })));
  assert.is(g.code, 'RG756');
  assert.match(g.message, /not an ExecCredential/);
  assert.not.ok(g.text.includes(execToken));

  const missing = await failure(read(server.writeKubeconfig({ contexts: { m: { exec: { command: 'kubelogin-that-is-not-installed' } } }, fileName: 'missing' })));
  assert.is(missing.code, 'RG756');
  assert.match(missing.message, /is not installed or not on PATH/);

  const always = await failure(read(server.writeKubeconfig({ contexts: { a: { exec: { command: 'whatever', interactiveMode: 'Always' } } }, fileName: 'always' })));
  assert.is(always.code, 'RG756');
  assert.match(always.message, /needs an interactive terminal/);
});

test('KUBECONFIG lists several files: the first that defines a name wins, missing entries are skipped', async () => {
  const first = server.writeKubeconfig({ contexts: { staging: { token: 'wrong-token-staging' } }, currentContext: 'staging', fileName: 'first' });
  const second = server.writeKubeconfig({ contexts: { prod: { token: 'test-token' } }, currentContext: 'prod', fileName: 'second' });
  const env = { KUBECONFIG: [path.join(server.dir, 'absent'), first, second].join(path.delimiter) };
  const redactor = createRedactor();
  const loaded = await loadKubeconfig({ env }, redactor);
  assert.is(loaded.contextName, 'staging');
  const prod = await readLiveObjects({ namespace: 'rivven-prod', kinds: services, env, context: 'prod' });
  assert.is(prod.kinds[0]?.status, 'ok');
});

test('context selection: an unknown --context → RG752 listing the contexts', async () => {
  const config = server.writeKubeconfig({ contexts: { dev: { token: 'test-token' }, prod: { token: 'test-token' } }, fileName: 'two' });
  const f = await failure(read(config, { context: 'production' }));
  assert.is(f.code, 'RG752');
  assert.match(f.message, /Context "production" is not in the kubeconfig .*\(contexts: dev, prod\)/);
});

test('~/.kube/config is the fallback; without any credentials → RG750', async () => {
  const home = path.join(server.dir, 'home');
  mkdirSync(path.join(home, '.kube'), { recursive: true });
  writeFileSync(path.join(home, '.kube', 'config'), '');
  const viaHome = server.writeKubeconfig({ fileName: path.join('home', '.kube', 'config') });
  const loaded = await loadKubeconfig({ env: { HOME: home } }, createRedactor());
  assert.is(loaded.source, viaHome);
  const f = await failure(readLiveObjects({ namespace: 'x', kinds: services, env: { HOME: path.join(server.dir, 'nobody') } }));
  assert.is(f.code, 'RG750');
});

test('in a pod: the service account token and CA are used', async () => {
  const sa = path.join(server.dir, 'serviceaccount');
  mkdirSync(sa, { recursive: true });
  writeFileSync(path.join(sa, 'token'), 'test-token');
  writeFileSync(path.join(sa, 'ca.crt'), server.caPem);
  const loaded = await loadKubeconfig({ env: { KUBERNETES_SERVICE_HOST: '127.0.0.1', KUBERNETES_SERVICE_PORT: String(server.port) }, serviceAccountDir: sa }, createRedactor());
  assert.is(loaded.cluster.server, server.url);
  assert.is(loaded.source, 'in-cluster service account');
});

test('an explicit kubeconfig that is missing or broken → RG751, without quoting the file', async () => {
  const missing = await failure(read(path.join(server.dir, 'nope.yaml')));
  assert.is(missing.code, 'RG751');
  assert.match(missing.message, /does not exist/);
  const broken = path.join(server.dir, 'broken.yaml');
  writeFileSync(broken, 'users:\n- name: u\n  user:\n    token: tok-leaky-123456\n    : [unclosed\n');
  const f = await failure(read(broken));
  assert.is(f.code, 'RG751');
  assert.match(f.message, /not valid YAML \(line \d+/);
  assert.not.ok(f.text.includes('tok-leaky-123456'));
});

test('the redactor removes known secrets and anything shaped like a credential', () => {
  const redactor = createRedactor();
  redactor.add('plain-known-secret');
  const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzeXN0ZW06c2EifQ.c2lnbmF0dXJlLWJ5dGVz';
  const text = redactor.redact([
    'known: plain-known-secret.',
    `jwt ${jwt} end`,
    'Authorization: Bearer abcdef0123456789',
    '"refresh-token": "r-0011223344"',
    '-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIB\n-----END EC PRIVATE KEY-----',
  ].join('\n'));
  for (const secret of ['plain-known-secret', jwt, 'abcdef0123456789', 'r-0011223344', 'MHcCAQEEIB']) assert.not.ok(text.includes(secret), secret);
  assert.match(text, /known: \[redacted\]\./);
  assert.match(text, /Bearer \[redacted\]/);
});

test.run();
