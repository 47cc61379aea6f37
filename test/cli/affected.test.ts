/**
 * `affected --against git:REF` on a temp repository holding a fleet with two production regions in a
 * subfolder (environments/prod/eu.ts, environments/prod/us.ts) and its built out/ committed: a change to
 * one region's file lists exactly that environment, a change to the base lists all; and `--env` takes the
 * same globs and selectors in build and diff.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { main } from '../../src/cli/main.js';
import { fixturesDir } from '../diff/fixtures.js';

let root: string;

async function cli(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { cwd: root, stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), env: { NO_COLOR: '1' }, isTTY: false });
  return { code, stdout, stderr };
}

function git(...args: string[]): void {
  execFileSync('git', ['-c', 'user.email=test@example.com', '-c', 'user.name=test', '-c', 'commit.gpgsign=false', ...args], { cwd: root, stdio: 'ignore' });
}

const region = (name: string) => `import { defineEnvironment } from 'rivven-gitops';

export default defineEnvironment({
  namespace: 'shop-prod-${name}',
  profile: 'production',
  kubeCluster: 'prod-${name}-1',
  cluster: { replicas: 5, storage: { size: '500Gi' } },
  topics: {
    orders: { partitions: 24 },
  },
});
`;

const clusters = `  clusters: {
    'dev-1': { server: 'https://dev.example.com', region: 'eu', labels: { tier: 'bronze' } },
    'prod-eu-1': { server: 'https://prod-eu.example.com', region: 'eu', labels: { tier: 'gold' } },
    'prod-us-1': { server: 'https://prod-us.example.com', region: 'us', labels: { tier: 'gold' } },
  },
`;

function edit(file: string, from: string, to: string): void {
  const full = path.join(root, file);
  const text = fs.readFileSync(full, 'utf8');
  if (!text.includes(from)) throw new Error(`"${from}" not in ${file}`);
  fs.writeFileSync(full, text.replace(from, to));
}

async function affected(): Promise<{ include: { environment: string; cluster: string }[]; environments: string[]; removed: string[] }> {
  const { code, stdout, stderr } = await cli(['affected', '--against', 'git:HEAD', '--format', 'json']);
  assert.is(code, 0, stderr);
  return JSON.parse(stdout);
}

test.before(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'rivven-affected-'));
  fs.cpSync(path.join(fixturesDir, 'fleet'), root, { recursive: true });
  fs.rmSync(path.join(root, 'environments', 'prod.ts'));
  fs.mkdirSync(path.join(root, 'environments', 'prod'));
  fs.writeFileSync(path.join(root, 'environments', 'prod', 'eu.ts'), region('eu'));
  fs.writeFileSync(path.join(root, 'environments', 'prod', 'us.ts'), region('us'));
  edit('rivven.config.ts', "  project: 'shop',\n", `  project: 'shop',\n${clusters}`);
  edit('environments/dev.ts', 'defineEnvironment({\n', "defineEnvironment({\n  kubeCluster: 'dev-1',\n");
  git('init', '-q', '-b', 'main');
  const build = await cli(['build', '--no-typecheck']);
  assert.is(build.code, 0, build.stderr);
  git('add', '.');
  git('commit', '-q', '-m', 'fleet');
});

test.after(() => fs.rmSync(root, { recursive: true, force: true }));

test('nothing changed: nothing is affected', async () => {
  assert.equal(await affected(), { include: [], environments: [], removed: [] });
});

test("a change to one region's file lists exactly that environment, with its cluster", async () => {
  edit('environments/prod/eu.ts', 'partitions: 24', 'partitions: 48');
  try {
    const result = await affected();
    assert.equal(result.include, [{ environment: 'prod-eu', cluster: 'prod-eu-1' }]);
    assert.equal(result.environments, ['prod-eu']);
    const text = await cli(['affected', '--against', 'git:HEAD']);
    assert.match(text.stdout, /^prod-eu\tcluster prod-eu-1\tobjects\n$/);
  } finally {
    git('checkout', '--', 'environments');
  }
});

test('a change to the base lists every environment', async () => {
  edit('rivven.config.ts', "payments: { partitions: 3,", "payments: { partitions: 4,");
  try {
    assert.equal((await affected()).environments, ['dev', 'prod-eu', 'prod-us']);
  } finally {
    git('checkout', '--', 'rivven.config.ts');
  }
});

test('--env takes globs over file paths and cluster selectors, in affected, build and diff alike', async () => {
  edit('rivven.config.ts', "payments: { partitions: 3,", "payments: { partitions: 4,");
  try {
    const byPath = await cli(['affected', '--against', 'git:HEAD', '--env', 'prod/*', '--format', 'json']);
    assert.equal(JSON.parse(byPath.stdout).environments, ['prod-eu', 'prod-us']);
    const byRegion = await cli(['affected', '--against', 'git:HEAD', '--env', 'region=eu', '--format', 'json']);
    assert.equal(JSON.parse(byRegion.stdout).environments, ['dev', 'prod-eu']);
    const check = await cli(['build', '--no-typecheck', '--check', '--env', 'label:tier=gold']);
    assert.is(check.code, 2, check.stderr);
    assert.match(check.stdout, /overlays\/prod-eu\//);
    assert.not.match(check.stdout, /overlays\/dev\//);
    const diff = await cli(['diff', '--against', 'git:HEAD', '--env', 'cluster=prod-us-1', '--format', 'json']);
    assert.equal(JSON.parse(diff.stdout).environments.map((e: { name: string }) => e.name), ['prod-us']);
    const none = await cli(['diff', '--against', 'git:HEAD', '--env', 'region=ap']);
    assert.is(none.code, 1);
    assert.match(none.stderr, /RG635 .*--env "region=ap" matches no environment \(environments: dev, prod-eu, prod-us; clusters: dev-1, prod-eu-1, prod-us-1; regions: eu, us/);
  } finally {
    git('checkout', '--', 'rivven.config.ts');
  }
});

test.run();
