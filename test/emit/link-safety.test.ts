/**
 * Recovery and writing never follow a link out of the project: out/, its staging and backup siblings,
 * the lock and its private file are never symbolic links that rivven-gitops writes through or renames
 * into place. Leftovers that rivven-gitops could not have made get their own coded errors, naming the
 * leftover itself.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lstat, mkdir, readFile, readdir, rename, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { UserError } from '../../src/errors/diagnostic.js';
import { emitTree, manifestFile, recoverOutDir } from '../../src/emit/emit-tree.js';
import { renderManifest } from '../../src/emit/manifest.js';
import { contents, rejectionCodes, sampleTree, withTempDir } from './emit-helpers.js';

const oldTree = sampleTree('old');
const newTree = sampleTree('new');

function withManifest(tree: ReadonlyMap<string, string>): Map<string, string> {
  return new Map([...tree, [manifestFile, renderManifest(tree)]]);
}

async function rejection(promise: Promise<unknown>): Promise<UserError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof UserError) return error;
    throw error;
  }
  throw new Error('expected a UserError, but the call succeeded');
}

/** A directory outside the project with a tree of its own that must survive everything. */
async function outsideTree(dir: string): Promise<string> {
  const outside = path.join(dir, 'outside');
  await mkdir(outside);
  await writeFile(path.join(outside, 'precious.txt'), 'keep me\n');
  return outside;
}

test('an interrupted build whose backup sibling is a symlink out of the project: out/ never becomes that link', async () => {
  await withTempDir(async (dir) => {
    const project = path.join(dir, 'project');
    await mkdir(project);
    const outside = await outsideTree(dir);
    const out = path.join(project, 'out');
    await emitTree(out, oldTree);
    // The state between the two renames of a swap, except that the backup is a link to elsewhere.
    await rename(out, path.join(project, '.out.rivven-gitops-old-999'));
    const backup = path.join(project, '.out.rivven-gitops-old-12345');
    await symlink(outside, backup);
    const error = await rejection(emitTree(out, newTree, { root: project }));
    assert.equal(error.findings.map((f) => f.code), ['RG633']);
    assert.is(error.findings[0]?.path, backup);
    assert.match(error.findings[0]?.message ?? '', /symbolic link/);
    assert.not.ok((await lstat(out).catch(() => undefined))?.isSymbolicLink(), 'out/ is not the link');
    assert.equal(await readdir(outside), ['precious.txt']);
    assert.is(await readFile(path.join(outside, 'precious.txt'), 'utf8'), 'keep me\n');
  });
});

test('with out/ present, a symlinked staging or backup leftover is removed as a link; its target is untouched', async () => {
  await withTempDir(async (dir) => {
    const outside = await outsideTree(dir);
    const out = path.join(dir, 'out');
    await emitTree(out, oldTree);
    await symlink(outside, path.join(dir, '.out.rivven-gitops-tmp-4242'));
    await symlink(outside, path.join(dir, '.out.rivven-gitops-old-4243'));
    const recovery = await recoverOutDir(out);
    assert.is(recovery.restored, false);
    assert.equal(recovery.removed, ['.out.rivven-gitops-old-4243', '.out.rivven-gitops-tmp-4242']);
    assert.equal(await contents(outside), new Map([['precious.txt', 'keep me\n']]));
    await emitTree(out, newTree);
    assert.equal(await contents(out), withManifest(newTree));
  });
});

test('out/ missing and the only backup a symlink: recovery refuses (RG633) and leaves everything as it was', async () => {
  await withTempDir(async (dir) => {
    const outside = await outsideTree(dir);
    const out = path.join(dir, 'out');
    const backup = path.join(dir, '.out.rivven-gitops-old-77');
    await symlink(outside, backup);
    const error = await rejection(recoverOutDir(out));
    assert.equal(error.findings.map((f) => f.code), ['RG633']);
    assert.is(error.findings[0]?.path, backup);
    assert.ok((await lstat(backup)).isSymbolicLink(), 'the leftover is left for the user to inspect');
    assert.is(await lstat(out).catch(() => undefined), undefined);
    assert.equal(await contents(outside), new Map([['precious.txt', 'keep me\n']]));
  });
});

test('a symlinked out/ is refused (RG631) and the directory it points at is not written', async () => {
  await withTempDir(async (dir) => {
    const real = path.join(dir, 'real-out');
    const link = path.join(dir, 'out');
    await emitTree(real, oldTree);
    await symlink(real, link);
    assert.equal(await rejectionCodes(emitTree(link, newTree)), ['RG631']);
    assert.equal(await contents(real), withManifest(oldTree));
    assert.ok((await lstat(link)).isSymbolicLink());
  });
});

test('a leftover lock directory is its own coded error (RG632) naming the lock, not out/', async () => {
  await withTempDir(async (dir) => {
    const out = path.join(dir, 'out');
    await emitTree(out, oldTree);
    const lock = path.join(dir, '.out.rivven-gitops.lock');
    await mkdir(lock);
    const error = await rejection(emitTree(out, newTree));
    assert.equal(error.findings.map((f) => f.code), ['RG632']);
    assert.is(error.findings[0]?.path, lock);
    assert.match(error.findings[0]?.message ?? '', /directory/);
    assert.not.match(error.findings[0]?.message ?? '', /where rivven-gitops writes a file/);
    assert.match(error.findings[0]?.hint ?? '', /remove/);
    assert.equal(await contents(out), withManifest(oldTree), 'out/ left as it was');
  });
});

test('a lock or private lock file planted as a symlink is never written through', async () => {
  await withTempDir(async (dir) => {
    const outside = await outsideTree(dir);
    const out = path.join(dir, 'out');
    await emitTree(out, oldTree);
    const target = path.join(outside, 'precious.txt');
    await symlink(target, path.join(dir, `.out.rivven-gitops.lock.${process.pid}`));
    await emitTree(out, newTree);
    assert.is(await readFile(target, 'utf8'), 'keep me\n');
    assert.equal(await contents(out), withManifest(newTree));
    await symlink(target, path.join(dir, '.out.rivven-gitops.lock'));
    assert.equal(await rejectionCodes(emitTree(out, oldTree)), ['RG632']);
    assert.is(await readFile(target, 'utf8'), 'keep me\n');
  });
});

test.run();
