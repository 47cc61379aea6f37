/**
 * Child process for crash tests: emits sampleTree(version, size) into OUT, like the CLI would.
 *   node --import tsx test/emit/emit-child.ts OUT old|new run|kill-at:<step>|timed [SIZE]
 * `kill-at:<step>` SIGKILLs itself right after that step (a real crash, no cleanup code runs);
 * `timed` prints "ready" before emitting and "done <ms>" after, so the parent can kill it mid-way.
 * A UserError is printed as the CLI prints findings (code, path, message), exit 1.
 */
import { emitTree } from '../../src/emit/emit-tree.js';
import type { EmitStep } from '../../src/emit/emit-tree.js';
import { UserError } from '../../src/errors/diagnostic.js';
import { sampleTree } from './emit-helpers.js';

const [out, version, mode, size] = process.argv.slice(2);
if (out === undefined || (version !== 'old' && version !== 'new') || mode === undefined) {
  process.stderr.write('usage: emit-child.ts OUT old|new MODE [SIZE]\n');
  process.exit(2);
}
const tree = sampleTree(version, Number(size ?? 12));
const killAt = mode.startsWith('kill-at:') ? mode.slice('kill-at:'.length) : undefined;
const onStep = (step: EmitStep) => {
  if (step === killAt) process.kill(process.pid, 'SIGKILL');
};
try {
  if (mode === 'timed') process.stdout.write('ready\n');
  const start = performance.now();
  await emitTree(out, tree, { onStep });
  if (mode === 'timed') process.stdout.write(`done ${Math.round(performance.now() - start)}\n`);
} catch (error) {
  if (!(error instanceof UserError)) throw error;
  for (const f of error.findings) process.stdout.write(`${f.code} ${f.path}: ${f.message}\n`);
  process.exitCode = 1;
}
