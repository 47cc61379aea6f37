#!/usr/bin/env node
// Runs every test/**/*.test.ts with uvu (TypeScript through tsx) and ends with the line CI reads:
// "N passed, N failed". Each file runs in its own process so one crashing file cannot hide others.
// Pass file filters as arguments: `npm test -- load merge`.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import fg from 'fast-glob';
import os from 'node:os';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const filters = process.argv.slice(2);
const files = (await fg('test/**/*.test.ts', { cwd: root, ignore: ['**/fixtures/**', '**/node_modules/**'] }))
  .sort()
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)));

let passed = 0;
let failed = 0;
let skipped = 0;
const failures = [];

function runFile(file) {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', file], {
      cwd: root,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
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
const queue = [...files];
const results = [];
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (queue.length > 0) {
      const file = queue.shift();
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

const slowest = [...results].sort((a, b) => b.seconds - a.seconds).slice(0, 8);
process.stdout.write(`\nslowest files: ${slowest.map((r) => `${r.file} ${r.seconds.toFixed(1)} s`).join(', ')}\n`);
if (failures.length > 0) process.stdout.write(`\nfailing files:\n${failures.map((f) => `  ${f}`).join('\n')}\n`);
process.stdout.write(`${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}\n`);
process.exitCode = failed > 0 || files.length === 0 ? 1 : 0;
