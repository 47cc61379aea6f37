/**
 * `build` and `build --check` as a user runs them. The first test is the repository's own gate (CI runs it
 * through `npm test`): the committed out/ must be exactly what the compiler writes.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { runCli } from '../support/run-cli.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const execFileAsync = promisify(execFile);


async function copyExample(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'rivven-build-'));
  for (const entry of ['rivven.config.ts', 'environments', 'out']) await cp(path.join(repoRoot, entry), path.join(dir, entry), { recursive: true });
  return dir;
}

async function snapshot(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const walk = async (rel: string): Promise<void> => {
    for (const entry of await readdir(path.join(dir, rel), { withFileTypes: true })) {
      const child = path.join(rel, entry.name);
      if (entry.isDirectory()) await walk(child);
      else files.set(child, await readFile(path.join(dir, child), 'utf8'));
    }
  };
  await walk('.');
  return files;
}

test('the committed out/ is exactly what build writes (build --check exits 0)', async () => {
  const result = await runCli(['build', '--check'], repoRoot);
  assert.is(result.code, 0, result.stdout + result.stderr);
  assert.match(result.stdout, /out\/ is up to date/);
});

test('after editing environments/prod.ts, build --check exits 2 naming the stale files; build fixes it', async () => {
  const dir = await copyExample();
  try {
    const prod = path.join(dir, 'environments/prod.ts');
    await writeFile(prod, (await readFile(prod, 'utf8')).replace("storage: { size: '500Gi'", "storage: { size: '600Gi'"));
    const check = await runCli(['build', '--check'], dir);
    assert.is(check.code, 2, check.stdout + check.stderr);
    assert.match(check.stdout, /out\/overlays\/prod\/statefulset-rivven-main\.yaml/);
    assert.not.match(check.stdout, /overlays\/dev\//);

    const build = await runCli(['build'], dir);
    assert.is(build.code, 0, build.stderr);
    assert.match(await readFile(path.join(dir, 'out/overlays/prod/statefulset-rivven-main.yaml'), 'utf8'), /storage: 600Gi/);
    const again = await runCli(['build'], dir);
    assert.match(again.stdout, /0 written, 0 deleted/);
    assert.is((await runCli(['build', '--check'], dir)).code, 0);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('build --env writes only that environment and refuses when shared files would change', async () => {
  const dir = await copyExample();
  try {
    const edit = async (file: string, from: string, to: string) => {
      const full = path.join(dir, file);
      const text = await readFile(full, 'utf8');
      assert.ok(text.includes(from), `${file} lacks ${from}`);
      await writeFile(full, text.replace(from, to));
    };
    await edit('environments/prod.ts', "storage: { size: '500Gi'", "storage: { size: '600Gi'");
    // Each environment's StatefulSet lives in its overlay, so editing staging's touches only overlays/staging.
    await edit('environments/staging.ts', "storage: { size: '100Gi' }", "storage: { size: '200Gi' }");
    const check = await runCli(['build', '--check', '--env', 'prod'], dir);
    assert.is(check.code, 2);
    assert.match(check.stdout, /overlays\/prod\//);
    assert.not.match(check.stdout, /overlays\/staging\//);

    const build = await runCli(['build', '--env', 'prod'], dir);
    assert.is(build.code, 0, build.stderr);
    assert.is((await runCli(['build', '--check', '--env', 'prod'], dir)).code, 0);
    const all = await runCli(['build', '--check'], dir);
    assert.is(all.code, 2);
    assert.match(all.stdout, /overlays\/staging\//);
    assert.not.match(all.stdout, /overlays\/prod\//);

    // The ServiceMonitor is shared by every environment in base/.
    await edit('rivven.config.ts', "interval: '15s'", "interval: '30s'");
    const shared = await runCli(['build', '--env', 'prod'], dir);
    assert.is(shared.code, 1);
    assert.match(shared.stderr, /RG903/);
    assert.is((await runCli(['build', '--env', 'nowhere'], dir)).code, 1);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a build that fails leaves out/ byte-identical and says so', async () => {
  const dir = await copyExample();
  try {
    const before = await snapshot(path.join(dir, 'out'));
    const mtime = (await stat(path.join(dir, 'out/base/kustomization.yaml'))).mtimeMs;
    const prod = path.join(dir, 'environments/prod.ts');
    await writeFile(prod, (await readFile(prod, 'utf8')).replace('replicas: 5', 'replicas: 0'));
    const result = await runCli(['build'], dir);
    assert.is(result.code, 1);
    assert.match(result.stderr, /environments\/prod\.ts:\d+:\d+/);
    assert.match(result.stderr, /out\/ was not touched/);
    assert.equal(await snapshot(path.join(dir, 'out')), before);
    assert.is((await stat(path.join(dir, 'out/base/kustomization.yaml'))).mtimeMs, mtime);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('the installed bin runs the compiled CLI (npm install builds dist/)', async () => {
  const bin = path.join(repoRoot, 'bin/rivven-gitops.js');
  if (!existsSync(path.join(repoRoot, 'dist/cli/main.js'))) {
    if (process.env['CI']) assert.unreachable('dist/ is missing: npm ci should have built it through the prepare script');
    return;
  }
  const { stdout } = await execFileAsync(process.execPath, [bin, '--help'], { cwd: repoRoot });
  assert.match(stdout, /Usage: rivven-gitops <command>/);
});

test('the bundled CLI (dist/cli-bundle) builds the example to the committed out/ and knows its version', async () => {
  const bin = path.join(repoRoot, 'bin/rivven-gitops.js');
  if (!existsSync(path.join(repoRoot, 'dist/cli-bundle/main.js'))) {
    if (process.env['CI']) assert.unreachable('dist/cli-bundle/ is missing: npm ci should have built it through the prepare script');
    return;
  }
  const version: unknown = JSON.parse(await readFile(path.join(repoRoot, 'package.json'), 'utf8')).version;
  assert.is((await execFileAsync(process.execPath, [bin, '--version'], { cwd: repoRoot })).stdout, `${String(version)}\n`);
  // Type-check, evaluation (the bundle's own copy of the public API), provenance and layout, all through the bundle.
  const checked = await execFileAsync(process.execPath, [bin, 'build', '--check'], { cwd: repoRoot });
  assert.match(checked.stdout, /up to date/);
});

test.run();
