/**
 * `rivven-gitops import` as a user runs it: what it writes, what it prints, and what it refuses.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { repoRoot, runCli } from '../import/support/fleet.js';

async function workspace(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'rivven-import-cli-'));
  await mkdir(path.join(dir, 'legacy'));
  for (const name of ['operator', 'helm-values']) await cp(path.join(repoRoot, 'test/fixtures/import', name, 'input.yaml'), path.join(dir, 'legacy', `${name}.yaml`));
  return dir;
}

async function withWorkspace(run: (dir: string) => Promise<void>): Promise<void> {
  const dir = await workspace();
  try {
    await run(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

test('writes rivven.config.ts, prints what was imported and every note, and the result validates but for the operator\'s upstream defects', () =>
  withWorkspace(async (dir) => {
    const result = await runCli(['import', 'legacy/operator.yaml'], dir);
    assert.is(result.code, 0, result.stderr);
    assert.match(result.stdout, /^✔ imported 5 objects from 1 file into rivven\.config\.ts: \d+ fields mapped, 1 note\n/);
    assert.match(result.stdout, /  RivvenCluster events \(legacy\/operator\.yaml\)\n  RivvenTopic orders-events \(legacy\/operator\.yaml\)\n/);
    assert.match(result.stdout, /Notes \(also comments in rivven\.config\.ts\):\n  • \(added by import\): Argo CD Applications need the Git URL/);
    const text = await readFile(path.join(dir, 'rivven.config.ts'), 'utf8');
    assert.ok(text.startsWith('// Imported by `rivven-gitops import` from legacy/operator.yaml.\n'));
    assert.match(text, /export default defineConfig\(\{\n  rivvenVersion: '0\.0\.22',\n  namespace: 'streaming',/);
    // rivvend 0.0.22 reads no SCRAM user or token Secret (RG429): import writes no placeholder for one.
    assert.not.match(text, /scram/i);
    await mkdir(path.join(dir, 'environments'));
    await writeFile(path.join(dir, 'environments/prod.ts'), "import { defineEnvironment } from 'rivven-gitops';\n\nexport default defineEnvironment({});\n");
    // The imported fleet targets the operator (its default), so the only errors are 0.0.22's operator
    // defects (RG414–RG423): everything imported itself validates.
    const validate = await runCli(['validate', '--format', 'json'], dir);
    const findings: { code: string; severity: string }[] = JSON.parse(validate.stdout).findings;
    const errors = findings.filter((f) => f.severity === 'error').map((f) => f.code);
    assert.ok(errors.length > 0 && errors.every((c) => /^RG4(1[4-9]|2[0-3])$/.test(c)), validate.stdout);
  }));

test('--env writes environments/<name>.ts with defineEnvironment; a directory input reads every YAML file in it', () =>
  withWorkspace(async (dir) => {
    const result = await runCli(['import', 'legacy', '--env', 'prod'], dir);
    assert.is(result.code, 0, result.stderr);
    assert.match(result.stdout, /from 2 files into environments\/prod\.ts/);
    const text = await readFile(path.join(dir, 'environments/prod.ts'), 'utf8');
    assert.match(text, /from legacy\/helm-values\.yaml, legacy\/operator\.yaml\./);
    assert.match(text, /export default defineEnvironment\(\{/);
    assert.not.ok(existsSync(path.join(dir, 'rivven.config.ts')));
  }));

test('an existing output file is not overwritten without --force; with --force it is', () =>
  withWorkspace(async (dir) => {
    const mine = "// my own config\nexport default {};\n";
    await writeFile(path.join(dir, 'rivven.config.ts'), mine);
    const refused = await runCli(['import', 'legacy/operator.yaml'], dir);
    assert.is(refused.code, 1);
    assert.match(refused.stderr, /error RG930.*rivven\.config\.ts exists and was not overwritten/);
    assert.is(await readFile(path.join(dir, 'rivven.config.ts'), 'utf8'), mine);
    const forced = await runCli(['import', 'legacy/operator.yaml', '--force'], dir);
    assert.is(forced.code, 0, forced.stderr);
    assert.match(await readFile(path.join(dir, 'rivven.config.ts'), 'utf8'), /defineConfig/);
  }));

test('--out writes elsewhere, relative to --root', () =>
  withWorkspace(async (dir) => {
    const result = await runCli(['import', 'legacy/helm-values.yaml', '--out', 'imported/base.ts'], dir);
    assert.is(result.code, 0, result.stderr);
    assert.ok(existsSync(path.join(dir, 'imported/base.ts')));
  }));

test('unsafe YAML is refused with its code and nothing is written', () =>
  withWorkspace(async (dir) => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]', 'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]', 'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]', 'd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]'];
    await writeFile(path.join(dir, 'bomb.yaml'), bomb.join('\n'));
    await writeFile(path.join(dir, 'dup.yaml'), 'cluster:\n  replicas: 3\n  replicas: 5\n');
    const result = await runCli(['import', 'bomb.yaml', 'dup.yaml', 'legacy/operator.yaml'], dir);
    assert.is(result.code, 1);
    assert.match(result.stderr, /bomb\.yaml:1:1 error RG922/);
    assert.match(result.stderr, /dup\.yaml:3:3 error RG921/);
    assert.not.ok(existsSync(path.join(dir, 'rivven.config.ts')));
  }));

test('input with nothing to import is an error (RG927) that says what was skipped', () =>
  withWorkspace(async (dir) => {
    await writeFile(path.join(dir, 'cron.yaml'), 'apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: rivven-backup}\n');
    const result = await runCli(['import', 'cron.yaml'], dir);
    assert.is(result.code, 1);
    assert.match(result.stderr, /error RG927 Nothing to import \(cron\.yaml \(document\): not imported: rivven-gitops does not import batch\/v1 CronJob\.\); rivven\.config\.ts was not written\./);
    assert.not.ok(existsSync(path.join(dir, 'rivven.config.ts')));
  }));

test('a missing input, a bad environment name and no input at all are errors', () =>
  withWorkspace(async (dir) => {
    const missing = await runCli(['import', 'nope.yaml'], dir);
    assert.is(missing.code, 1);
    assert.match(missing.stderr, /error RG926 Cannot read nope\.yaml: ENOENT/);
    const badEnv = await runCli(['import', 'legacy', '--env', '../prod'], dir);
    assert.is(badEnv.code, 1);
    assert.match(badEnv.stderr, /error RG932/);
    const none = await runCli(['import'], dir);
    assert.is(none.code, 1);
    assert.match(none.stderr, /error RG901 name at least one YAML file/);
  }));

test('both commands are listed in the main help', async () => {
  const help = await runCli(['--help'], repoRoot);
  assert.match(help.stdout, /\n  import +turn Rivven manifests/);
  assert.match(help.stdout, /\n  init +scaffold a fleet repository/);
});

test.run();
