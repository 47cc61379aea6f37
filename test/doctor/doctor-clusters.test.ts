/**
 * `doctor` on a fleet whose environments live on two clusters: two local API servers, one kubeconfig
 * with a context for each (dev on eu-1 by kubeContext, prod on us-1 by server only). Each environment
 * is checked against its own server, and --context with several environments is RG637.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { stringify } from 'yaml';
import { main } from '../../src/cli/main.js';
import { fixturesDir } from '../diff/fixtures.js';
import { defaultToken, startFakeApiServer, type FakeApiServer } from '../support/fake-apiserver.js';

let root: string;
let eu: FakeApiServer;
let us: FakeApiServer;
let kubeDir: string;
let kubeconfigFile: string;

async function cli(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { cwd: root, stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), env: { NO_COLOR: '1' }, isTTY: false });
  return { code, stdout, stderr };
}

/** One kubeconfig with a cluster and context per server; the current context is eu's, which prod must not use. */
function writeKubeconfig(): string {
  const entries = [['eu', eu], ['us', us]] as const;
  const config = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: entries.map(([name, s]) => ({ name: `${name}-cluster`, cluster: { server: s.url, 'certificate-authority-data': Buffer.from(s.caPem).toString('base64') } })),
    users: [{ name: 'user', user: { token: defaultToken } }],
    contexts: entries.map(([name]) => ({ name, context: { cluster: `${name}-cluster`, user: 'user' } })),
    'current-context': 'eu',
  };
  const target = path.join(kubeDir, 'config');
  fs.writeFileSync(target, stringify(config));
  return target;
}

test.before(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'rivven-doctor-clusters-'));
  kubeDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rivven-kube-'));
  fs.cpSync(path.join(fixturesDir, 'fleet'), root, { recursive: true });
  eu = await startFakeApiServer();
  us = await startFakeApiServer();
  const text = fs.readFileSync(path.join(fixturesDir, 'fleet', 'rivven.config.ts'), 'utf8');
  const clusters = `  clusters: {\n    'eu-1': { server: '${eu.url}/', kubeContext: 'eu', region: 'eu' },\n    'us-1': { server: '${us.url}', region: 'us' },\n  },\n`;
  fs.writeFileSync(path.join(root, 'rivven.config.ts'), text.replace("  project: 'shop',\n", `  project: 'shop',\n${clusters}`));
  for (const [env, id] of [['dev', 'eu-1'], ['prod', 'us-1']]) {
    const original = fs.readFileSync(path.join(fixturesDir, 'fleet', 'environments', `${env}.ts`), 'utf8');
    fs.writeFileSync(path.join(root, 'environments', `${env}.ts`), original.replace('defineEnvironment({\n', `defineEnvironment({\n  kubeCluster: '${id}',\n`));
  }
  kubeconfigFile = writeKubeconfig();
});

test.after(async () => {
  await eu.close();
  await us.close();
  fs.rmSync(root, { recursive: true, force: true });
  fs.rmSync(kubeDir, { recursive: true, force: true });
});

interface DoctorJson {
  environments: { name: string; server: string; context: string }[];
}

test('doctor: each environment is checked against its own cluster', async () => {
  const euBefore = eu.requests.length;
  const usBefore = us.requests.length;
  const json = await cli(['doctor', '--kubeconfig', kubeconfigFile, '--format', 'json']);
  const report = JSON.parse(json.stdout) as DoctorJson;
  assert.equal(report.environments.map((e) => [e.name, e.context, e.server]), [['dev', 'eu', eu.url], ['prod', 'us', us.url]], json.stderr);
  // prod's namespace was read only on us, dev's only on eu.
  const paths = (s: FakeApiServer, from: number) => s.requests.slice(from).map((r) => r.path);
  assert.ok(paths(us, usBefore).some((p) => p.includes('/namespaces/shop-prod/')), paths(us, usBefore).join('\n'));
  assert.not.ok(paths(us, usBefore).some((p) => p.includes('/namespaces/shop-dev/')));
  assert.ok(paths(eu, euBefore).some((p) => p.includes('/namespaces/shop-dev/')), paths(eu, euBefore).join('\n'));
  assert.not.ok(paths(eu, euBefore).some((p) => p.includes('/namespaces/shop-prod/')));
  const text = await cli(['doctor', '--kubeconfig', kubeconfigFile]);
  assert.match(text.stdout, new RegExp(`Cluster ${eu.url} \\(context "eu"\\)\\n\\n.*dev \\(namespace`));
  assert.match(text.stdout, new RegExp(`Cluster ${us.url} \\(context "us"\\)\\n\\n.*prod \\(namespace`));
});

test('doctor: --context with several environments is RG637; with one it must reach the declared server (RG765)', async () => {
  const many = await cli(['doctor', '--kubeconfig', kubeconfigFile, '--context', 'us']);
  assert.is(many.code, 1, many.stdout + many.stderr);
  assert.match(many.stderr, /RG637/);
  const wrong = await cli(['doctor', '--env', 'prod', '--kubeconfig', kubeconfigFile, '--context', 'eu']);
  assert.match(wrong.stderr, /RG765/);
  assert.is.not(wrong.code, 0);
});

test.run();
