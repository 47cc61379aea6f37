/**
 * What `build --watch` lists and watches: the project's own directories, never one a symlink leads to
 * outside the project (a config file is code from a pull request; the build refuses such files too).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { listDirectories, watchProject } from '../../src/cli/watch-project.js';

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

test('a saved YAML file the build reads (a sealed Secret, an object file) starts a build; other files do not', async () => {
  const scratch = mkdtempSync(path.join(tmpdir(), 'rivven-watch-yaml-'));
  mkdirSync(path.join(scratch, 'secrets/sealed'), { recursive: true });
  const bursts: string[][] = [];
  let wake: () => void = () => undefined;
  const watcher = watchProject(scratch, {
    isOutput: () => false,
    settleMs: 20,
    onChange: (changed) => {
      bursts.push([...changed]);
      wake();
    },
  });
  try {
    writeFileSync(path.join(scratch, 'notes.txt'), 'not read by the build');
    writeFileSync(path.join(scratch, 'secrets/sealed/token.yaml'), 'kind: SealedSecret\n');
    // Waits for the event itself; a watcher that ignores YAML never calls back, and the test fails after 10 s
    // instead of hanging (a deadline, not a speed assertion).
    await new Promise<void>((resolve) => {
      const deadline = setTimeout(resolve, 10_000);
      wake = () => {
        clearTimeout(deadline);
        resolve();
      };
      if (bursts.length > 0) wake();
    });
    assert.equal(bursts.flat(), ['secrets/sealed/token.yaml']);
  } finally {
    watcher.close();
    rmSync(scratch, { recursive: true, force: true });
  }
});

test.run();
