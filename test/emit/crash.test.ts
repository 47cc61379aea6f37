/**
 * Atomicity: a build that fails or dies at any step leaves out/ holding the old tree or the new one
 * (never a mix), and the next run cleans up. Failures are injected in-process through the step hook;
 * crashes are real: a child process SIGKILLs itself at a step, or is killed from outside mid-write.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { emitTree, manifestFile, recoverOutDir } from '../../src/emit/emit-tree.js';
import type { EmitStep } from '../../src/emit/emit-tree.js';
import { renderManifest } from '../../src/emit/manifest.js';
import { contents, sampleTree, siblingLeftovers, withTempDir } from './emit-helpers.js';

const steps: readonly EmitStep[] = ['locked', 'recovered', 'staging-created', 'staging-linked', 'staging-written', 'out-moved', 'staging-moved', 'backup-removed'];
const committedFrom = steps.indexOf('staging-moved');

function full(tree: ReadonlyMap<string, string>): Map<string, string> {
  return new Map([...tree, [manifestFile, renderManifest(tree)]]);
}

const oldTree = sampleTree('old', 30);
const newTree = sampleTree('new', 30);

/** What out/ holds: 'old', 'new', 'missing', or 'MIXED' (the bug this file exists to catch). */
async function stateOf(out: string, oldFiles: Map<string, string>, newFiles: Map<string, string>): Promise<string> {
  let files: Map<string, string>;
  try {
    files = await contents(out);
  } catch {
    return 'missing';
  }
  const same = (a: Map<string, string>) => a.size === files.size && [...a].every(([k, v]) => files.get(k) === v);
  if (same(oldFiles)) return 'old';
  if (same(newFiles)) return 'new';
  return 'MIXED';
}

test('a failure at any step leaves the old tree before the commit rename and the new one after; nothing is left over', async () => {
  for (const [index, step] of steps.entries()) {
    await withTempDir(async (dir) => {
      const out = path.join(dir, 'out');
      await emitTree(out, oldTree);
      const injected = new Error(`injected at ${step}`);
      try {
        await emitTree(out, newTree, {
          onStep: (s) => {
            if (s === step) throw injected;
          },
        });
        assert.unreachable(`no failure at ${step}`);
      } catch (error) {
        assert.is(error, injected, 'the original error, not a disguised one');
      }
      assert.is(await stateOf(out, full(oldTree), full(newTree)), index < committedFrom ? 'old' : 'new', step);
      assert.equal(await siblingLeftovers(out), [], `${step}: staging, backup and lock cleaned up`);
      await emitTree(out, newTree);
      assert.is(await stateOf(out, full(oldTree), full(newTree)), 'new');
    });
  }
});

test('a failed first build leaves no out/ at all', async () => {
  await withTempDir(async (dir) => {
    const out = path.join(dir, 'out');
    await emitTree(out, oldTree, {
      onStep: (s) => {
        if (s === 'staging-written') throw new Error('disk gone');
      },
    }).catch(() => undefined);
    assert.equal(await readdir(dir), []);
  });
});

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const child = path.join(root, 'test/emit/emit-child.ts');

interface ChildRun {
  readonly signal: NodeJS.Signals | null;
  readonly code: number | null;
  readonly output: string;
}

/** Runs emit-child.ts; `killAfterReady` kills it that many ms after it says "ready". */
function runChild(out: string, version: 'old' | 'new', mode: string, size: number, killAfterReady?: number): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', child, out, version, mode, String(size)], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    proc.stdout.on('data', (d: Buffer) => {
      output += d.toString();
      if (killAfterReady !== undefined && output.startsWith('ready\n') && !output.includes('killing')) {
        output += 'killing\n';
        setTimeout(() => proc.kill('SIGKILL'), killAfterReady);
      }
    });
    proc.stderr.on('data', (d: Buffer) => (output += d.toString()));
    proc.on('error', reject);
    proc.on('close', (code, signal) => resolve({ code, signal, output }));
  });
}

async function inParallel<T>(items: readonly T[], limit: number, run: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  await Promise.all(
    Array.from({ length: limit }, async () => {
      for (let item = queue.shift(); item !== undefined; item = queue.shift()) await run(item);
    }),
  );
}

