/**
 * `explain` as a user reads it: durations in the units people write, and the line that set a value even
 * when a helper module set it.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../support/run-cli.js';

const created: string[] = [];

function writeFleet(files: Readonly<Record<string, string>>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'rivven-explain-'));
  created.push(root);
  for (const [file, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), content);
  }
  return root;
}


const base = `import { defineConfig } from 'rivven-gitops';

export default defineConfig({
  project: 'shop', operator: { patchedImage: true },
  cluster: { replicas: 3, auth: { enabled: false } },
  argocd: { enabled: false },
  topics: {
    'cdc.events': { partitions: 6, retention: '3d' },
  },
});
`;

test.after(() => {
  for (const dir of created.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

test('explain shows a duration as written (3d, 1w), not in milliseconds, for the value and what it overrode', async () => {
  const root = writeFleet({
    'rivven.config.ts': base,
    'environments/prod.ts': `import { defineEnvironment } from 'rivven-gitops';

export default defineEnvironment({
  namespace: 'shop-prod',
  topics: { 'cdc.events': { retention: 604800000 } },
});
`,
  });
  const result = await runCli(['explain', 'prod', 'topics.cdc.events.retention', '--no-typecheck'], root);
  assert.is(result.code, 0, result.stderr);
  assert.match(result.stdout, 'topics["cdc.events"].retention = 1w\n', result.stdout);
  assert.match(result.stdout, 'set by     environments/prod.ts:5:29');
  assert.match(result.stdout, 'overrides  rivven.config.ts:8:36 = 3d');
  assert.not.match(result.stdout, '604800000');
  // JSON keeps the number machines compare, and says what it is.
  const json = await runCli(['explain', 'prod', 'topics.cdc.events.retention', '--format', 'json', '--no-typecheck'], root);
  const parsed: unknown = JSON.parse(json.stdout);
  assert.ok(parsed !== null && typeof parsed === 'object');
  assert.is('value' in parsed ? parsed.value : undefined, 604800000);
  assert.is('display' in parsed ? parsed.display : undefined, '1w');
});

test('explain names the helper module line that set a value, not "(environment value)"', async () => {
  const root = writeFleet({
    'rivven.config.ts': base,
    'environments/prod/_region.ts': `export const region = {\n  replicas: 5,\n};\n`,
    'environments/prod/eu.ts': `import { defineEnvironment } from 'rivven-gitops';
import { region } from './_region';

export default defineEnvironment(({ name }) => ({ namespace: \`shop-\${name}\`, cluster: { ...region } }));
`,
  });
  const result = await runCli(['explain', 'prod-eu', 'cluster.replicas', '--no-typecheck'], root);
  assert.is(result.code, 0, result.stderr);
  assert.match(result.stdout, 'set by     environments/prod/_region.ts:2:3');
  assert.not.match(result.stdout, '(environment value)');
});

test.run();
