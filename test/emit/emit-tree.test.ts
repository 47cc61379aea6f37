import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn } from 'node:child_process';
import { chmod, link as hardLink, lstat, mkdir, readFile, rm, stat, symlink, unlink, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { emitTree, manifestFile } from '../../src/emit/emit-tree.js';
import { renderManifest } from '../../src/emit/manifest.js';
import { contents, rejectionCodes, sampleTree, siblingLeftovers, snapshot, withTempDir } from './emit-helpers.js';

const oldTree = sampleTree('old');
const newTree = sampleTree('new');

function withManifest(tree: ReadonlyMap<string, string>): Map<string, string> {
  return new Map([...tree, [manifestFile, renderManifest(tree)]]);
}

/** Sets every file's mtime to the epoch+1 day, so any rewrite shows. */
async function ageFiles(dir: string): Promise<void> {
  const old = new Date(86_400_000);
  for (const file of (await snapshot(dir)).keys()) await utimes(path.join(dir, file), old, old);
}

test('first build creates out/ with every file and the ownership manifest', async () => {
  await withTempDir(async (dir) => {
    const out = path.join(dir, 'out');
    const result = await emitTree(out, oldTree);
    assert.equal(await contents(out), withManifest(oldTree));
    assert.equal(result.written, [...withManifest(oldTree).keys()].sort());
    assert.equal(result.deleted, []);
    assert.equal(await siblingLeftovers(out), [], 'no staging, backup or lock left');
    const manifest: { files: Record<string, string> } = JSON.parse(await readFile(path.join(out, manifestFile), 'utf8'));
    assert.equal(Object.keys(manifest.files), [...oldTree.keys()].sort(), 'every written file is owned, the manifest itself is not listed');
  });
});

test('a no-op rebuild writes 0 files and touches no mtime, not even of out/ itself', async () => {
  await withTempDir(async (dir) => {
    const out = path.join(dir, 'out');
    await emitTree(out, oldTree);
    await ageFiles(out);
    const before = await snapshot(out);
    const outIno = (await stat(out)).ino;
    const result = await emitTree(out, new Map([...oldTree].reverse()));
    assert.equal(result, { written: [], deleted: [], unchanged: oldTree.size + 1, stale: [] });
    assert.equal(await snapshot(out), before);
    assert.is((await stat(out)).ino, outIno, 'no swap happened');
  });
});

test('a changed tree rewrites only changed files; unchanged files keep bytes, inode and mtime', async () => {
  await withTempDir(async (dir) => {
    const out = path.join(dir, 'out');
    await emitTree(out, oldTree);
    await ageFiles(out);
    const before = await snapshot(out);
    const result = await emitTree(out, newTree);
    assert.equal(await contents(out), withManifest(newTree));
    const expectedWritten = [...withManifest(newTree).keys()].filter((f) => oldTree.get(f) !== newTree.get(f) || f === manifestFile).sort();
    assert.equal(result.written, expectedWritten);
    assert.equal(result.deleted, [...oldTree.keys()].filter((f) => !newTree.has(f)).sort());
    assert.ok(result.deleted.length > 0 && result.written.length > 1, 'the sample exercises both');
    const after = await snapshot(out);
    for (const [file, state] of after) {
      const previous = before.get(file);
      if (result.written.includes(file)) assert.is.not(state.mtimeMs, 86_400_000, `${file} rewritten`);
      else assert.equal(state, previous, `${file} untouched`);
    }
  });
});

test('a rewrite never writes through an old inode: a hard-linked copy of out/ keeps the old bytes', async () => {
  await withTempDir(async (dir) => {
    const out = path.join(dir, 'out');
    await emitTree(out, oldTree);
    // `cp -al out/ snapshot/`: a cheap backup that shares inodes with out/.
    const snapshotFile = path.join(dir, 'snapshot-object-1.yaml');
    await hardLink(path.join(out, 'overlays/env-1/object-1.yaml'), snapshotFile);
    const result = await emitTree(out, newTree);
    assert.ok(result.written.includes('overlays/env-1/object-1.yaml'), 'the sample changes this file');
    assert.is(await readFile(path.join(out, 'overlays/env-1/object-1.yaml'), 'utf8'), newTree.get('overlays/env-1/object-1.yaml'));
    assert.is(await readFile(snapshotFile, 'utf8'), oldTree.get('overlays/env-1/object-1.yaml'));
  });
});

test('an owned file replaced by a symbolic link is written back as a file; the link target is untouched', async () => {
  await withTempDir(async (dir) => {
    const out = path.join(dir, 'out');
    await emitTree(out, oldTree);
    const outside = path.join(dir, 'outside.yaml');
    // The right bytes, but through a link: still not the file rivven-gitops owns.
    await writeFile(outside, oldTree.get('base/object-0.yaml') ?? '');
    await unlink(path.join(out, 'base/object-0.yaml'));
    await symlink(outside, path.join(out, 'base/object-0.yaml'));
    const result = await emitTree(out, oldTree);
    assert.equal(result.written, ['base/object-0.yaml']);
    assert.ok((await lstat(path.join(out, 'base/object-0.yaml'))).isFile());
    assert.is(await readFile(outside, 'utf8'), oldTree.get('base/object-0.yaml'));
    assert.equal(await contents(out), withManifest(oldTree));
  });
});

test('stale owned files are deleted (and their emptied directories); foreign files are never touched', async () => {
  await withTempDir(async (dir) => {
    const out = path.join(dir, 'out');
    const first = new Map([...oldTree, ['overlays/gone/kustomization.yaml', 'x\n']]);
    await emitTree(out, first);
    await writeFile(path.join(out, 'README.md'), 'hand-written\n');
    await writeFile(path.join(out, 'overlays/gone/NOTES.md'), 'keep me\n');
    await mkdir(path.join(out, 'overlays/gone-too'), { recursive: true });
    await ageFiles(out);
    const before = await snapshot(out);
    const result = await emitTree(out, oldTree);
    assert.equal(result.deleted, ['overlays/gone/kustomization.yaml']);
    const after = await snapshot(out);
    assert.not.ok(after.has('overlays/gone/kustomization.yaml'));
    assert.equal(after.get('README.md'), before.get('README.md'));
    assert.equal(after.get('overlays/gone/NOTES.md'), before.get('overlays/gone/NOTES.md'), 'directory kept: it holds a foreign file');
    assert.ok((await stat(path.join(out, 'overlays/gone-too'))).isDirectory(), 'foreign empty directory kept');
    // Same again without the foreign note: the emptied directory goes too.
    await emitTree(out, first);
    await unlink(path.join(out, 'overlays/gone/NOTES.md'));
    await emitTree(out, oldTree);
    await stat(path.join(out, 'overlays/gone')).then(
      () => assert.unreachable('emptied directory should be removed'),
      () => undefined,
    );
  });
});

test('a non-empty directory without manifest is refused (RG610); --force takes it over and keeps foreign files', async () => {
  await withTempDir(async (dir) => {
    const out = path.join(dir, 'out');
    await mkdir(out);
    await writeFile(path.join(out, 'important.txt'), 'not ours\n');
    assert.equal(await rejectionCodes(emitTree(out, oldTree)), ['RG610']);
    assert.equal(await rejectionCodes(emitTree(out, oldTree, { check: true })), ['RG610']);
    assert.equal([...(await contents(out)).keys()], ['important.txt'], 'nothing written');
    await emitTree(out, oldTree, { force: true });
    assert.is((await contents(out)).get('important.txt'), 'not ours\n');
    assert.is((await contents(out)).get('base/kustomization.yaml'), oldTree.get('base/kustomization.yaml'));
    // Now owned: later builds work without --force and still leave the foreign file alone.
    await emitTree(out, newTree);
    assert.is((await contents(out)).get('important.txt'), 'not ours\n');
  });
});

test('an empty existing directory is adopted without --force', async () => {
  await withTempDir(async (dir) => {
    const out = path.join(dir, 'out');
    await mkdir(out);
    await emitTree(out, oldTree);
    assert.equal(await contents(out), withManifest(oldTree));
  });
});

test('an unowned file where the tree writes is refused (RG615) unless --force', async () => {
  await withTempDir(async (dir) => {
    const out = path.join(dir, 'out');
    await emitTree(out, oldTree);
    await writeFile(path.join(out, 'overlays/env-1/extra.yaml'), 'mine\n');
    const tree = new Map([...oldTree, ['overlays/env-1/extra.yaml', 'generated\n']]);
    assert.equal(await rejectionCodes(emitTree(out, tree)), ['RG615']);
    assert.is((await contents(out)).get('overlays/env-1/extra.yaml'), 'mine\n');
    await emitTree(out, tree, { force: true });
    assert.is((await contents(out)).get('overlays/env-1/extra.yaml'), 'generated\n');
  });
});

test('--check lists changed, missing and extra owned files, and writes nothing', async () => {
  await withTempDir(async (dir) => {
    const out = path.join(dir, 'out');
    await emitTree(out, oldTree);
    assert.equal((await emitTree(out, oldTree, { check: true })).stale, [], 'up to date');
    await writeFile(path.join(out, 'base/object-0.yaml'), 'hand edit\n');
    await unlink(path.join(out, 'base/object-3.yaml'));
    const before = await snapshot(out);
    const result = await emitTree(out, newTree, { check: true });
    const expected = new Set<string>(['base/object-0.yaml', 'base/object-3.yaml', manifestFile]);
    for (const [file, content] of newTree) if (oldTree.get(file) !== content) expected.add(file);
    for (const file of oldTree.keys()) if (!newTree.has(file)) expected.add(file);
    assert.equal(result.stale, [...expected].sort());
    assert.equal(result.written, []);
    assert.equal(result.deleted, []);
    assert.equal(await snapshot(out), before, 'nothing touched');
    assert.equal((await emitTree(path.join(dir, 'missing'), oldTree, { check: true })).stale, [...withManifest(oldTree).keys()].sort());
    await stat(path.join(dir, 'missing')).then(
      () => assert.unreachable('check must not create out/'),
      () => undefined,
    );
  });
});

test('out/ that is a file is refused with RG611 and left alone', async () => {
  await withTempDir(async (dir) => {
    const out = path.join(dir, 'out');
    await writeFile(out, 'a file\n');
    assert.equal(await rejectionCodes(emitTree(out, oldTree)), ['RG611']);
    assert.is(await readFile(out, 'utf8'), 'a file\n');
  });
});

test('a damaged or hostile manifest is refused (RG614) and nothing outside out/ is deleted', async () => {
  await withTempDir(async (dir) => {
    const out = path.join(dir, 'out');
    await emitTree(out, oldTree);
    await writeFile(path.join(dir, 'victim.txt'), 'precious\n');
    const manifest = { generator: 'rivven-gitops', manifestVersion: 1, files: { '../victim.txt': 'x' } };
    await writeFile(path.join(out, manifestFile), JSON.stringify(manifest));
    assert.equal(await rejectionCodes(emitTree(out, oldTree)), ['RG614']);
    await writeFile(path.join(out, manifestFile), '{ not json');
    assert.equal(await rejectionCodes(emitTree(out, oldTree)), ['RG614']);
    await emitTree(out, oldTree, { force: true });
    assert.is(await readFile(path.join(dir, 'victim.txt'), 'utf8'), 'precious\n');
    assert.equal(await contents(out), withManifest(oldTree));
  });
});

test('a symlinked directory inside out/ is never written or deleted through (RG615)', async () => {
  await withTempDir(async (dir) => {
    const out = path.join(dir, 'out');
    await emitTree(out, oldTree);
    const elsewhere = path.join(dir, 'elsewhere');
    await mkdir(elsewhere);
    await writeFile(path.join(elsewhere, 'object-0.yaml'), 'outside\n');
    await rm(path.join(out, 'base'), { recursive: true });
    await symlink(elsewhere, path.join(out, 'base'));
    assert.equal(await rejectionCodes(emitTree(out, oldTree)), ['RG615']);
    // A tree without base/: the owned base/* files are stale, but live behind the symlink now.
    const noBase = new Map([...oldTree].filter(([f]) => !f.startsWith('base/')));
    await emitTree(out, noBase);
    assert.equal(await contents(elsewhere), new Map([['object-0.yaml', 'outside\n']]));
  });
});

test('tree paths that would leave out/ are refused with RG601 before anything is written', async () => {
  await withTempDir(async (dir) => {
    const out = path.join(dir, 'out');
    for (const bad of ['../escape.yaml', '/abs.yaml', 'a/../../b.yaml', 'a\\b.yaml', manifestFile, 'nul\u0000.yaml']) {
      assert.equal(await rejectionCodes(emitTree(out, new Map([[bad, 'x']]))), ['RG601'], bad);
    }
    assert.equal(await rejectionCodes(emitTree(out, new Map([['a', 'x'], ['a/b', 'y']]))), ['RG601']);
    await stat(out).then(
      () => assert.unreachable('nothing may be created'),
      () => undefined,
    );
  });
});

test('a live lock refuses a second writer (RG616); a dead owner’s lock is taken over', async () => {
  await withTempDir(async (dir) => {
    const out = path.join(dir, 'out');
    const lock = path.join(dir, '.out.rivven-gitops.lock');
    const sleeper = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)'], { stdio: 'ignore' });
    try {
      await writeFile(lock, `${sleeper.pid}\n`);
      assert.equal(await rejectionCodes(emitTree(out, oldTree)), ['RG616']);
    } finally {
      sleeper.kill('SIGKILL');
    }
    await new Promise((resolve) => sleeper.once('exit', resolve));
    await emitTree(out, oldTree);
    assert.equal(await contents(out), withManifest(oldTree));
    assert.equal(await siblingLeftovers(out), []);
    // Our own pid in a lock we do not hold: an earlier process with the same pid died (containers).
    await writeFile(lock, `${process.pid}\n`);
    await emitTree(out, newTree);
    assert.equal(await contents(out), withManifest(newTree));
    assert.equal(await siblingLeftovers(out), []);
  });
});

/** Runs emitTree as an unprivileged user (root can write anywhere, so chmod alone proves nothing). */
async function emitAsNobody(out: string): Promise<string> {
  const script = path.join(path.dirname(fileURLToPath(import.meta.url)), 'emit-child.ts');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, out, 'old', 'run'], {
      cwd: path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..'),
      uid: 65534,
      gid: 65534,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', reject);
    child.on('close', () => resolve(output));
  });
}

test('permission denied is a coded error naming the path, without a stack trace', async () => {
  await withTempDir(async (dir) => {
    const parent = path.join(dir, 'locked');
    await mkdir(parent);
    await chmod(dir, 0o755);
    await chmod(parent, 0o555);
    const out = path.join(parent, 'out');
    if (process.getuid?.() === 0) {
      const output = await emitAsNobody(out);
      assert.match(output, /RG612/);
      assert.match(output, new RegExp(parent.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
      assert.not.match(output, /\n\s+at /, 'no stack trace');
    } else {
      assert.equal(await rejectionCodes(emitTree(out, oldTree)), ['RG612']);
    }
  });
});

test.run();
