/**
 * `build --out DIR`: everything that names the output directory inside the output (Argo CD Applications,
 * the other-namespaces and CRD Applications) points at DIR, as a path inside the repository; an
 * output directory outside the project, or reached through a symbolic link, is refused.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { cp, mkdir, mkdtemp, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from '../support/run-cli.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');


async function withExample(use: (dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), 'rivven-out-dir-'));
  try {
    for (const entry of ['rivven.config.ts', 'environments']) await cp(path.join(repoRoot, entry), path.join(dir, entry), { recursive: true });
    await use(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Every `path:` an Argo CD Application of the output syncs. */
async function syncedPaths(outDir: string): Promise<string[]> {
  const paths: string[] = [];
  for (const file of (await readdir(path.join(outDir, 'argocd'))).sort()) {
    if (!file.startsWith('application-')) continue;
    const text = await readFile(path.join(outDir, 'argocd', file), 'utf8');
    for (const match of text.matchAll(/^\s+path: (.+)$/gm)) paths.push(match[1] ?? '');
  }
  return paths;
}

test('build --out DIR: every Application syncs DIR/overlays/<env>, and build --check --out DIR agrees', () =>
  withExample(async (dir) => {
    const built = await runCli(['build', '--no-typecheck', '--out', 'deploy/manifests'], dir);
    assert.is(built.code, 0, built.stdout + built.stderr);
    const out = path.join(dir, 'deploy/manifests');
    assert.equal(await syncedPaths(out), ['deploy/manifests/overlays/dev', 'deploy/manifests/overlays/prod', 'deploy/manifests/overlays/staging']);
    assert.not.ok(existsSync(path.join(dir, 'out')), 'nothing written to the default out/');
    for (const target of [['overlays', 'dev'], ['overlays', 'prod'], ['overlays', 'staging']]) {
      assert.ok(existsSync(path.join(out, ...target, 'kustomization.yaml')), `${target.join('/')} is where the Application points`);
    }
    const check = await runCli(['build', '--no-typecheck', '--check', '--out', 'deploy/manifests'], dir);
    assert.is(check.code, 0, check.stdout + check.stderr);
    // An absolute --out inside the project names the same repository path.
    const absolute = await runCli(['build', '--no-typecheck', '--check', '--out', out], dir);
    assert.is(absolute.code, 0, absolute.stdout + absolute.stderr);
    // The default out/ still names out/.
    assert.is((await runCli(['build', '--no-typecheck'], dir)).code, 0);
    assert.equal(await syncedPaths(path.join(dir, 'out')), ['out/overlays/dev', 'out/overlays/prod', 'out/overlays/staging']);
  }));

test('build --out DIR also moves the other-namespaces and CRD Applications, and keeps an argocd.path prefix', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'rivven-out-dir-'));
  try {
    // A fleet kept in a subfolder of its repository names that prefix in argocd.path; pinned remote CRDs
    // and a Velero backup add the crds and other-namespaces Applications.
    await writeFile(
      path.join(dir, 'rivven.config.ts'),
      `import { defineConfig } from 'rivven-gitops';
export default defineConfig({
  project: 'small',
  rivvenVersion: '0.0.22',
  target: 'operator',
  cluster: { replicas: 1, auth: { enabled: false } },
  operator: { install: true, patchedImage: true, crds: { source: 'remote' } },
  backup: { method: 'velero', schedule: '0 3 * * *', velero: { storageLocation: 'default' } },
  argocd: { repoURL: 'https://git.example.com/fleet.git', targetRevision: 'main', path: 'fleets/small/out' },
});
`,
    );
    await mkdir(path.join(dir, 'environments'));
    await writeFile(path.join(dir, 'environments/dev.ts'), "import { defineEnvironment } from 'rivven-gitops';\nexport default defineEnvironment({ namespace: 'small-dev', profile: 'development' });\n");
    const plain = await runCli(['build', '--no-typecheck'], dir);
    assert.is(plain.code, 0, plain.stdout + plain.stderr);
    const before = await syncedPaths(path.join(dir, 'out'));
    assert.equal(before, ['fleets/small/out/crds', 'fleets/small/out/other-namespaces/dev', 'fleets/small/out/overlays/dev']);
    const built = await runCli(['build', '--no-typecheck', '--out', 'generated'], dir);
    assert.is(built.code, 0, built.stdout + built.stderr);
    assert.equal(await syncedPaths(path.join(dir, 'generated')), ['fleets/small/generated/crds', 'fleets/small/generated/other-namespaces/dev', 'fleets/small/generated/overlays/dev']);
    assert.ok(existsSync(path.join(dir, 'generated/crds/kustomization.yaml')));
    assert.ok(existsSync(path.join(dir, 'generated/other-namespaces/dev')));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('--out outside the project, or through a symbolic link, is refused and nothing is written there', () =>
  withExample(async (dir) => {
    const outside = await mkdtemp(path.join(tmpdir(), 'rivven-outside-'));
    try {
      for (const out of [path.join(outside, 'out'), '../elsewhere']) {
        const result = await runCli(['build', '--no-typecheck', '--out', out], dir);
        assert.is(result.code, 1, result.stdout + result.stderr);
        assert.match(result.stderr, /RG63\d/);
        assert.match(result.stderr, /outside the project/);
      }
      await symlink(outside, path.join(dir, 'linked'));
      const linkedParent = await runCli(['build', '--no-typecheck', '--out', 'linked/out'], dir);
      assert.is(linkedParent.code, 1, linkedParent.stdout + linkedParent.stderr);
      assert.match(linkedParent.stderr, /symbolic link/);
      const linkedOut = await runCli(['build', '--no-typecheck', '--out', 'linked'], dir);
      assert.is(linkedOut.code, 1, linkedOut.stdout + linkedOut.stderr);
      assert.match(linkedOut.stderr, /symbolic link/);
      assert.equal(await readdir(outside), [], 'nothing written outside the project');
      assert.not.ok(existsSync(path.join(dir, '..', 'elsewhere')));
    } finally {
      await rm(outside, { recursive: true, force: true });
    }
  }));

test.run();
