/**
 * `build` refuses a fleet whose objects the API server would refuse or prune: each fixture under
 * test/fixtures/conform fails with its code at the config line that produced the value, and out/ is
 * left exactly as it was.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { cp, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../../src/cli/main.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const fixtures = path.join(repoRoot, 'test/fixtures/conform');

async function run(argv: string[], cwd: string): Promise<{ code: number; output: string }> {
  let output = '';
  const code = await main(argv, { cwd, env: { NO_COLOR: '1' }, isTTY: false, stdout: (t) => (output += t), stderr: (t) => (output += t) });
  return { code, output };
}

async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) out[path.relative(dir, path.join(entry.parentPath, entry.name))] = await readFile(path.join(entry.parentPath, entry.name), 'utf8');
  }
  return out;
}

/** A copy of the fixture with an out/ from an earlier build, so a build that wrote anything would show. */
async function copyFixture(name: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), `rivven-conform-${name}-`));
  await cp(path.join(fixtures, name), dir, { recursive: true });
  await mkdir(path.join(dir, 'out/base'), { recursive: true });
  await writeFile(path.join(dir, 'out/base/kustomization.yaml'), 'resources: []\n');
  return dir;
}

const cases: readonly { name: string; code: string; at: string; says: RegExp }[] = [
  { name: 'pruned-field', code: 'RG450', at: 'rivven.config.ts:10:15', says: /RivvenTopic shop-dev\/orders: spec\.partitions: unknown field, the API server would prune it/ },
  { name: 'bad-label-value', code: 'RG463', at: 'rivven.config.ts:8:13', says: /label value "the order processing team, reachable on the platform channel" is invalid/ },
  { name: 'long-name', code: 'RG460', at: 'rivven.config.ts:6:3', says: /\(67 characters\) is not a DNS-1123 label/ },
  { name: 'third-party-format', code: 'RG454', at: 'rivven.config.ts:9:17', says: /ServiceMonitor shop-dev\/rivven-main: spec\.endpoints\[0\]\.interval: "30s1m": must match pattern/ },
  { name: 'unknown-version', code: 'RG210', at: 'rivven.config.ts:6:3', says: /rivvenVersion '1\.4\.0' has no schema pack.*Supported versions: 0\.0\.19, 0\.0\.20, 0\.0\.21, 0\.0\.22/ },
];

for (const c of cases) {
  test(`${c.name}: build fails with ${c.code} at ${c.at} and leaves out/ as it was`, async () => {
    const dir = await copyFixture(c.name);
    try {
      const before = await snapshot(path.join(dir, 'out'));
      const result = await run(['build', '--no-typecheck'], dir);
      assert.is(result.code, 1, result.output);
      assert.match(result.output, new RegExp(`${c.code}[^\\n]*\\n?[^\\n]*${c.at.replace(/\./g, '\\.')}|${c.at.replace(/\./g, '\\.')}[^\\n]*${c.code}`), result.output);
      assert.match(result.output, c.says, result.output);
      assert.equal(await snapshot(path.join(dir, 'out')), before);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
}

test('--crds DIR on the command line checks against that directory, as crdSchemas does, and refuses one outside the project', async () => {
  const dir = await copyFixture('pruned-field');
  try {
    const config = path.join(dir, 'rivven.config.ts');
    await writeFile(config, (await readFile(config, 'utf8')).replace("  crdSchemas: 'patched-crds',\n", ''));
    const before = await snapshot(path.join(dir, 'out'));
    const shipped = await run(['validate', '--no-typecheck'], dir);
    assert.not.match(shipped.output, /RG450/, 'the shipped pack has partitions');
    const own = await run(['build', '--no-typecheck', '--crds', 'patched-crds'], dir);
    assert.is(own.code, 1, own.output);
    assert.match(own.output, /rivven\.config\.ts:9:15 error RG450 RivvenTopic shop-dev\/orders: spec\.partitions: unknown field/, own.output);
    const outside = await run(['check', '--no-typecheck', '--crds', '../'], dir);
    assert.is(outside.code, 1, outside.output);
    assert.match(outside.output, /RG211/, outside.output);
    assert.equal(await snapshot(path.join(dir, 'out')), before);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('validate reports the same violations without writing', async () => {
  const dir = await copyFixture('bad-label-value');
  try {
    const result = await run(['validate', '--no-typecheck', '--format', 'json'], dir);
    assert.is(result.code, 1, result.output);
    const parsed: unknown = JSON.parse(result.output);
    const text = JSON.stringify(parsed);
    assert.match(text, /"code":"RG463"/);
    assert.match(text, /"line":8,"column":13/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test.run();
