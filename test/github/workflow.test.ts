/**
 * The repository's CI workflow (.github/workflows/rivven-gitops.yml): the settings the diff comment
 * depends on, and the diff step's exit-code handling run for real in bash with a stand-in `node`
 * (diff exits 2 on changes: that must not fail the job; 1 must).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFile } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { z } from 'zod';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const stepSchema = z.object({
  name: z.string().optional(),
  id: z.string().optional(),
  if: z.string().optional(),
  uses: z.string().optional(),
  with: z.record(z.string(), z.unknown()).optional(),
  env: z.record(z.string(), z.string()).optional(),
  run: z.string().optional(),
});
const workflowSchema = z.object({
  on: z.object({ pull_request: z.unknown(), push: z.object({ branches: z.array(z.string()) }) }),
  permissions: z.record(z.string(), z.string()),
  jobs: z.record(z.string(), z.object({ if: z.string(), permissions: z.record(z.string(), z.string()).optional(), steps: z.array(stepSchema) })),
});

async function workflow() {
  const text = await readFile(path.join(repoRoot, '.github/workflows/rivven-gitops.yml'), 'utf8');
  // YAML 1.2 (the yaml package's default) reads `on` as a key, as GitHub does.
  return workflowSchema.parse(parse(text));
}

test('pull requests: fetch-depth 0, Node 20, npm ci, build --check, diff against the base, comment with write permission', async () => {
  const wf = await workflow();
  assert.equal(wf.on.push.branches, ['main']);
  assert.equal(wf.permissions, { contents: 'read' });
  const pr = Object.values(wf.jobs).find((j) => j.if.includes("'pull_request'"));
  assert.ok(pr, 'no pull_request job');
  assert.equal(pr.permissions, { contents: 'read', 'pull-requests': 'write' });
  const checkout = pr.steps.find((s) => s.uses?.startsWith('actions/checkout@'));
  assert.is(checkout?.with?.['fetch-depth'], 0);
  assert.is(pr.steps.find((s) => s.uses?.startsWith('actions/setup-node@'))?.with?.['node-version'], 20);
  const runs = pr.steps.map((s) => s.run ?? '').join('\n');
  const order = ['npm ci', 'build --check', 'diff --against "git:origin/${BASE_REF}" --fail-on danger --format markdown', 'comment --pr "${PR_NUMBER}" --file diff.md'].map((cmd) => runs.indexOf(cmd));
  assert.ok(order.every((i, n) => i >= 0 && (n === 0 || i > (order[n - 1] ?? 0))), `commands missing or out of order: ${order.join(', ')}`);
  const comment = pr.steps.find((s) => /rivven-gitops(\.js)? comment /.test(s.run ?? ''));
  assert.is(comment?.env?.['GITHUB_TOKEN'], '${{ secrets.GITHUB_TOKEN }}');
  assert.match(comment?.if ?? '', /steps\.diff\.outcome == 'success'/);
  // The gate fails the job after the comment is posted (docs/danger-gate.md).
  const gate = pr.steps.findIndex((s) => (s.if ?? '').includes("steps.diff.outputs.gate == '3'"));
  assert.ok(gate > pr.steps.indexOf(comment ?? pr.steps[0]!), 'the gate step runs after the comment');
  assert.match(pr.steps[gate]?.run ?? '', /exit 1/);
  // No ${{ }} expression is expanded inside a script (script injection): values come in through env.
  for (const s of pr.steps) assert.not.match(s.run ?? '', /\$\{\{/, `step "${s.name ?? ''}" expands an expression in its script`);
});

test('pushes to main run build --check; every action is pinned by major version', async () => {
  const wf = await workflow();
  const push = Object.values(wf.jobs).find((j) => j.if.includes("'push'"));
  assert.ok(push?.steps.some((s) => s.run?.includes('build --check')));
  for (const job of Object.values(wf.jobs)) for (const s of job.steps) if (s.uses) assert.match(s.uses, /^[\w-]+\/[\w-]+@v\d+$/);
});

test('every job restores the rivven-gitops cache after npm ci (npm ci empties node_modules) and before the first build', async () => {
  const wf = await workflow();
  for (const job of Object.values(wf.jobs)) {
    const install = job.steps.findIndex((s) => s.run === 'npm ci');
    const cache = job.steps.findIndex((s) => s.uses?.startsWith('actions/cache@') && s.with?.['path'] === 'node_modules/.cache/rivven-gitops');
    const build = job.steps.findIndex((s) => /rivven-gitops\.js build/.test(s.run ?? ''));
    assert.ok(install >= 0 && install < cache && cache < build, `steps: npm ci ${install}, cache ${cache}, build ${build}`);
  }
});

async function runDiffStep(exitCode: number): Promise<{ code: number; summary: string; diff: string; output: string }> {
  const wf = await workflow();
  const step = Object.values(wf.jobs).flatMap((j) => j.steps).find((s) => s.id === 'diff');
  assert.ok(step?.run, 'no diff step');
  const dir = await mkdtemp(path.join(tmpdir(), 'rivven-workflow-'));
  try {
    // A stand-in for `node bin/rivven-gitops.js diff …`: prints a comment and exits as told.
    await writeFile(path.join(dir, 'node'), `#!/usr/bin/env bash\necho "<!-- rivven-gitops:diff v1 environments=prod --> $*"\nexit ${exitCode}\n`);
    await chmod(path.join(dir, 'node'), 0o755);
    const summary = path.join(dir, 'summary.md');
    await writeFile(summary, '');
    const output = path.join(dir, 'output');
    await writeFile(output, '');
    const script = path.join(dir, 'step.sh');
    await writeFile(script, step.run);
    // GitHub runs `run:` scripts with `bash -e {0}` (plus pipefail when the shell is named).
    const code = await new Promise<number>((resolve) => {
      execFile('bash', ['-e', '-o', 'pipefail', script], { cwd: dir, env: { PATH: `${dir}:${process.env['PATH'] ?? ''}`, BASE_REF: 'main', HEAD_SHA: 'abc123', GITHUB_STEP_SUMMARY: summary, GITHUB_OUTPUT: output } }, (error) =>
        resolve(error === null ? 0 : typeof error.code === 'number' ? error.code : 99),
      );
    });
    return { code, summary: await readFile(summary, 'utf8'), diff: await readFile(path.join(dir, 'diff.md'), 'utf8'), output: await readFile(output, 'utf8') };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

test('the diff step passes on exit 0 and 3 (dangers not acknowledged, recorded for the gate step), fails on 1, and puts the comment in the job summary', async () => {
  const blocked = await runDiffStep(3);
  assert.is(blocked.code, 0);
  assert.match(blocked.diff, /diff --against git:origin\/main --fail-on danger --format markdown --commit abc123/);
  assert.is(blocked.summary, blocked.diff);
  assert.is(blocked.output, 'gate=3\n');
  const pass = await runDiffStep(0);
  assert.equal([pass.code, pass.output], [0, 'gate=0\n']);
  const failed = await runDiffStep(1);
  assert.is(failed.code, 1);
  assert.is(failed.summary, '');
  // --fail-on danger never exits 2: anything unexpected fails the step.
  assert.is((await runDiffStep(2)).code, 2);
});

test.run();
