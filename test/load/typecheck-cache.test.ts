import fs from 'node:fs';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadProject } from '../../src/load/load-project.js';
import { typecheckCacheState } from '../../src/load/typecheck-cache.js';
import { baseConfig, loadFailure, removeProjects, scratchCacheDir, summarize, writeProject } from './support/temp-project.js';

// Clean type-checks are remembered (src/load/typecheck-cache.ts). Every change a check could see must
// make the next load check again.
const cache = scratchCacheDir('rivven-typecheck-cache-');

test.after(() => {
  removeProjects();
  cache.restore();
});

const prod = `import { defineEnvironment } from 'rivven-gitops';
import { replicas } from './_shared';
export default defineEnvironment({ cluster: { replicas } });
`;

async function loadState(root: string): Promise<string> {
  await loadProject({ root });
  return typecheckCacheState.last;
}

test('an unchanged clean project is not checked again; its values and positions are the same', async () => {
  const root = writeProject({ 'rivven.config.ts': baseConfig, 'environments/prod.ts': prod, 'environments/_shared/index.ts': 'export const replicas = 5;\n' });
  const first = await loadProject({ root });
  assert.is(typecheckCacheState.last, 'miss');
  const second = await loadProject({ root });
  assert.is(typecheckCacheState.last, 'hit');
  assert.equal(second.project.environments, first.project.environments);
  assert.equal(second.project.base, first.project.base);
  // What no import can resolve to is not a change: the build's out/, a README.
  fs.mkdirSync(path.join(root, 'out', 'base'), { recursive: true });
  fs.writeFileSync(path.join(root, 'out', 'base', 'kustomization.yaml'), 'resources: []\n');
  fs.writeFileSync(path.join(root, 'README.md'), '# fleet\n');
  assert.is(await loadState(root), 'hit');
  // A directory an import could resolve to (it has an index file) is.
  fs.mkdirSync(path.join(root, 'rivven'));
  fs.writeFileSync(path.join(root, 'rivven', 'index.ts'), 'export {};\n');
  assert.is(await loadState(root), 'miss');
});

test('an edit that breaks a file, anywhere the program reads, is checked and reported', async () => {
  const root = writeProject({ 'rivven.config.ts': baseConfig, 'environments/prod.ts': prod, 'environments/_shared/index.ts': 'export const replicas = 5;\n' });
  assert.is(await loadState(root), 'miss');
  assert.is(await loadState(root), 'hit');
  fs.writeFileSync(path.join(root, 'environments/_shared/index.ts'), "export const replicas = 'five';\n");
  assert.equal(summarize(await loadFailure({ root })), ['RG102 environments/prod.ts:3:47']);
  assert.is(typecheckCacheState.last, 'partial');
  // Broken results are never remembered: still checked, still reported.
  assert.equal(summarize(await loadFailure({ root })), ['RG102 environments/prod.ts:3:47']);
  assert.is(typecheckCacheState.last, 'partial');
  fs.writeFileSync(path.join(root, 'environments/_shared/index.ts'), 'export const replicas = 5;\n');
  assert.is(await loadState(root), 'hit');
});

test('a new file an import now resolves to is a change', async () => {
  const root = writeProject({ 'rivven.config.ts': baseConfig, 'environments/prod.ts': prod, 'environments/_shared/index.ts': 'export const replicas = 5;\n' });
  assert.is(await loadState(root), 'miss');
  assert.is(await loadState(root), 'hit');
  // './_shared' now means _shared.ts, which is broken.
  fs.writeFileSync(path.join(root, 'environments/_shared.ts'), "export const replicas: number = 'x';\n");
  const findings = await loadFailure({ root });
  assert.equal(summarize(findings), ['RG102 environments/_shared.ts:1:14']);
});

test('a new environment file is a change, and removing it again is the remembered project', async () => {
  const root = writeProject({ 'rivven.config.ts': baseConfig, 'environments/prod.ts': prod, 'environments/_shared/index.ts': 'export const replicas = 5;\n' });
  assert.is(await loadState(root), 'miss');
  fs.writeFileSync(path.join(root, 'environments/dev.ts'), "import { defineEnvironment } from 'rivven-gitops';\nexport default defineEnvironment({ cluster: { replicas: 'one' } });\n");
  assert.equal(summarize(await loadFailure({ root })), ['RG102 environments/dev.ts:2:47']);
  fs.rmSync(path.join(root, 'environments/dev.ts'));
  assert.is(await loadState(root), 'hit');
});

test('a reinstall with the same packages (npm ci in CI) keeps the record; other packages do not', async () => {
  const root = writeProject({ 'rivven.config.ts': baseConfig, 'environments/prod.ts': prod, 'environments/_shared/index.ts': 'export const replicas = 5;\n' });
  const lock = path.join(root, 'node_modules', '.package-lock.json');
  fs.mkdirSync(path.dirname(lock), { recursive: true });
  fs.writeFileSync(lock, '{"lockfileVersion":3,"packages":{}}\n');
  assert.is(await loadState(root), 'miss');
  assert.is(await loadState(root), 'hit');
  // npm ci writes the file again: same bytes, new modification time.
  fs.writeFileSync(lock, '{"lockfileVersion":3,"packages":{}}\n');
  fs.utimesSync(lock, new Date(), new Date(Date.now() + 60_000));
  assert.is(await loadState(root), 'hit');
  fs.writeFileSync(lock, '{"lockfileVersion":3,"packages":{"node_modules/x":{}}}\n');
  assert.is(await loadState(root), 'miss');
});

test('RIVVEN_GITOPS_NO_CACHE=1 always checks', async () => {
  const root = writeProject({ 'rivven.config.ts': baseConfig, 'environments/prod.ts': prod, 'environments/_shared/index.ts': 'export const replicas = 5;\n' });
  process.env['RIVVEN_GITOPS_NO_CACHE'] = '1';
  try {
    assert.is(await loadState(root), 'off');
    assert.is(await loadState(root), 'off');
  } finally {
    delete process.env['RIVVEN_GITOPS_NO_CACHE'];
  }
});

test.run();
