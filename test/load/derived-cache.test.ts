import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { derivedCacheState } from '../../src/load/derived-cache.js';
import { loadProject } from '../../src/load/load-project.js';
import { baseConfig, loadFailure, removeProjects, scratchCacheDir, summarize, writeProject } from './support/temp-project.js';

// What the loader derives from a file's text (its JavaScript, its positions) is remembered by that text
// (src/load/derived-cache.ts), so an unchanged project loads without TypeScript. Every edit must be seen.
const repoDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cache = scratchCacheDir('rivven-derived-cache-');
const cacheDir = cache.dir;

test.after(() => {
  removeProjects();
  cache.restore();
});

const prod = `import { defineEnvironment } from 'rivven-gitops';
import { replicas } from './_shared';

export default defineEnvironment({
  cluster: { replicas },
});
`;
const shared = 'export const replicas = 5;\n';

/** Loads `root` in a new process, as the CLI does; returns what it saw. */
function loadInNewProcess(root: string, typecheck: boolean): { typescriptLoaded: boolean; replicas: unknown; position: unknown } {
  const script = `
    const { loadProject } = await import(${JSON.stringify(path.join(repoDir, 'src/load/load-project.ts'))});
    const { isTypeScriptLoaded } = await import(${JSON.stringify(path.join(repoDir, 'src/load/typescript.ts'))});
    const { project } = await loadProject({ root: ${JSON.stringify(root)}, typecheck: ${typecheck} });
    const prod = project.environments[0];
    console.log(JSON.stringify({ typescriptLoaded: isTypeScriptLoaded(), replicas: prod.value.cluster.replicas, position: prod.positions.get('/cluster/replicas') }));
  `;
  const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: repoDir,
    encoding: 'utf8',
    env: { ...process.env, RIVVEN_GITOPS_CACHE_DIR: cacheDir },
  });
  return JSON.parse(out.trim().split('\n').pop() ?? '{}');
}

test('a second load of unchanged files needs no TypeScript, with or without the type-check, and sees the same', () => {
  const root = writeProject({ 'rivven.config.ts': baseConfig, 'environments/prod.ts': prod, 'environments/_shared.ts': shared });
  const expected = { replicas: 5, position: { file: 'environments/prod.ts', line: 5, column: 14 } };
  assert.equal(loadInNewProcess(root, true), { typescriptLoaded: true, ...expected });
  assert.equal(loadInNewProcess(root, true), { typescriptLoaded: false, ...expected });
  assert.equal(loadInNewProcess(root, false), { typescriptLoaded: false, ...expected });
  // An edit of the imported helper only: positions are remembered, the helper is transpiled again.
  fs.writeFileSync(path.join(root, 'environments/_shared.ts'), 'export const replicas: number = 7;\n');
  assert.equal(loadInNewProcess(root, false), { typescriptLoaded: true, ...expected, replicas: 7 });
  assert.equal(loadInNewProcess(root, true), { typescriptLoaded: true, ...expected, replicas: 7 });
  assert.equal(loadInNewProcess(root, true), { typescriptLoaded: false, ...expected, replicas: 7 });
});

test('remembered positions and code are those of the current text after every edit', async () => {
  // Entries are named by the text (and the project-relative path): a text no other test used.
  const prod2 = `${prod}// edits\n`;
  const root = writeProject({ 'rivven.config.ts': baseConfig, 'environments/prod.ts': prod2, 'environments/_shared.ts': shared });
  const replicasOf = async () => {
    const { project } = await loadProject({ root, typecheck: false });
    const env = project.environments[0];
    return { value: (env?.value as { cluster: { replicas: unknown } }).cluster.replicas, at: env?.positions.get('/cluster/replicas') };
  };
  assert.equal(await replicasOf(), { value: 5, at: { file: 'environments/prod.ts', line: 5, column: 14 } });
  assert.is(derivedCacheState['positions'], 'miss');
  assert.equal(await replicasOf(), { value: 5, at: { file: 'environments/prod.ts', line: 5, column: 14 } });
  assert.is(derivedCacheState['positions'], 'hit');
  assert.is(derivedCacheState['js'], 'hit');
  // Two lines added above: the position moves, the value changes.
  fs.writeFileSync(path.join(root, 'environments/prod.ts'), prod2.replace('export default', '// one\n// two\nexport default').replace('cluster: { replicas }', 'cluster: { replicas: replicas + 1 }'));
  assert.equal(await replicasOf(), { value: 6, at: { file: 'environments/prod.ts', line: 7, column: 14 } });
  assert.is(derivedCacheState['positions'], 'miss');
  // Back to the first text: its entries are still there.
  fs.writeFileSync(path.join(root, 'environments/prod.ts'), prod2);
  assert.equal(await replicasOf(), { value: 5, at: { file: 'environments/prod.ts', line: 5, column: 14 } });
  assert.is(derivedCacheState['positions'], 'hit');
});

test('a syntax error after a good version is reported at its line, every time (failures are not remembered)', async () => {
  const root = writeProject({ 'rivven.config.ts': baseConfig, 'environments/prod.ts': prod, 'environments/_shared.ts': shared });
  await loadProject({ root, typecheck: false });
  fs.writeFileSync(path.join(root, 'environments/_shared.ts'), 'export const replicas = (5;\n');
  for (let i = 0; i < 2; i += 1) assert.equal(summarize(await loadFailure({ root, typecheck: false })), ['RG111 environments/_shared.ts:1:27']);
});

test('a damaged entry is derived again, not trusted', async () => {
  const root = writeProject({ 'rivven.config.ts': baseConfig, 'environments/prod.ts': prod, 'environments/_shared.ts': shared });
  await loadProject({ root, typecheck: false });
  const derivedDir = path.join(cacheDir, 'derived');
  for (const name of fs.readdirSync(derivedDir)) fs.writeFileSync(path.join(derivedDir, name), name.startsWith('positions-') ? '{"trunc' : 'throw new Error("damaged")');
  const { project } = await loadProject({ root, typecheck: false });
  assert.is(derivedCacheState['positions'], 'miss');
  assert.equal(project.environments[0]?.positions.get('/cluster/replicas'), { file: 'environments/prod.ts', line: 5, column: 14 });
});

test.run();
