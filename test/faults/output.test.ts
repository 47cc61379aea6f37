/**
 * The bad-input corpus, part 3 (test/faults/README.md lists every case): output directories that must
 * not or cannot be written, wrong command lines, unusable kubeconfigs for `diff --against live`, and
 * YAML for `import`. Cases of a command that is not registered yet are pending: this file says so, and
 * runs them as soon as the command exists.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { outputCases } from './cases-output.js';
import { assertOutcome, removeTemplate, repoRoot, runCase, runInProcess } from './harness.js';

test.after(removeTemplate);

const registered = new Map<string, boolean>();
async function isRegistered(command: string): Promise<boolean> {
  let known = registered.get(command);
  if (known === undefined) {
    const help = await runInProcess([command, '--help'], repoRoot);
    known = help.code === 0;
    registered.set(command, known);
  }
  return known;
}

for (const c of outputCases) {
  test(`${c.id}: ${c.title} → ${c.code}, exit 1, out/ untouched`, async () => {
    if (c.pending !== undefined && !(await isRegistered(c.pending))) {
      const help = await runInProcess([c.pending, '--help'], repoRoot);
      assert.match(help.stderr, /RG901/, `${c.pending} is neither registered nor refused as unknown`);
      process.stderr.write(`pending: ${c.id} runs once \`${c.pending}\` is registered in src/cli/main.ts\n`);
      return;
    }
    assertOutcome(c, await runCase(c));
  });
}

test.run();
