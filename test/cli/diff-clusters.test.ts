/**
 * `diff --against live` on a fleet whose environments live on two clusters: two local API servers, one
 * kubeconfig with a context for each. Each environment is read from its own server (asserted on what
 * each server was asked), a context that reaches the wrong server is RG765, --context with several
 * environments is RG637, and a cluster that cannot be reached fails its environment only.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { stringify } from 'yaml';
import { main } from '../../src/cli/main.js';
import type { DiffJsonV1 } from '../../src/report/diff-json.js';
import { compileProject } from '../../src/compile.js';
import { fixturesDir } from '../diff/fixtures.js';
import { defaultToken, startFakeApiServer, type FakeApiServer } from '../support/fake-apiserver.js';

let root: string;
let eu: FakeApiServer;
let us: FakeApiServer;
let kubeDir: string;

async function cli(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { cwd: root, stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), env: { NO_COLOR: '1' }, isTTY: false });
  return { code, stdout, stderr };
}

/** One kubeconfig, one cluster and context per entry; `current` is the current context. */
function kubeconfig(file: string, contexts: Record<string, FakeApiServer | string>, current: string): string {
  const names = Object.keys(contexts);
  const config = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: names.map((name) => {
      const target = contexts[name];
      const server = typeof target === 'string' ? target : target?.url;
      const ca = typeof target === 'string' ? undefined : target?.caPem;
      return { name: `${name}-cluster`, cluster: { server, ...(ca === undefined ? {} : { 'certificate-authority-data': Buffer.from(ca).toString('base64') }) } };
    }),
    users: [{ name: 'user', user: { token: defaultToken } }],
    contexts: names.map((name) => ({ name, context: { cluster: `${name}-cluster`, user: 'user' } })),
    'current-context': current,
  };
  const target = path.join(kubeDir, file);
  fs.writeFileSync(target, stringify(config));
  return target;
}

/** The fleet of the diff tests with dev on cluster eu-1 (by context) and prod on us-1 (by server only). */
function writeClusters(euServer: string, usServer: string): void {
  const file = path.join(root, 'rivven.config.ts');
  const text = fs.readFileSync(path.join(fixturesDir, 'fleet', 'rivven.config.ts'), 'utf8');
  const clusters = `  clusters: {\n    'eu-1': { server: '${euServer}/', kubeContext: 'eu', region: 'eu' },\n    'us-1': { server: '${usServer}', region: 'us' },\n  },\n`;
  fs.writeFileSync(file, text.replace("  project: 'shop',\n", `  project: 'shop',\n${clusters}`));
  for (const [env, id] of [['dev', 'eu-1'], ['prod', 'us-1']]) {
    const envFile = path.join(root, 'environments', `${env}.ts`);
    const original = fs.readFileSync(path.join(fixturesDir, 'fleet', 'environments', `${env}.ts`), 'utf8');
    fs.writeFileSync(envFile, original.replace('defineEnvironment({\n', `defineEnvironment({\n  kubeCluster: '${id}',\n`));
  }
}

test.before(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'rivven-diff-clusters-'));
  kubeDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rivven-kube-'));
  fs.cpSync(path.join(fixturesDir, 'fleet'), root, { recursive: true });
  eu = await startFakeApiServer();
  us = await startFakeApiServer();
  writeClusters(eu.url, us.url);
  // Each cluster holds its own environment as Argo CD applied it.
  const compiled = await compileProject({ root, typecheck: false });
  for (const [name, server] of [['dev', eu], ['prod', us]] as const) {
    const env = compiled.render.environments.find((e) => e.name === name);
    if (env === undefined) throw new Error(`no ${name}`);
    server.apply(env.objects, { argocdApp: `shop-${name}` });
  }
});

test.after(async () => {
  await eu.close();
  await us.close();
  fs.rmSync(root, { recursive: true, force: true });
  fs.rmSync(kubeDir, { recursive: true, force: true });
});

test.before.each(() => {
  eu.requests.length = 0;
  us.requests.length = 0;
});

const namespacesAsked = (server: FakeApiServer) => [...new Set(server.requests.map((r) => /\/namespaces\/([^/]+)\//.exec(r.path)?.[1]).filter((n) => n !== undefined))].sort();

test('both environments in one diff: each is read from its own server, whichever context is current', async () => {
  // The current context is the US one: before, dev would have been diffed against the US cluster.
  const config = kubeconfig('two.yaml', { eu, us }, 'us');
  const { code, stdout, stderr } = await cli(['diff', '--against', 'live', '--kubeconfig', config, '--format', 'json']);
  const report: DiffJsonV1 = JSON.parse(stdout);
  assert.is(code, 0, stderr + stdout);
  assert.equal(report.environments.map((e) => [e.name, e.status]), [['dev', 'unchanged'], ['prod', 'unchanged']]);
  assert.equal(namespacesAsked(eu), ['shop-dev']);
  assert.equal(namespacesAsked(us), ['shop-prod']);
  const used = (name: string) => report.environments.find((e) => e.name === name)?.problems.find((p) => p.code === 'RG767')?.message ?? '';
  assert.match(used('dev'), /context "eu".*clusters\.eu-1\.kubeContext/);
  assert.match(used('prod'), /context "us".*the only context for/);
});

test('a context that reaches another server than the declared one is RG765, naming both', async () => {
  // The "eu" context points at the US server.
  const config = kubeconfig('wrong.yaml', { eu: us, us }, 'us');
  const { code, stdout, stderr } = await cli(['diff', '--env', 'dev', '--against', 'live', '--kubeconfig', config]);
  assert.is(code, 1, stdout);
  assert.match(stderr, /RG765/);
  assert.match(stderr, new RegExp(`Environment dev declares cluster "eu-1" at ${eu.url.replace(/[.]/g, '\\.')}, but context "eu" \\(clusters\\.eu-1\\.kubeContext\\) reaches ${us.url.replace(/[.]/g, '\\.')}`));
  assert.is(eu.requests.length + us.requests.length, 0, 'nothing was read');
});

test('--context is for one environment only (RG637); with one it is used and still checked', async () => {
  const config = kubeconfig('two.yaml', { eu, us }, 'us');
  const many = await cli(['diff', '--against', 'live', '--kubeconfig', config, '--context', 'eu']);
  assert.is(many.code, 1);
  assert.match(many.stderr, /RG637/);
  const wrong = await cli(['diff', '--env', 'prod', '--against', 'live', '--kubeconfig', config, '--context', 'eu']);
  assert.is(wrong.code, 1);
  assert.match(wrong.stderr, /RG765/);
  const right = await cli(['diff', '--env', 'prod', '--against', 'live', '--kubeconfig', config, '--context', 'us']);
  assert.is(right.code, 0, right.stderr);
  assert.equal(namespacesAsked(us), ['shop-prod']);
});

test('a declared cluster with no context for its server is RG766, not the current context', async () => {
  const config = kubeconfig('eu-only.yaml', { eu }, 'eu');
  const { code, stdout, stderr } = await cli(['diff', '--against', 'live', '--kubeconfig', config, '--format', 'json']);
  // dev is still reported; prod fails alone: exit 1 as for any environment that cannot be read.
  assert.is(code, 1, stderr);
  const report: DiffJsonV1 = JSON.parse(stdout);
  assert.equal(report.environments.map((e) => [e.name, e.status]), [['dev', 'unchanged'], ['prod', 'error']]);
  assert.ok(report.environments[1]?.problems.some((p) => p.code === 'RG766'));
  assert.equal(namespacesAsked(eu), ['shop-dev']);
});

test.run();
