/**
 * Config files come from pull requests and their output lands in CI logs. Through the CLI as CI runs it:
 * an environment file linked to a file outside the project is refused by name and no line of the target
 * is printed; a file with very many findings prints a bounded number of them.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtemp, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { main } from '../../src/cli/main.js';

async function run(argv: string[], cwd: string) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { cwd, env: { NO_COLOR: '1', RIVVEN_GITOPS_NO_CACHE: '1' }, isTTY: false, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

const base = "import { defineConfig } from 'rivven-gitops';\n\nexport default defineConfig({ project: 'shop', cluster: { replicas: 3 } });\n";

async function withScratch(body: (root: string, outside: string) => Promise<void>): Promise<void> {
  const scratch = await mkdtemp(path.join(tmpdir(), 'rivven-hostile-'));
  try {
    const root = path.join(scratch, 'fleet');
    const outside = path.join(scratch, 'outside');
    await mkdir(path.join(root, 'environments'), { recursive: true });
    await mkdir(outside);
    await writeFile(path.join(root, 'rivven.config.ts'), base);
    await body(root, outside);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

test('environments/evil.ts linked to a file outside: RG113, exit 1, and not one line of the target in the output', async () => {
  await withScratch(async (root, outside) => {
    const target = path.join(outside, 'passwd');
    await writeFile(target, 'root:x:0:0:DISTINCTIVE-7c1e:/root:/bin/bash\nsvc:x:1:1:DISTINCTIVE-second:/srv:/bin/sh\n');
    await symlink(target, path.join(root, 'environments/evil.ts'));
    await writeFile(path.join(root, 'environments/dev.ts'), "export default { namespace: 'shop-dev' };\n");
    for (const argv of [['validate'], ['validate', '--no-typecheck'], ['validate', '--format', 'json'], ['build', '--out', 'out'], ['explain', 'dev', 'cluster.replicas']]) {
      const result = await run(argv, root);
      assert.is(result.code, 1, `${argv.join(' ')}: ${result.stdout}${result.stderr}`);
      assert.match(`${result.stdout}${result.stderr}`, 'RG113', argv.join(' '));
      assert.match(`${result.stdout}${result.stderr}`, 'environments/evil.ts is a symbolic link to');
      assert.not.match(`${result.stdout}${result.stderr}`, 'DISTINCTIVE', argv.join(' '));
    }
  });
});

test('25 type errors in one file: 20 printed and one line counting the rest; --format json lists all 25', async () => {
  await withScratch(async (root) => {
    const lines = Array.from({ length: 25 }, (_, i) => `const n${i}: number = 'not a number ${i}';`);
    await writeFile(path.join(root, 'environments/dev.ts'), `${lines.join('\n')}\nexport default { namespace: 'shop-dev', labels: { n: String(n0) } };\n`);
    const text = await run(['validate'], root);
    assert.is(text.code, 1);
    assert.is(text.stderr.match(/environments\/dev\.ts:\d+:\d+ error RG102/g)?.length ?? text.stdout.match(/environments\/dev\.ts:\d+:\d+ error RG102/g)?.length, 20, text.stderr);
    assert.match(`${text.stdout}${text.stderr}`, '… and 5 more findings in environments/dev.ts (5 errors, 0 warnings)');
    const json = await run(['validate', '--format', 'json'], root);
    const parsed = JSON.parse(json.stdout) as { findings: { code: string }[] };
    assert.is(parsed.findings.filter((f) => f.code === 'RG102').length, 25);
  });
});

test.run();
