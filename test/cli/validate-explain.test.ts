/**
 * The foundation's promises, through the CLI as a user types them: validate names the file, line, column
 * and code of each mistake; explain says which line set a value and what it overrode.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../../src/cli/main.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

async function run(argv: string[], cwd: string, env: NodeJS.ProcessEnv = { NO_COLOR: '1' }) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { cwd, env, isTTY: false, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

/** A copy of the example fleet with environments/prod.ts edited; returns the line/column of the marker. */
async function withEditedProd(edit: (text: string) => string, body: (dir: string, text: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), 'rivven-validate-'));
  try {
    await cp(path.join(repoRoot, 'rivven.config.ts'), path.join(dir, 'rivven.config.ts'));
    await cp(path.join(repoRoot, 'environments'), path.join(dir, 'environments'), { recursive: true });
    const file = path.join(dir, 'environments/prod.ts');
    const text = edit(await readFile(file, 'utf8'));
    await writeFile(file, text);
    await body(dir, text);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function positionOf(text: string, needle: string): string {
  const index = text.indexOf(needle);
  assert.ok(index >= 0, `fixture lacks ${needle}`);
  const before = text.slice(0, index).split('\n');
  return `${before.length}:${(before.at(-1)?.length ?? 0) + 1}`;
}

test('validate exits 0 on the example fleet', async () => {
  const result = await run(['validate'], repoRoot);
  assert.is(result.code, 0, result.stderr);
  assert.match(result.stdout, /valid \(dev, prod, staging\)/);
});

test('a misspelled field in environments/prod.ts exits 1 at its line and column', async () => {
  await withEditedProd(
    (t) => t.replace('replicas: 5,', 'replicaz: 5,'),
    async (dir, text) => {
      const result = await run(['validate'], dir);
      assert.is(result.code, 1);
      assert.match(result.stderr, `environments/prod.ts:${positionOf(text, 'replicaz')}`);
      assert.match(result.stderr, /RG102/);
      // Without the type-check the schema still catches it, with a suggestion.
      const untyped = await run(['validate', '--no-typecheck'], dir);
      assert.is(untyped.code, 1);
      assert.match(untyped.stderr, `environments/prod.ts:${positionOf(text, 'replicaz')} error RG202`);
      assert.match(untyped.stderr, /replicas/);
    },
  );
});

test('partitions 0 is out of range (RG204) at its position', async () => {
  await withEditedProd(
    (t) => t.replace('  backup: {', "  topics: { 'orders-events': { partitions: 0 } },\n  backup: {"),
    async (dir, text) => {
      const result = await run(['validate', '--format', 'json'], dir);
      assert.is(result.code, 1);
      const report: { findings: { code: string; loc?: { file: string; line: number; column: number } }[] } = JSON.parse(result.stdout);
      const f = report.findings.find((x) => x.code === 'RG204');
      assert.ok(f, result.stdout);
      assert.is(`${f?.loc?.file}:${f?.loc?.line}:${f?.loc?.column}`, `environments/prod.ts:${positionOf(text, 'partitions: 0')}`);
    },
  );
});

test('a replicationFactor above the broker count is RG301 at the line that set it', async () => {
  await withEditedProd(
    (t) => t.replace('  backup: {', "  topics: { 'orders-events': { replicationFactor: 7 } },\n  backup: {"),
    async (dir, text) => {
      const result = await run(['validate'], dir);
      assert.is(result.code, 1);
      assert.match(result.stderr, `environments/prod.ts:${positionOf(text, 'replicationFactor: 7')} error RG301`);
    },
  );
});

test('explain prod cluster.replicas: 5, set in prod.ts, overriding the base', async () => {
  const prod = await readFile(path.join(repoRoot, 'environments/prod.ts'), 'utf8');
  const base = await readFile(path.join(repoRoot, 'rivven.config.ts'), 'utf8');
  const result = await run(['explain', 'prod', 'cluster.replicas'], repoRoot);
  assert.is(result.code, 0, result.stderr);
  assert.match(result.stdout, 'cluster.replicas = 5');
  assert.match(result.stdout, `set by     environments/prod.ts:${positionOf(prod, 'replicas: 5')}`);
  assert.match(result.stdout, `overrides  rivven.config.ts:${positionOf(base, 'replicas: 3')} = 3`);
});

test('explain finds names with dots and reports defaults and unknown paths', async () => {
  const dotted = await run(['explain', 'dev', 'topics.cdc.events.partitions'], repoRoot);
  assert.is(dotted.code, 0, dotted.stderr);
  assert.match(dotted.stdout, 'topics["cdc.events"].partitions = 3');
  const byDefault = await run(['explain', 'dev', 'cluster.imagePullPolicy'], repoRoot);
  assert.match(byDefault.stdout, /\(default value\)/);
  const unknown = await run(['explain', 'dev', 'cluster.nope'], repoRoot);
  assert.is(unknown.code, 1);
  assert.match(unknown.stderr, /RG902/);
  const env = await run(['explain', 'nowhere', 'cluster.replicas'], repoRoot);
  assert.is(env.code, 1);
  assert.match(env.stderr, /RG110/);
});

test('usage errors exit 1 with the command help, never a stack trace; NO_COLOR gives plain text', async () => {
  const bad = await run(['validate', '--frobnicate'], repoRoot);
  assert.is(bad.code, 1);
  assert.match(bad.stderr, /RG901/);
  assert.match(bad.stderr, /Usage: rivven-gitops validate/);
  assert.not.match(bad.stderr, /\n\s+at /);
  const coloured = await run(['validate', '--frobnicate'], repoRoot, { FORCE_COLOR: '1' });
  assert.match(coloured.stderr, /\u001b\[/);
  assert.not.match(bad.stderr, /\u001b\[/);
  for (const command of ['build', 'validate', 'explain']) {
    const help = await run([command, '--help'], repoRoot);
    assert.is(help.code, 0);
    assert.match(help.stdout, `Usage: rivven-gitops ${command}`);
  }
});

test.run();
