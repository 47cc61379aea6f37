import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';

// TypeScript's compiled code is kept in a V8 code cache between processes (src/load/typescript.ts).
// Each case runs a fresh process, as the CLI does, with the cache in a scratch directory.
const repoDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rivven-code-cache-'));

test.after(() => fs.rmSync(cacheDir, { recursive: true, force: true }));

/** Loads TypeScript in a new process, parses and (optionally) type-checks a line; returns what it saw. */
function run(options: { check?: boolean; env?: Record<string, string> } = {}): { state: string; kind: string; diagnostics: number } {
  const script = `
    const { typescript, codeCache, noteTypeCheck } = await import(${JSON.stringify(path.join(repoDir, 'src/load/typescript.ts'))});
    const before = codeCache.state;
    const ts = typescript();
    const sf = ts.createSourceFile('a.ts', 'export const a: number = "x";', ts.ScriptTarget.ES2022, true);
    let diagnostics = 0;
    if (${options.check === true}) {
      noteTypeCheck();
      const host = ts.createCompilerHost({});
      const get = host.getSourceFile.bind(host);
      host.getSourceFile = (name, ...rest) => (name === 'a.ts' ? sf : get(name, ...rest));
      diagnostics = ts.createProgram({ rootNames: ['a.ts'], options: { noLib: true, types: [] }, host }).getSemanticDiagnostics(sf).length;
    }
    console.log(JSON.stringify({ before, state: codeCache.state, kind: ts.isVariableStatement(sf.statements[0]) ? 'VariableStatement' : 'other', diagnostics }));
  `;
  const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: repoDir,
    encoding: 'utf8',
    env: { ...process.env, RIVVEN_GITOPS_CACHE_DIR: cacheDir, ...options.env },
  });
  const { before, ...seen } = JSON.parse(out.trim().split('\n').pop() ?? '{}');
  // Importing the module loads nothing; the first call does.
  assert.is(before, 'off');
  return seen;
}

const cacheFiles = () => fs.readdirSync(cacheDir).sort();

test('the first process writes the cache, the next one uses it, and TypeScript works both times', () => {
  assert.equal(run(), { state: 'none', kind: 'VariableStatement', diagnostics: 0 });
  assert.equal(cacheFiles().map((f) => f.replace(/-[0-9a-f]{16}\./, '-KEY.')), ['typescript-KEY.parse.v8cache']);
  assert.equal(run(), { state: 'used', kind: 'VariableStatement', diagnostics: 0 });
});

test('a type-check replaces a parse-only cache with one that covers the checker', () => {
  assert.equal(run({ check: true }), { state: 'used', kind: 'VariableStatement', diagnostics: 1 });
  assert.equal(cacheFiles().map((f) => f.replace(/-[0-9a-f]{16}\./, '-KEY.')), ['typescript-KEY.check.v8cache']);
  assert.equal(run({ check: true }), { state: 'used', kind: 'VariableStatement', diagnostics: 1 });
});

test('a damaged cache is refused by V8, TypeScript still loads, and the cache is made again', () => {
  const [file] = cacheFiles();
  if (file === undefined) throw new Error('no cache file');
  const size = fs.statSync(path.join(cacheDir, file)).size;
  fs.writeFileSync(path.join(cacheDir, file), Buffer.alloc(size, 7));
  assert.equal(run({ check: true }), { state: 'rejected', kind: 'VariableStatement', diagnostics: 1 });
  assert.equal(run({ check: true }), { state: 'used', kind: 'VariableStatement', diagnostics: 1 });
});

test('RIVVEN_GITOPS_NO_CACHE=1 loads TypeScript without one', () => {
  assert.equal(run({ env: { RIVVEN_GITOPS_NO_CACHE: '1' } }), { state: 'off', kind: 'VariableStatement', diagnostics: 0 });
});

test.run();
