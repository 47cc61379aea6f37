/**
 * Clean type-checks remembered between processes. `validate`, `check`, `build` and `explain` each
 * type-check the same files; when nothing they read has changed since a check that found nothing,
 * there is nothing new to find. Only clean results are kept, so an error is always reported by a real
 * check.
 *
 * An entry is found by what defines the program (TypeScript's version, the library's types file, the
 * root files, and the install state of node_modules) and holds what the program read: a digest of every file except TypeScript's own lib files, and, for every directory
 * those files are in outside node_modules (whose changes the install state covers), the names in it an
 * import could resolve to — script files, and directories with an index file or a package.json — so a
 * new `./shared.ts` beside `./shared/index.ts` is a change, and a new out/ or README is not.
 *
 * The compiler options are not part of the name: typecheck.ts derives them from the root files' text
 * (does one import a Node built-in?) and from whether Node's types are installed, both of which the
 * entry's digests and install states already cover. So a lookup needs no TypeScript loaded.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type * as TS from 'typescript';
import { publicApiTypesFile } from './public-api.js';
import { cacheDirectory, writeCacheFile } from './cache-dir.js';
import { isInside } from './paths.js';
import { typescriptInstall } from './typescript.js';

interface Entry {
  /** Absolute path → sha1 of the bytes. */
  readonly files: Readonly<Record<string, string>>;
  /** Absolute directory → the sorted names in it an import could resolve to. */
  readonly directories: Readonly<Record<string, readonly string[]>>;
}

export interface TypecheckCache {
  /** A check of exactly these inputs found nothing. */
  isKnownClean(): boolean;
  /** Remembers a check that found nothing, with the files its program read. */
  recordClean(program: TS.Program): void;
}

/** How the last lookup went (tests read it). */
export const typecheckCacheState: { last: 'off' | 'miss' | 'hit' } = { last: 'off' };

/**
 * `rootNames` are absolute; `typesFile` is what `rivven-gitops` resolves to for the checker. Undefined
 * when caches are off.
 */
export function openTypecheckCache(root: string, rootNames: readonly string[], typesFile: string): TypecheckCache | undefined {
  const dir = cacheDirectory();
  if (dir === undefined) {
    typecheckCacheState.last = 'off';
    return undefined;
  }
  const { version, libDir } = typescriptInstall();
  // <dir>/node_modules/typescript/lib → <dir>, whose node_modules holds the library's own dependencies.
  const installDir = path.dirname(path.dirname(path.dirname(libDir)));
  const identity = JSON.stringify({
    version: 2,
    typescript: version,
    typesFile,
    root,
    rootNames: [...rootNames].sort(),
    installs: [root, installDir].map((d) => installState(d)),
  });
  const file = path.join(dir, `typecheck-${createHash('sha256').update(identity).digest('hex').slice(0, 24)}.json`);

  return {
    isKnownClean() {
      const clean = isUnchanged(readEntry(file));
      typecheckCacheState.last = clean ? 'hit' : 'miss';
      return clean;
    },
    recordClean(program) {
      const files: Record<string, string> = {};
      const directories: Record<string, readonly string[]> = {};
      for (const sourceFile of program.getSourceFiles()) {
        const name = path.resolve(sourceFile.fileName);
        if (isInside(libDir, name)) continue;
        const digest = digestOf(name);
        if (digest === undefined) return; // read from somewhere we cannot read again: do not remember
        files[name] = digest;
        const parent = path.dirname(name);
        if (!(parent in directories) && !parent.split(path.sep).includes('node_modules')) directories[parent] = listing(parent) ?? [];
      }
      writeCacheFile(file, () => JSON.stringify({ files, directories }), { owns: (name) => name.startsWith('typecheck-') && name.endsWith('.json'), keep: 100 });
    },
  };
}

/** True when a check of these project-relative files is known to find nothing; loads no TypeScript. */
export function isKnownCleanCheck(root: string, files: readonly string[], typesFile: string = publicApiTypesFile): boolean {
  return openTypecheckCache(root, files.map((f) => path.join(root, f)), typesFile)?.isKnownClean() === true;
}

function isUnchanged(entry: Entry | undefined): boolean {
  if (entry === undefined) return false;
  for (const [name, digest] of Object.entries(entry.files)) if (digestOf(name) !== digest) return false;
  for (const [dir, names] of Object.entries(entry.directories)) {
    const now = listing(dir);
    if (now === undefined || now.length !== names.length || now.some((n, i) => n !== names[i])) return false;
  }
  return true;
}

/**
 * npm rewrites node_modules/.package-lock.json on every install: a changed install is a new program.
 * By content, not modification time: `npm ci` in CI writes the same file again, and a cache restored
 * there (the workflow keeps node_modules/.cache/rivven-gitops) still matches.
 */
function installState(dir: string): string {
  return digestOf(path.join(dir, 'node_modules', '.package-lock.json')) ?? 'none';
}

function digestOf(file: string): string | undefined {
  try {
    return createHash('sha1').update(fs.readFileSync(file)).digest('hex');
  } catch {
    return undefined;
  }
}

const scriptFile = /\.(?:[cm]?[jt]sx?|json)$/;
const moduleDirMarkers = ['package.json', 'index.ts', 'index.tsx', 'index.d.ts', 'index.js', 'index.jsx', 'index.mts', 'index.cts', 'index.mjs', 'index.cjs'];

/** The names in `dir` that an import could resolve to. */
function listing(dir: string): string[] | undefined {
  try {
    const names: string[] = [];
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory() ? moduleDirMarkers.some((m) => fs.existsSync(path.join(dir, entry.name, m))) : scriptFile.test(entry.name)) names.push(entry.name);
    }
    return names.sort();
  } catch {
    return undefined;
  }
}

function readEntry(file: string): Entry | undefined {
  try {
    const parsed: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    if (typeof parsed !== 'object' || parsed === null || !('files' in parsed) || !('directories' in parsed)) return undefined;
    const { files, directories } = parsed;
    if (!isStringRecord(files) || !isListingRecord(directories)) return undefined;
    return { files, directories };
  } catch {
    return undefined;
  }
}

function isStringRecord(value: unknown): value is Record<string, string> {
  return typeof value === 'object' && value !== null && Object.values(value).every((v) => typeof v === 'string');
}

function isListingRecord(value: unknown): value is Record<string, string[]> {
  return typeof value === 'object' && value !== null && Object.values(value).every((v) => Array.isArray(v) && v.every((n) => typeof n === 'string'));
}