test('SIGKILL at each step: out/ is old, new, or (between the renames) restorable; recovery makes it whole', async () => {
  await inParallel(steps, 2, async (step) => {
    const index = steps.indexOf(step);
    await withTempDir(async (dir) => {
      const out = path.join(dir, 'out');
      await emitTree(out, oldTree);
      const run = await runChild(out, 'new', `kill-at:${step}`, 30);
      assert.is(run.signal, 'SIGKILL', `${step}: the child reached the step and died (${run.output})`);
      const state = await stateOf(out, full(oldTree), full(newTree));
      if (step === 'out-moved') assert.is(state, 'missing', 'the one window without out/');
      else assert.is(state, index < committedFrom ? 'old' : 'new', `${step} right after the crash`);
      assert.ok((await siblingLeftovers(out)).includes('.out.rivven-gitops.lock'), 'the dead build still holds its lock');
      const recovery = await recoverOutDir(out);
      assert.is(recovery.restored, step === 'out-moved');
      assert.is(await stateOf(out, full(oldTree), full(newTree)), index < committedFrom ? 'old' : 'new', `${step} after recovery`);
      assert.equal(await siblingLeftovers(out), [], `${step}: nothing left next to out/`);
    });
  });
});

test('the next build recovers by itself, without an explicit recovery', async () => {
  await withTempDir(async (dir) => {
    const out = path.join(dir, 'out');
    await emitTree(out, oldTree);
    assert.is((await runChild(out, 'new', 'kill-at:out-moved', 30)).signal, 'SIGKILL');
    // An up-to-date target (old) still has to restore out/ from the backup and clean up.
    const result = await emitTree(out, oldTree);
    assert.equal(result.written, [], 'restored, not rewritten');
    assert.is(await stateOf(out, full(oldTree), full(newTree)), 'old');
    assert.equal(await siblingLeftovers(out), []);
  });
});

test('a build killed after its swap leaves only its lock; the next build, with nothing to write, removes it', async () => {
  await withTempDir(async (dir) => {
    const out = path.join(dir, 'out');
    await emitTree(out, oldTree);
    assert.is((await runChild(out, 'new', 'kill-at:backup-removed', 30)).signal, 'SIGKILL');
    assert.equal(await siblingLeftovers(out), ['.out.rivven-gitops.lock'], 'the dead build still holds its lock');
    const result = await emitTree(out, newTree);
    assert.equal(result.written, [], 'nothing to write');
    assert.is(await stateOf(out, full(oldTree), full(newTree)), 'new');
    assert.equal(await siblingLeftovers(out), [], 'the stale lock is gone, not left for git status to show');
  });
});

test('SIGKILL at random-ish moments while writing a big tree: always old or new after recovery', async () => {
  const size = 800;
  const bigOld = full(sampleTree('old', size));
  const bigNew = full(sampleTree('new', size));
  await withTempDir(async (dir) => {
    const out = path.join(dir, 'out');
    await emitTree(out, sampleTree('old', size));
    const timing = await runChild(out, 'new', 'timed', size);
    const duration = Number(/done (\d+)/.exec(timing.output)?.[1] ?? NaN);
    assert.ok(Number.isFinite(duration), timing.output);
    assert.is(await stateOf(out, bigOld, bigNew), 'new');
    const outcomes: string[] = [];
    const iterations = 4;
    for (let i = 0; i < iterations; i += 1) {
      await emitTree(out, sampleTree('old', size));
      // Spread the kills over the measured write time and a little past it (some builds then finish).
      const delay = Math.round(((i + 0.5) / iterations) * duration * 1.5);
      const run = await runChild(out, 'new', 'timed', size, delay);
      const before = await stateOf(out, bigOld, bigNew);
      assert.ok(['old', 'new', 'missing'].includes(before), `kill after ${delay} ms left ${before}`);
      await recoverOutDir(out);
      const after = await stateOf(out, bigOld, bigNew);
      assert.ok(after === 'old' || after === 'new', `kill after ${delay} ms: ${after}`);
      assert.equal(await siblingLeftovers(out), []);
      outcomes.push(`${delay}ms:${run.signal === 'SIGKILL' ? 'killed' : 'finished'}:${after}`);
    }
    process.stderr.write(`random kills (write took ${duration} ms): ${outcomes.join(' ')}\n`);
  });
});

test.run();
