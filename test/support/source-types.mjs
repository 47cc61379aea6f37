// The public types of the SOURCE, printed as scripts/build-public-types.mjs prints them for dist/, once
// per state of src/ (cached under node_modules/.cache, which npm ci clears).
//
// Why: the loader type-checks every config a test builds. A user's build checks against the printed
// types in dist/public-types/; a test, running from src/, would check against src/index.ts and compute
// z.input<…> of the whole config schema every time: about a second of CPU per check, hundreds of checks
// per run. test/run.mjs makes these from the current src/ (so a type changed in src/ is what the tests
// check against) and names them in RIVVEN_GITOPS_SOURCE_TYPES; test/load/public-types.test.ts holds
// printed types to the originals' findings, positions and messages.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

function listFiles(dir) {
  const found = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...listFiles(full));
    else if (entry.name.endsWith('.ts')) found.push(full);
  }
  return found;
}

/** Everything the printed types are made from: the source, the printer, TypeScript and zod. */
function stateOf(root) {
  const hash = createHash('sha256');
  const inputs = [
    ...listFiles(path.join(root, 'src')).sort(),
    path.join(root, 'scripts', 'build-public-types.mjs'),
    path.join(root, 'tsconfig.json'),
    path.join(root, 'tsconfig.build.json'),
    require.resolve('typescript/package.json', { paths: [root] }),
    require.resolve('zod/package.json', { paths: [root] }),
  ];
  for (const file of inputs) hash.update(`${path.relative(root, file)}\0`).update(fs.readFileSync(file)).update('\0');
  return hash.digest('hex').slice(0, 16);
}

/** The declarations `tsc -p tsconfig.build.json` writes beside the JavaScript, into `outDir`. */
function emitDeclarations(root, outDir) {
  const ts = require(require.resolve('typescript', { paths: [root] }));
  const parsed = ts.getParsedCommandLineOfConfigFile(path.join(root, 'tsconfig.build.json'), { outDir, emitDeclarationOnly: true, declaration: true, noEmit: false }, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
  if (parsed === undefined) throw new Error('tsconfig.build.json cannot be read');
  // All of src/, as the build compiles it: the order TypeScript meets types in decides the order of
  // union members in the declarations, and so in messages; these match dist/'s.
  const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options });
  const result = program.emit(undefined, undefined, undefined, true);
  if (result.emitSkipped) throw new Error('the declarations of src/ were not emitted');
}

/**
 * dist/public-types/ when it was printed from exactly the declarations just emitted from src/ (as after
 * `npm ci`, whose prepare script builds dist/ from this src/): copied instead of printed again.
 */
function reuseBuilt(root, scratch) {
  const dist = path.join(root, 'dist');
  const built = path.join(dist, 'public-types');
  try {
    const { sources, sha256 } = JSON.parse(fs.readFileSync(path.join(built, 'sources.json'), 'utf8'));
    const hash = createHash('sha256');
    for (const relative of sources) {
      const bytes = fs.readFileSync(path.join(dist, relative));
      hash.update(`${relative}\0`).update(bytes).update('\0');
      // Outside dist/ (zod's package.json): the same install, part of the state.
      if (!relative.startsWith('..') && !bytes.equals(fs.readFileSync(path.join(scratch, relative)))) return false;
    }
    if (hash.digest('hex') !== sha256) return false;
    fs.cpSync(built, path.join(scratch, 'public-types'), { recursive: true });
    return true;
  } catch {
    return false;
  }
}

/**
 * The printed public types of the current src/ (their index.d.ts), made if need be; undefined (with the
 * reason) when they cannot be made, and the tests then check against src/index.ts itself.
 */
export function sourceTypesFile(root) {
  const cache = path.join(root, 'node_modules', '.cache', 'rivven-gitops-tests');
  try {
    const dir = path.join(cache, `source-types-${stateOf(root)}`);
    const entry = path.join(dir, 'public-types', 'index.d.ts');
    if (fs.existsSync(entry)) return { file: entry };
    const scratch = `${dir}.${process.pid}.tmp`;
    fs.rmSync(scratch, { recursive: true, force: true });
    try {
      emitDeclarations(root, scratch);
      const printed = reuseBuilt(root, scratch) ? { status: 0 } : spawnSync(process.execPath, [path.join(root, 'scripts', 'build-public-types.mjs'), scratch], { cwd: root, encoding: 'utf8' });
      if (printed.status !== 0) throw new Error(`scripts/build-public-types.mjs failed:\n${printed.stdout}${printed.stderr}`);
      // Older states are of no use: keep the cache to the one of the source as it is now.
      for (const name of fs.readdirSync(cache)) if (name.startsWith('source-types-') && !name.endsWith('.tmp')) fs.rmSync(path.join(cache, name), { recursive: true, force: true });
      fs.renameSync(scratch, dir);
    } finally {
      fs.rmSync(scratch, { recursive: true, force: true });
    }
    return { file: entry };
  } catch (error) {
    return { reason: error instanceof Error ? error.message : String(error) };
  }
}

// As a script (test/run.mjs runs it beside the first test files): prints the result as JSON.
if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === new URL(import.meta.url).pathname) {
  process.stdout.write(`${JSON.stringify(sourceTypesFile(path.resolve(process.argv[2] ?? '.')))}\n`);
}
