/**
 * A path with an invisible character (a zero-width space pasted into a file name) is printed escaped
 * everywhere the CLI prints it, so the user sees which name is wrong.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli } from '../import/support/fleet.js';

test('validate names environments/prod\\u200B.ts escaped in the message, the location and the hint; never raw', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'rivven-visible-'));
  try {
    await writeFile(path.join(dir, 'rivven.config.ts'), "import { defineConfig } from 'rivven-gitops';\nexport default defineConfig({ project: 'p', rivvenVersion: '0.0.22' });\n");
    await mkdir(path.join(dir, 'environments'));
    // A type error too, so the type-check prints the file as a location with a code frame.
    await writeFile(path.join(dir, 'environments/prod\u200B.ts'), "import { defineEnvironment } from 'rivven-gitops';\nexport default defineEnvironment({ namespace: 42 });\n");
    const result = await runCli(['validate'], dir);
    assert.is(result.code, 1, result.stdout + result.stderr);
    const output = result.stdout + result.stderr;
    assert.not.ok(output.includes('\u200B'), `raw zero-width space in:\n${output}`);
    assert.match(output, 'environments/prod\\u200B.ts gives the environment name');
    assert.match(output, /environments\/prod\\u200B\.ts:2:\d+/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test.run();
