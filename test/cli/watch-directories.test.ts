/**
 * What `build --watch` lists and watches: the project's own directories, never one a symlink leads to
 * outside the project (a config file is code from a pull request; the build refuses such files too).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { listDirectories } from '../../src/cli/watch-project.js';

test('a symlink to a directory outside the project is not watched; one inside it is watched once', () => {
  const scratch = mkdtempSync(path.join(tmpdir(), 'rivven-watch-dirs-'));
  try {
    const root = path.join(scratch, 'fleet');
    const outside = path.join(scratch, 'elsewhere');
    mkdirSync(path.join(root, 'environments/prod'), { recursive: true });
    mkdirSync(path.join(outside, 'deep'), { recursive: true });
    symlinkSync(outside, path.join(root, 'environments/escape'));
    symlinkSync(path.join(root, 'environments/prod'), path.join(root, 'environments/prod-again'));
    const listed = [...listDirectories(root, () => false)].map((d) => path.relative(root, d) || '.').sort();
    assert.equal(listed, ['.', 'environments', 'environments/prod']);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
});

test.run();
