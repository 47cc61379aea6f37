import fs from 'node:fs';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Finding } from '../../src/errors/diagnostic.js';
import { loadProject } from '../../src/load/load-project.js';
import { typecheckCacheState } from '../../src/load/typecheck-cache.js';
import { loadFailure, removeProjects, scratchCacheDir, summarize, writeProject } from './support/temp-project.js';

// After an edit, only the files whose diagnostics the edit can change are type-checked again
// (src/load/typecheck.ts). What is reported must be exactly what a check of everything reports.
const cache = scratchCacheDir('rivven-typecheck-edit-');

test.after(() => {
  removeProjects();
  cache.restore();
});

const base = `import { defineConfig } from 'rivven-gitops';
export type Replicas = number;
export default defineConfig({
  project: 'shop',
  cluster: { replicas: 3 },
});
`;
const prod = `import { defineEnvironment } from 'rivven-gitops';
import type { Replicas } from '../rivven.config';
const replicas: Replicas = 5;
export default defineEnvironment({ cluster: { replicas } });
`;
const dev = `import { defineEnvironment } from 'rivven-gitops';
export default defineEnvironment({ cluster: { replicas: 1 } });
`;

/** The findings of a check with no cache at all: what every cached check must agree with. */
async function uncachedFindings(root: string): Promise<readonly Finding[]> {
  process.env['RIVVEN_GITOPS_NO_CACHE'] = '1';
  try {
    return await loadFailure({ root });
  } finally {
    delete process.env['RIVVEN_GITOPS_NO_CACHE'];
  }
}

function visible(findings: readonly Finding[]): string[] {
  return findings.map((f) => `${summarize([f])[0]} ${f.message}`);
}

test('an edit that breaks one environment file reports exactly that error, from a warm cache', async () => {
  const root = writeProject({ 'rivven.config.ts': base, 'environments/prod.ts': prod, 'environments/dev.ts': dev });
  await loadProject({ root });
  await loadProject({ root });
  assert.is(typecheckCacheState.last, 'hit');
  fs.writeFileSync(path.join(root, 'environments/dev.ts'), dev.replace('replicas: 1', "replicas: 'one'"));
  const findings = await loadFailure({ root });
  assert.is(typecheckCacheState.last, 'partial');
  assert.equal(summarize(findings), ['RG102 environments/dev.ts:2:47']);
  assert.equal(visible(findings), visible(await uncachedFindings(root)));
  // Fixed again: the files not touched were never re-checked, and the whole project is known clean.
  fs.writeFileSync(path.join(root, 'environments/dev.ts'), dev.replace('replicas: 1', 'replicas: 2'));
  await loadProject({ root });
  assert.is(typecheckCacheState.last, 'partial');
  await loadProject({ root });
  assert.is(typecheckCacheState.last, 'hit');
});

test('an edit to the base that breaks an environment file that imports it is reported in the environment file', async () => {
  const root = writeProject({ 'rivven.config.ts': base, 'environments/prod.ts': prod, 'environments/dev.ts': dev });
  await loadProject({ root });
  fs.writeFileSync(path.join(root, 'rivven.config.ts'), base.replace('export type Replicas = number;', 'export type Replicas = string;'));
  const findings = await loadFailure({ root });
  assert.equal(summarize(findings), ['RG102 environments/prod.ts:3:7', 'RG102 environments/prod.ts:4:47']);
  assert.equal(visible(findings), visible(await uncachedFindings(root)));
});

test('an edit that changes a global declaration re-checks every file that sees it', async () => {
  const declaring = (type: string) => `import { defineEnvironment } from 'rivven-gitops';
declare global {
  var fleetReplicas: ${type};
}
export default defineEnvironment({ cluster: { replicas: 1 } });
`;
  const using = `import { defineEnvironment } from 'rivven-gitops';
const replicas: number = globalThis.fleetReplicas;
export default defineEnvironment({ cluster: { replicas } });
`;
  const root = writeProject({ 'rivven.config.ts': base, 'environments/dev.ts': declaring('number'), 'environments/prod.ts': using });
  await loadProject({ root });
  await loadProject({ root });
  assert.is(typecheckCacheState.last, 'hit');
  // Only dev.ts changed, but prod.ts reads what it declares.
  fs.writeFileSync(path.join(root, 'environments/dev.ts'), declaring('string'));
  const findings = await loadFailure({ root });
  assert.equal(summarize(findings), ['RG102 environments/prod.ts:2:7']);
  assert.equal(visible(findings), visible(await uncachedFindings(root)));
});

test.run();
