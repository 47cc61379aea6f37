#!/usr/bin/env node
// Runs every test/**/*.test.ts with uvu (TypeScript through tsx) and ends with the line CI reads:
// "N passed, N failed". Each file runs in its own process so one crashing file cannot hide others.
// Pass file filters as arguments: `npm test -- load merge`.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import fg from 'fast-glob';
import fs from 'node:fs';
import os from 'node:os';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const filters = process.argv.slice(2);
const files = (await fg('test/**/*.test.ts', { cwd: root, ignore: ['**/fixtures/**', '**/node_modules/**'] }))
  .sort()
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)));

// The suite is as long as its longest chain: a slow file started last runs alone at the end while the
// other workers idle. So files start slowest first, by the times of the previous run (kept where npm ci
// clears them), and in a fresh clone by this list of files known to take longest, then the rest.
const knownSlow = [
  'test/faults/load.test.ts',
  'test/faults/output.test.ts',
  'test/load/public-types.test.ts',
  'test/emit/crash.test.ts',
  'test/fuzz/pipeline.test.ts',
  'test/cli/interrupt.test.ts',
  'test/kustomize/invariant.test.ts',
  'test/cli/watch.test.ts',
  'test/faults/values.test.ts',
  'test/load/derived-cache.test.ts',
  'test/load/code-cache.test.ts',
  'test/cli/diff.test.ts',
  'test/build/fleets.test.ts',
  'test/cli/init.test.ts',
  'test/fuzz/untyped.test.ts',
  'test/cli/diff-gate.test.ts',
];
const timingsFile = path.join(root, 'node_modules', '.cache', 'rivven-gitops-tests', 'timings.json');

function readTimings() {
  try {
    const parsed = JSON.parse(fs.readFileSync(timingsFile, 'utf8'));
    return parsed !== null && typeof parsed === 'object' ? parsed : {};
  } catch {
    return {};
  }
}

const timings = readTimings();
// Seconds a file is expected to take: its last time; for a listed file without one, more than any
// file takes; for a new file, more than most (it may be slow).
const expected = (file) => timings[file] ?? (knownSlow.includes(file) ? 1000 - knownSlow.indexOf(file) : 10);
const schedule = [...files].sort((a, b) => expected(b) - expected(a) || a.localeCompare(b));

let passed = 0;
let failed = 0;
let skipped = 0;
const failures = [];

// The public types of src/ printed once (test/support/source-types.mjs says why), made in a child
// process while the first, fastest files run; a file started before they are ready checks against
// src/index.ts itself, as it would without them.
let sourceTypes;
const sourceTypesReady = new Promise((resolve) => {
  const child = spawn(process.execPath, [path.join(root, 'test', 'support', 'source-types.mjs'), root], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.on('error', () => resolve());
  child.on('close', () => {
    try {
      const made = JSON.parse(out);
      if (typeof made.file === 'string') sourceTypes = made.file;
      else process.stdout.write(`note: the tests check configs against src/index.ts (${made.reason})\n`);
    } catch {
      process.stdout.write('note: the tests check configs against src/index.ts (the printed source types could not be made)\n');
    }
    resolve();
  });
});

function runFile(file) {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', file], {
      cwd: root,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ...(sourceTypes !== undefined ? { RIVVEN_GITOPS_SOURCE_TYPES: sourceTypes } : {}) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('close', (code) => resolve({ file, code, out, seconds: (performance.now() - started) / 1000 }));
  });
}

// Many files wait on child processes (kubectl, the CLI, git), so two files per core keep the cores busy.
const concurrency = Number(process.env['TEST_CONCURRENCY'] ?? Math.max(1, Math.min(2 * (os.availableParallelism?.() ?? 2), 4)));
const queue = schedule;
const results = [];
let making = true;
void sourceTypesReady.then(() => (making = false));
await Promise.all(
  Array.from({ length: concurrency }, async (_, worker) => {
    // While the types are made (one core), half the workers run the fastest files; then all of them
    // take the slowest first.
    if (worker >= Math.ceil(concurrency / 2)) await sourceTypesReady;
    while (queue.length > 0) {
      const file = making ? queue.pop() : queue.shift();
      results.push(await runFile(file));
    }
  }),
);

for (const { file, code, out } of results.sort((a, b) => a.file.localeCompare(b.file))) {
  const total = Number(/Total:\s+(\d+)/.exec(out)?.[1] ?? NaN);
  const ok = Number(/Passed:\s+(\d+)/.exec(out)?.[1] ?? NaN);
  const skip = Number(/Skipped:\s+(\d+)/.exec(out)?.[1] ?? 0);
  if (Number.isNaN(total) || Number.isNaN(ok)) {
    failed += 1;
    failures.push(file);
    process.stdout.write(`✘ ${file}: did not report results (exit ${code})\n${out}\n`);
    continue;
  }
  passed += ok;
  skipped += skip;
  const bad = total - ok - skip;
  failed += bad;
  if (bad > 0 || code !== 0) {
    if (bad === 0) failed += 1;
    failures.push(file);
    process.stdout.write(`✘ ${file}\n${out}\n`);
  } else {
    process.stdout.write(`✔ ${file} (${ok})\n`);
  }
}

// Best effort: without a writable node_modules the next run falls back to the list above.
try {
  fs.mkdirSync(path.dirname(timingsFile), { recursive: true });
  const next = { ...timings, ...Object.fromEntries(results.map((r) => [r.file, Math.round(r.seconds * 10) / 10])) };
  for (const file of Object.keys(next)) if (!fs.existsSync(path.join(root, file))) delete next[file];
  fs.writeFileSync(`${timingsFile}.${process.pid}`, `${JSON.stringify(next, null, 1)}\n`);
  fs.renameSync(`${timingsFile}.${process.pid}`, timingsFile);
} catch {
  // no cache: the next run orders by the list
  fs.rmSync(`${timingsFile}.${process.pid}`, { force: true });
}

const slowest = [...results].sort((a, b) => b.seconds - a.seconds).slice(0, 8);
process.stdout.write(`\nslowest files: ${slowest.map((r) => `${r.file} ${r.seconds.toFixed(1)} s`).join(', ')}\n`);
if (failures.length > 0) process.stdout.write(`\nfailing files:\n${failures.map((f) => `  ${f}`).join('\n')}\n`);
process.stdout.write(`${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}\n`);
process.exitCode = failed > 0 || files.length === 0 ? 1 : 0;
