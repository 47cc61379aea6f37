/**
 * A fleet importing its platform team's presets from its own node_modules, through the CLI: explain
 * names the preset package's line for a value the preset set, and validate passes.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../../src/cli/main.js';

const fleet = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/load/presets');

async function run(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main([...argv, '--root', fleet], { cwd: fleet, env: { NO_COLOR: '1' }, isTTY: false, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

test("explain traces a value the preset set into the package's file, and what it overrode", async () => {
  const result = await run(['explain', 'prod', 'cluster.replicas']);
  assert.is(result.code, 0, result.stderr);
  assert.equal(result.stdout.trim().split('\n'), [
    'cluster.replicas = 5',
    '  set by     node_modules/@acme/rivven-presets/index.ts:11:5',
    '  overrides  rivven.config.ts:9:5 = 3',
  ]);
  const topic = await run(['explain', 'prod', 'topics.orders-events.retention']);
  assert.match(topic.stdout, 'set by     node_modules/@acme/rivven-presets/topics.ts:8:5');
});

test('validate passes on the fleet with presets', async () => {
  const result = await run(['validate']);
  assert.is(result.code, 0, result.stderr);
});

test.run();
