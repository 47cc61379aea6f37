/**
 * The git source on a temp repository: the committed out/ at a ref, read with git plumbing (no checkout),
 * built per environment; a ref without out/ makes every object a creation; bad refs are coded errors.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { diffEnvironment } from '../../src/diff/diff-environment.js';
import { UserError } from '../../src/errors/diagnostic.js';
import { gitArgoCdSource, gitBlobId, gitEnvironments, gitEnvironmentSource, readGitOutput } from '../../src/live/git-source.js';
import { fixturesDir } from '../diff/fixtures.js';

const created: string[] = [];
test.after(() => {
  for (const dir of created.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function git(root: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.email=test@example.com', '-c', 'user.name=test', '-c', 'commit.gpgsign=false', ...args], { cwd: root, encoding: 'utf8' });
}

/** A repository whose first commit has no out/, and whose second commits the kustomize fixture tree as out/. */
function makeRepo(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'rivven-git-source-'));
  created.push(root);
  git(root, 'init', '-q', '-b', 'main');
  fs.writeFileSync(path.join(root, 'README.md'), 'fleet\n');
  git(root, 'add', '.');
  git(root, 'commit', '-q', '-m', 'no output yet');
  git(root, 'tag', 'before-out');
  fs.cpSync(path.join(fixturesDir, 'kustomize'), path.join(root, 'out'), { recursive: true });
  // A symlink is not output rivven-gitops writes: it is skipped, not followed.
  fs.symlinkSync('../README.md', path.join(root, 'out', 'link.yaml'));
  git(root, 'add', '.');
  git(root, 'commit', '-q', '-m', 'build');
  return root;
}

const root = makeRepo();

function errorOf(run: () => Promise<unknown>): Promise<string> {
  return run().then(
    () => assert.unreachable('expected an error') ?? '',
    (error: unknown) => {
      if (!(error instanceof UserError)) throw error;
      return error.findings.map((f) => `${f.code} ${f.message}`).join('\n');
    },
  );
}

test('reads the committed out/ at a ref, without touching the working tree', async () => {
  fs.writeFileSync(path.join(root, 'out', 'base', 'configmap.yaml'), 'not: even: yaml: [\n');
  const output = await readGitOutput(root, 'HEAD', 'out');
  assert.is(output.exists, true);
  assert.ok(output.files.has('overlays/prod/kustomization.yaml'));
  assert.not.ok(output.files.has('link.yaml'));
  assert.match(output.files.get('base/configmap.yaml') ?? '', /kind: ConfigMap/);
  assert.equal(gitEnvironments(output), ['prod']);
  const source = gitEnvironmentSource(output, 'prod');
  const names = source.objects.map((o) => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`);
  assert.ok(names.includes('Namespace//shop-prod'), names.join(' '));
  // other-namespaces/prod is part of the environment.
  assert.ok(names.includes('ServiceMonitor/monitoring/rivven-main'), names.join(' '));
  assert.is(source.deletions, 'all');
  git(root, 'checkout', '--', 'out');
});

test('output directories relative to a project root below the repository top, and any commit-ish', async () => {
  const sub = path.join(root, 'out', 'overlays');
  const output = await readGitOutput(sub, 'main~0', 'prod');
  assert.ok(output.files.has('kustomization.yaml'));
  assert.ok(output.files.has('patches/rivventopic-cdc.events.yaml'));
});

test('a ref where out/ does not exist: nothing is there, so every rendered object is a creation', async () => {
  const output = await readGitOutput(root, 'before-out', 'out');
  assert.is(output.exists, false);
  assert.equal(gitEnvironments(output), []);
  const source = gitEnvironmentSource(output, 'prod');
  assert.equal(source.objects, []);
  const rendered = gitEnvironmentSource(await readGitOutput(root, 'HEAD', 'out'), 'prod').objects;
  const diff = diffEnvironment({ name: 'prod', namespace: 'shop-prod', rendered, source }, { sourceLabel: 'git:before-out' });
  assert.ok(diff.changes.length > 5);
  assert.ok(diff.changes.every((c) => c.action === 'create'));
});

test('a ref that does not exist, a non-repository and option-like refs are RG730', async () => {
  assert.match(await errorOf(() => readGitOutput(root, 'no-such-branch', 'out')), /^RG730 git cannot read no-such-branch: /);
  const notRepo = fs.mkdtempSync(path.join(os.tmpdir(), 'rivven-not-a-repo-'));
  created.push(notRepo);
  assert.match(await errorOf(() => readGitOutput(notRepo, 'HEAD', 'out')), /^RG730 .*not a git repository/i);
  assert.match(await errorOf(() => readGitOutput(root, '--output=/tmp/x', 'out')), /^RG730 "--output=\/tmp\/x" is not a git ref/);
});

test('when the files equal what build writes now, nothing is parsed and the environment is up to date', async () => {
  const output = await readGitOutput(root, 'HEAD', 'out');
  const current = new Map(output.files);
  assert.equal(gitEnvironmentSource(output, 'prod', current).sameAsRendered, true);
  // Any difference in a file the environment reads (base included) means comparing objects.
  current.set('base/configmap.yaml', `${current.get('base/configmap.yaml') ?? ''}# edited\n`);
  const changed = gitEnvironmentSource(output, 'prod', current);
  assert.not.ok(changed.sameAsRendered);
  assert.ok(changed.objects.length > 0);
  // A file build would now write that the ref lacks counts too.
  const extra = new Map(output.files).set('overlays/prod/new.yaml', 'x');
  assert.not.ok(gitEnvironmentSource(output, 'prod', extra).sameAsRendered);
  // argocd/ does not exist in this tree: no objects.
  assert.equal(gitArgoCdSource(output).objects, []);
});

test('blob ids match git, and files equal to what build writes are not read from git again', async () => {
  const output = await readGitOutput(root, 'HEAD', 'out');
  const text = output.files.get('base/configmap.yaml') ?? '';
  const oid = execFileSync('git', ['rev-parse', 'HEAD:out/base/configmap.yaml'], { cwd: root, encoding: 'utf8' }).trim();
  assert.is(gitBlobId(text), oid);
  assert.is(gitBlobId('ü\n'), execFileSync('git', ['hash-object', '--stdin'], { input: 'ü\n', encoding: 'utf8' }).trim());
  // With the current tree given, a matching file comes from it (same text), a differing one from git.
  const current = new Map(output.files).set('base/namespace.yaml', 'edited\n');
  const again = await readGitOutput(root, 'HEAD', 'out', current);
  assert.equal(again.files, output.files);
});

test('a kustomization at the ref that the git source does not evaluate is RG731', () => {
  const output = { ref: 'x', exists: true, files: new Map([['overlays/prod/kustomization.yaml', 'resources: []\nimages: [{name: a, newTag: b}]\n']]) };
  try {
    gitEnvironmentSource(output, 'prod');
    assert.unreachable('expected RG731');
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    assert.equal(error.findings.map((f) => f.code), ['RG731']);
    assert.match(error.findings[0]?.message ?? '', /"images" is not evaluated/);
  }
});

test.run();
