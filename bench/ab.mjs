// A/B comparison of two checkouts of rivven-gitops (each with its dist/ built) on one benchmark case,
// interleaved run by run so both see the same machine load. For commit messages of speed changes.
//
//   node bench/ab.mjs <repo-A> <repo-B> <case> [runs] [--no-typecheck]
// e.g. node bench/ab.mjs /tmp/rg-base . 3x200 7
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { benchDir, workDir } from './generate.mjs';

const [repoA, repoB, caseName, runsText = '5', flag] = process.argv.slice(2);
if (repoA === undefined || repoB === undefined || caseName === undefined) throw new Error('usage: node bench/ab.mjs <repo-A> <repo-B> <case> [runs] [--no-typecheck]');
const root = path.join(workDir, caseName);
if (!fs.existsSync(root)) throw new Error(`no ${root}: run node bench/generate.mjs ${caseName}`);
const preload = pathToFileURL(path.join(benchDir, 'rss-preload.mjs')).href;
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'rivven-ab-'));
const extra = flag === '--no-typecheck' ? ['--no-typecheck'] : [];

function run(args, env = {}) {
  const start = process.hrtime.bigint();
  const child = spawnSync(process.execPath, ['--import', preload, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 1 << 28 });
  const wall = Number(process.hrtime.bigint() - start) / 1e6;
  if (child.status !== 0) throw new Error(`${args.join(' ')} exited ${child.status}\n${child.stderr.slice(-3000)}`);
  const usage = JSON.parse(/bench-usage (\{.*\})/.exec(child.stderr)?.[1] ?? '{}');
  return { wall, cpu: (usage.userMs ?? 0) + (usage.systemMs ?? 0), rss: usage.maxRssKb ?? 0, stdout: child.stdout };
}

const samples = { A: {}, B: {} };
const push = (side, key, value) => (samples[side][key] ??= []).push(value);
const runs = Number(runsText);
for (let i = 0; i <= runs; i += 1) {
  for (const [side, repo] of [['A', repoA], ['B', repoB]]) {
    fs.rmSync(path.join(root, 'out'), { recursive: true, force: true });
    const build = run([path.join(path.resolve(repo), 'bin', 'rivven-gitops.js'), 'build', ...extra]);
    const stages = run([path.join(benchDir, 'stages.mjs'), root, path.join(scratch, side), ...extra], { BENCH_DIST: path.join(path.resolve(repo), 'dist') });
    if (i === 0) continue;
    push(side, 'build wall', build.wall);
    push(side, 'build cpu', build.cpu);
    push(side, 'build rss MB', build.rss / 1024);
    for (const [stage, ms] of Object.entries(JSON.parse(stages.stdout.trim().split('\n').pop()).stages)) push(side, stage, ms);
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
console.log(`${caseName}${extra.length ? ' --no-typecheck' : ''}, ${runs} runs, medians (A = ${repoA}, B = ${repoB}):`);
for (const key of Object.keys(samples.A)) {
  const a = median(samples.A[key]);
  const b = median(samples.B[key] ?? [NaN]);
  console.log(`  ${key.padEnd(14)} A ${a.toFixed(0).padStart(6)}  B ${b.toFixed(0).padStart(6)}  (${(((b - a) / a) * 100).toFixed(0)}%)`);
}
fs.rmSync(scratch, { recursive: true, force: true });
