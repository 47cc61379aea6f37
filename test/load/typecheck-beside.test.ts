import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Finding } from '../../src/errors/diagnostic.js';
import type { CompiledFleet, CompileOptions } from '../../src/pipelines/compile-project.js';
import { baseConfig, removeProjects, scratchCacheDir, summarize, writeProject } from './support/temp-project.js';

// A one-shot `build` type-checks in a worker thread beside the other stages (src/load/typecheck-beside.ts).
// The worker runs only from compiled code, so this file drives dist/ (built by `npm run prepare`, as the
// CLI tests do): what it reports must be exactly what the check in the build's own thread reports.
const distDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist');
type Dist = {
  compileProject(options: CompileOptions): Promise<CompiledFleet>;
  UserError: new (findings: readonly Finding[]) => Error & { findings: readonly Finding[] };
  canTypecheckBeside(): boolean;
  isTypeScriptLoaded(): boolean;
};
const dist: Dist = {
  ...((await import(path.join(distDir, 'pipelines/compile-project.js'))) as Pick<Dist, 'compileProject'>),
  ...((await import(path.join(distDir, 'errors/diagnostic.js'))) as Pick<Dist, 'UserError'>),
  ...((await import(path.join(distDir, 'load/typecheck-beside.js'))) as Pick<Dist, 'canTypecheckBeside'>),
  ...((await import(path.join(distDir, 'load/typescript.js'))) as Pick<Dist, 'isTypeScriptLoaded'>),
};

const cache = scratchCacheDir('rivven-typecheck-beside-');
test.after(() => {
  removeProjects();
  cache.restore();
});

async function outcome(root: string, beside: boolean): Promise<{ readonly findings: readonly string[]; readonly files?: number }> {
  try {
    const compiled = await dist.compileProject({ root, typecheckBeside: beside });
    return { findings: compiled.findings.map(describe), files: compiled.tree.size };
  } catch (error) {
    if (error instanceof dist.UserError) return { findings: error.findings.map(describe) };
    throw error;
  }
}

function describe(f: Finding): string {
  return `${summarize([f])[0]} ${f.message}`;
}

/** Without caches, so that both ways really check (a clean record would skip the check). */
async function bothWays(root: string): Promise<{ readonly beside: Awaited<ReturnType<typeof outcome>>; readonly here: Awaited<ReturnType<typeof outcome>> }> {
  process.env['RIVVEN_GITOPS_NO_CACHE'] = '1';
  try {
    return { beside: await outcome(root, true), here: await outcome(root, false) };
  } finally {
    delete process.env['RIVVEN_GITOPS_NO_CACHE'];
  }
}

const dev = `import { defineEnvironment } from 'rivven-gitops';
export default defineEnvironment({ cluster: { replicas: 1 } });
`;

test('the compiled library and the CLI bundle carry the worker', () => {
  assert.ok(dist.canTypecheckBeside());
  assert.ok(fs.existsSync(path.join(distDir, 'cli-bundle/typecheck-worker.js')));
});

// First in this file: no check has run in this thread yet, so TypeScript is not loaded here.
test('with caches, the worker makes what evaluation needs: this thread never loads TypeScript, and an edit is checked', async () => {
  const base = baseConfig.replace("project: 'shop',", "project: 'shop',\n  target: 'manifests',\n  argocd: { repoURL: 'https://git.example.com/fleet.git' },");
  const root = writeProject({ 'rivven.config.ts': base, 'environments/dev.ts': dev });
  const clean = await outcome(root, true);
  assert.ok(clean.files, clean.findings.join('\n'));
  fs.writeFileSync(path.join(root, 'environments/dev.ts'), dev.replace('replicas: 1', "replicas: 'two'"));
  const broken = await outcome(root, true);
  assert.equal(broken.findings.map((f) => f.split(' ').slice(0, 2).join(' ')), ['RG102 environments/dev.ts:2:47']);
  // Fixed: a text no cache has seen (the worker must make its code and positions again).
  fs.writeFileSync(path.join(root, 'environments/dev.ts'), `// replicas: one broker for development\n${dev}`);
  const fixed = await outcome(root, true);
  assert.ok(fixed.files, fixed.findings.join('\n'));
  assert.is(dist.isTypeScriptLoaded(), false);
});

test('a type error found beside the build is the one found in its own thread, and nothing compiles', async () => {
  const root = writeProject({ 'rivven.config.ts': baseConfig, 'environments/dev.ts': dev.replace('replicas: 1', "replicas: 'one'") });
  const { beside, here } = await bothWays(root);
  assert.equal(beside, here);
  assert.is(beside.files, undefined);
  assert.equal(beside.findings.map((f) => f.split(' ').slice(0, 2).join(' ')), ['RG102 environments/dev.ts:2:47']);
});

test('code that does not type-check and throws when evaluated reports the type error, not the echo', async () => {
  const broken = `import { defineEnvironment } from 'rivven-gitops';
const replicas: number = 'three';
if (typeof replicas === 'string') throw new Error('evaluated code that does not type-check');
export default defineEnvironment({ cluster: { replicas } });
`;
  const root = writeProject({ 'rivven.config.ts': baseConfig, 'environments/dev.ts': broken });
  const { beside, here } = await bothWays(root);
  assert.equal(beside, here);
  assert.equal(beside.findings.map((f) => f.split(' ').slice(0, 2).join(' ')), ['RG102 environments/dev.ts:2:7']);
});

test('a syntax error is reported once, as the check in the build\'s own thread reports it', async () => {
  const root = writeProject({ 'rivven.config.ts': baseConfig, 'environments/dev.ts': dev.replace('replicas: 1 }', 'replicas: 1 ') });
  const { beside, here } = await bothWays(root);
  assert.equal(beside, here);
  assert.equal(beside.findings.map((f) => f.split(' ')[0]), ['RG111']);
});

test('a type error in the base stops the build even when a later stage would fail too', async () => {
  // replicas 0 is refused by validation; the type error is what a check run first reports.
  const base = baseConfig.replace('replicas: 3', 'replicas: 0').replace("project: 'shop'", "project: 'shop' as number");
  const root = writeProject({ 'rivven.config.ts': base, 'environments/dev.ts': dev });
  const { beside, here } = await bothWays(root);
  assert.equal(beside, here);
  assert.ok(beside.findings.length > 0 && beside.findings.every((f) => f.startsWith('RG102 ')), beside.findings.join('\n'));
});

test('a fleet that type-checks compiles to the same files and findings beside the build', async () => {
  const base = baseConfig.replace("project: 'shop',", "project: 'shop',\n  target: 'manifests',\n  argocd: { repoURL: 'https://git.example.com/fleet.git' },");
  const root = writeProject({ 'rivven.config.ts': base, 'environments/dev.ts': dev });
  const { beside, here } = await bothWays(root);
  assert.equal(beside, here);
  assert.ok((beside.files ?? 0) > 0, beside.findings.join("\n"));
});

test.run();
