/**
 * A real `rivven-gitops build` process killed with SIGKILL (no cleanup code runs) at random-ish moments
 * — while it type-checks, while it renders, and right after it starts writing (seen by its lock file
 * appearing next to out/) — on a copy of the example fleet whose prod environment changed. After every
 * kill out/ holds the old tree or the new one, never a mix (or, in the one instant between the two
 * renames, no out/ but a complete backup beside it); the next build recovers and writes the new tree,
 * and `build --check` then exits 0. test/emit/crash.test.ts kills emitTree itself at every step; this
 * is the same promise made by the whole CLI.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn } from 'node:child_process';
import { readdirSync, watch } from 'node:fs';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../../src/cli/main.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

async function snapshot(dir: string): Promise<Map<string, string> | undefined> {
  const files = new Map<string, string>();
  const walk = async (rel: string): Promise<void> => {
    for (const entry of await readdir(path.join(dir, rel), { withFileTypes: true })) {
      const child = path.join(rel, entry.name);
      if (entry.isDirectory()) await walk(child);
      else files.set(child, await readFile(path.join(dir, child), 'utf8'));
    }
  };
  try {
    await walk('.');
  } catch {
    return undefined;
  }
  return files;
}

function same(a: Map<string, string> | undefined, b: Map<string, string>): boolean {
  return a !== undefined && a.size === b.size && [...b].every(([k, v]) => a.get(k) === v);
}

async function run(argv: string[], cwd: string): Promise<{ code: number; output: string }> {
  let output = '';
  const code = await main(argv, { cwd, env: { NO_COLOR: '1' }, isTTY: false, stdout: (t) => (output += t), stderr: (t) => (output += t) });
  return { code, output };
}

/** The example fleet with its committed out/, and prod changed (more brokers, bigger volumes). */
async function prepareFleet(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'rivven-interrupt-'));
  for (const entry of ['rivven.config.ts', 'environments', 'out']) await cp(path.join(repoRoot, entry), path.join(dir, entry), { recursive: true });
  const prod = path.join(dir, 'environments/prod.ts');
  const text = await readFile(prod, 'utf8');
  const changed = text.replace('replicas: 5,', 'replicas: 7,').replace("size: '500Gi'", "size: '600Gi'");
  assert.is.not(changed, text, 'the example prod.ts has the values this test changes');
  await writeFile(prod, changed);
  return dir;
}

type Kill = { readonly after: 'started'; readonly ms: number } | { readonly after: 'writing'; readonly ms: number };

interface Killed {
  readonly killed: boolean;
  readonly sawWriting: boolean;
}

/**
 * Runs `build` as a child process and SIGKILLs it `ms` after it started or after it began writing. A
 * kill aimed at the writing skips the type-check (it only delays the writing); the kill after start
 * lands while the type-check runs.
 */
function buildAndKill(fleet: string, kill: Kill): Promise<Killed> {
  return new Promise((resolve, reject) => {
    const argv = ['--import', 'tsx', 'src/cli/run.ts', 'build', '--root', fleet, ...(kill.after === 'writing' ? ['--no-typecheck'] : [])];
    const child = spawn(process.execPath, argv, { cwd: repoRoot, stdio: 'ignore', env: { ...process.env, NO_COLOR: '1' } });
    let sawWriting = false;
    let done = false;
    let timer: NodeJS.Timeout | undefined;
    let watcher: ReturnType<typeof watch> | undefined;
    const fire = () => {
      if (!done) child.kill('SIGKILL');
    };
    if (kill.after === 'started') timer = setTimeout(fire, kill.ms);
    else {
      // Emit takes its lock (a file beside out/) before it writes anything: the directory watch
      // reports it as it appears, without spinning a core that the build needs.
      const look = () => {
        if (done || sawWriting) return;
        if (readdirSync(fleet).some((name) => name.startsWith('.out.rivven-gitops'))) {
          sawWriting = true;
          watcher?.close();
          timer = setTimeout(fire, kill.ms);
        }
      };
      watcher = watch(fleet, look);
      look();
    }
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      done = true;
      watcher?.close();
      clearTimeout(timer);
      resolve({ killed: signal === 'SIGKILL', sawWriting });
    });
  });
}

test('SIGKILL of a real build at random-ish moments: out/ is old or new, and the next build recovers', async () => {
  const prepared = await prepareFleet();
  const work: string[] = [prepared];
  try {
    const oldOut = await snapshot(path.join(prepared, 'out'));
    assert.ok(oldOut !== undefined);
    // The tree the build should write, made without interruption.
    const reference = await mkdtemp(path.join(tmpdir(), 'rivven-interrupt-ref-'));
    work.push(reference);
    await cp(prepared, reference, { recursive: true });
    const built = await run(['build', '--no-typecheck'], reference);
    assert.is(built.code, 0, built.output);
    const newOut = await snapshot(path.join(reference, 'out'));
    assert.ok(newOut !== undefined && !same(newOut, oldOut), 'the change rewrites part of out/');

    const kills: Kill[] = [
      // While node starts and the type-check runs (a whole build takes some 2 s here).
      { after: 'started', ms: 700 },
      // Writing the example's tree takes some 40 ms here: these land before, inside and after the swap.
      { after: 'writing', ms: 0 },
      { after: 'writing', ms: 15 },
      { after: 'writing', ms: 35 },
      { after: 'writing', ms: 60 },
    ];
    const outcomes: string[] = [];
    for (const kill of kills) {
      const fleet = await mkdtemp(path.join(tmpdir(), 'rivven-interrupt-kill-'));
      work.push(fleet);
      await cp(prepared, fleet, { recursive: true });
      const result = await buildAndKill(fleet, kill);
      const label = `kill ${kill.ms} ms after ${kill.after === 'started' ? 'start' : 'the lock appeared'}`;
      const out = await snapshot(path.join(fleet, 'out'));
      const beside = (await readdir(fleet)).filter((name) => name.startsWith('.out.rivven-gitops'));
      const state = same(out, oldOut) ? 'old' : same(out, newOut) ? 'new' : out === undefined ? 'missing' : 'MIXED';
      if (state === 'missing') assert.ok(beside.some((name) => name.includes('backup')), `${label}: no out/ and no backup to restore (${beside.join(', ')})`);
      else assert.ok(state === 'old' || state === 'new', `${label}: out/ is ${state}`);

      // The type-check has nothing to do with recovery: skipped to keep the test fast.
      const next = await run(['build', '--no-typecheck'], fleet);
      assert.is(next.code, 0, `${label}: the next build recovers\n${next.output}`);
      assert.ok(same(await snapshot(path.join(fleet, 'out')), newOut), `${label}: the next build writes the new tree`);
      assert.equal((await readdir(fleet)).filter((name) => name.startsWith('.out.rivven-gitops')), [], `${label}: nothing left beside out/`);
      const check = await run(['build', '--check', '--no-typecheck'], fleet);
      assert.is(check.code, 0, `${label}: build --check after recovery\n${check.output}`);
      outcomes.push(`${label}: ${result.killed ? 'killed' : 'finished'}${result.sawWriting ? ' while writing' : ''}, out/ ${state}`);
    }
    process.stderr.write(`interrupt:\n  ${outcomes.join('\n  ')}\n`);
    assert.ok(outcomes.some((o) => o.includes('killed while writing')), 'at least one kill landed while the build was writing');
  } finally {
    for (const dir of work) await rm(dir, { recursive: true, force: true });
  }
});

test.run();
