/**
 * The TypeScript compiler API, loaded with `require`. TypeScript ships as one 9 MB CommonJS file; an ESM
 * `import` of it makes Node scan the whole file for named exports (cjs-module-lexer) and sniff its
 * module format first, which costs about 0.4 s per process, more than the rest of a small build.
 * `require` only compiles it. Types come from `import type * as TS from 'typescript'` where needed.
 *
 * Compiling it (and then each of its functions, lazily, as a build first calls them) is most of what
 * is left, every process. So the compiled code is kept in a V8 code cache under
 * `node_modules/.cache/rivven-gitops/`, as Node 22's module.enableCompileCache does for everything:
 * written when a process exits after using TypeScript, keyed by TypeScript's file (path, size, mtime) and
 * Node's version;
 * V8 itself rejects a cache it cannot use, and then TypeScript compiles as without one.
 * RIVVEN_GITOPS_NO_CACHE=1 turns it off; RIVVEN_GITOPS_CACHE_DIR puts it elsewhere (see cache-dir.ts).
 *
 * Nothing is loaded until a caller asks: a build of files that are unchanged since a clean check needs
 * no TypeScript at all (typecheck-cache.ts, derived-cache.ts), and loading it is a fifth of such a build.
 * The modules that need the compiler throughout (typecheck.ts, provenance.ts) call `typescript()` at
 * their top and are themselves imported only when needed.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire, Module } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';
import type * as TS from 'typescript';
import { cacheDirectory, writeCacheFile } from './cache-dir.js';

const require = createRequire(import.meta.url);

/** How TypeScript was loaded this process (tests and the benchmark read it). */
export const codeCache: { state: 'off' | 'none' | 'used' | 'rejected' } = { state: 'off' };

let loaded: typeof TS | undefined;

/** The compiler API, loaded on first use. */
export function typescript(): typeof TS {
  loaded ??= loadTypeScript();
  return loaded;
}

/** Whether this process has loaded the compiler (tests and the benchmark read it). */
export function isTypeScriptLoaded(): boolean {
  return loaded !== undefined;
}

let installed: { readonly version: string; readonly libDir: string } | undefined;

/**
 * The installed TypeScript's version and lib directory (where lib.*.d.ts and typescript.js are), read
 * from its package.json without loading the compiler: enough to name a cache entry.
 */
export function typescriptInstall(): { readonly version: string; readonly libDir: string } {
  if (installed !== undefined) return installed;
  const libDir = path.dirname(require.resolve('typescript'));
  const manifest: unknown = JSON.parse(fs.readFileSync(path.join(path.dirname(libDir), 'package.json'), 'utf8'));
  const version = typeof manifest === 'object' && manifest !== null && 'version' in manifest && typeof manifest.version === 'string' ? manifest.version : 'unknown';
  installed = { version, libDir };
  return installed;
}

/** A type-check compiles the checker too: a cache made by a process that ran one covers more. */
let checked = false;

/** Called by the type-check, so the code cache written at exit includes the checker. */
export function noteTypeCheck(): void {
  checked = true;
}

function loadTypeScript(): typeof TS {
  const file = require.resolve('typescript');
  const cacheDir = cacheDirectory();
  // Already loaded (a test imported it first) or no place for a cache: plain require.
  if (require.cache[file] !== undefined || cacheDir === undefined) return require('typescript');
  try {
    return loadWithCodeCache(file, cacheDir);
  } catch {
    return require('typescript');
  }
}

function loadWithCodeCache(file: string, cacheDir: string): typeof TS {
  const source = fs.readFileSync(file, 'utf8');
  // V8 checks a cache against the source's length only, so the key also holds the file's size and
  // modification time (a digest of its 9 MB would cost more than a tenth of what the cache saves).
  const stats = fs.statSync(file);
  const key = createHash('sha1').update(`${file}\0${stats.size}\0${stats.mtimeMs}\0${process.version}\0${process.arch}`).digest('hex').slice(0, 16);
  const cacheFile = (flavour: 'check' | 'parse') => path.join(cacheDir, `typescript-${key}.${flavour}.v8cache`);
  const found = (['check', 'parse'] as const).find((flavour) => fs.existsSync(cacheFile(flavour)));
  const cachedData = found === undefined ? undefined : readFile(cacheFile(found));

  const script = new vm.Script(Module.wrap(source), { filename: file, ...(cachedData === undefined ? {} : { cachedData }) });
  const module = new Module(file);
  module.filename = file;
  const compiled: unknown = script.runInThisContext();
  if (typeof compiled !== 'function') throw new Error('unexpected module wrapper');
  // Registered before it runs, as require does, so any later require('typescript') gets this instance.
  require.cache[file] = module;
  try {
    Reflect.apply(compiled, module.exports, [module.exports, createRequire(file), module, file, path.dirname(file)]);
  } catch (error) {
    delete require.cache[file];
    throw error;
  }
  module.loaded = true;

  const usable = cachedData !== undefined && !script.cachedDataRejected;
  codeCache.state = cachedData === undefined ? 'none' : usable ? 'used' : 'rejected';
  // A cache V8 refused (another V8 build with the same Node version string) would be refused forever.
  if (found !== undefined && !usable) fs.rmSync(cacheFile(found), { force: true });
  process.once('exit', () => {
    const flavour = checked ? 'check' : 'parse';
    // Rewritten only when there is none it could use, or this process compiled the checker and the
    // cache it found had not.
    if (usable && (found === 'check' || flavour === 'parse')) return;
    writeCacheFile(cacheFile(flavour), () => script.createCachedData());
    if (flavour === 'check') fs.rmSync(cacheFile('parse'), { force: true });
  });
  const exported: typeof TS = module.exports;
  return exported;
}

function readFile(file: string): Buffer | undefined {
  try {
    return fs.readFileSync(file);
  } catch {
    return undefined;
  }
}
