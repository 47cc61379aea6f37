/**
 * Clean type-checks remembered between processes. `validate`, `check`, `build` and `explain` each
 * type-check the same files; when nothing they read has changed since a check that found nothing,
 * there is nothing new to find. Only clean results are kept, per file, so an error is always reported
 * by a real check.
 *
 * An entry is found by what defines the program (TypeScript's version, the library's types file, the
 * root files, and the install state of node_modules). It holds, per user file a check found nothing in,
 * the files that file's diagnostics depend on (typecheck.ts's dependenciesOf: itself, what it imports
 * transitively, and every file that can declare globals), with a digest of each; and, for every
 * directory those files are in outside node_modules (whose changes the install state covers), the names
 * in it an import could resolve to — script files, and directories with an index file or a package.json —
 * so a new `./shared.ts` beside `./shared/index.ts` is a change (to every file: the whole entry is then
 * void), and a new out/ or README is not. After an edit to one environment file, the base and the other
 * environment files are still known clean and only the edited file is checked again.
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
  /** Whether Node's types were part of the program (they declare globals every file sees). */
  readonly nodeTypes: boolean;
  /** Absolute directory → the sorted names in it an import could resolve to. */
  readonly directories: Readonly<Record<string, readonly string[]>>;
  /**
   * Absolute user file → the files its diagnostics depend on (itself, the user files it imports,
   * transitively, and every file that can declare globals: see typecheck.ts), each with the sha1 of its
   * bytes when a check found nothing in the file. A fact about those bytes, so it stays true (and is
   * kept) after the file is broken, and holds again when the edit is undone.
   */
  readonly clean: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

export interface TypecheckCache {
  /** A check of exactly these inputs found nothing. */
  isKnownClean(): boolean;
  /**
   * The user files (absolute) a check with these options would find nothing in, because nothing their
   * diagnostics depend on has changed since a check that found nothing in them. Empty when any
   * directory an import could resolve in has changed, or the options differ.
   */
  knownCleanFiles(nodeTypes: boolean): ReadonlySet<string>;
  /**
   * Remembers the files `checkedClean` found clean by this check, with the files each depends on,
   * beside what was remembered before.
   */
  recordClean(input: { readonly program: TS.Program; readonly nodeTypes: boolean; readonly checkedClean: ReadonlyMap<string, readonly string[]> }): void;
}

/** How the last lookup went (tests read it): `partial` = only what an edit can affect was checked. */
export const typecheckCacheState: { last: 'off' | 'miss' | 'hit' | 'partial' } = { last: 'off' };

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
    version: 3,
    typescript: version,
    typesFile,
    root,
    rootNames: [...rootNames].sort(),
    installs: [root, installDir].map((d) => installState(d)),
  });
  const file = path.join(dir, `typecheck-${createHash('sha256').update(identity).digest('hex').slice(0, 24)}.json`);
  let entry: Entry | undefined | null = null;
  const read = (): Entry | undefined => {
    if (entry === null) entry = readEntry(file);
    return entry;
  };
  const digests = new Map<string, string | undefined>();
  const digest = (name: string): string | undefined => {
    if (!digests.has(name)) digests.set(name, digestOf(name));
    return digests.get(name);
  };
  const cleanNow = (e: Entry): Set<string> => {
    const known = new Set<string>();
    if (!directoriesUnchanged(e)) return known;
    for (const [name, dependencies] of Object.entries(e.clean)) {
      if (Object.entries(dependencies).every(([f, d]) => digest(f) === d)) known.add(name);
    }
    return known;
  };

  return {
    isKnownClean() {
      const e = read();
      const known = e === undefined ? new Set<string>() : cleanNow(e);
      const clean = e !== undefined && rootNames.every((r) => known.has(path.resolve(r)));
      typecheckCacheState.last = clean ? 'hit' : 'miss';
      return clean;
    },
    knownCleanFiles(nodeTypes) {
      const e = read();
      if (e === undefined || e.nodeTypes !== nodeTypes) return new Set();
      const known = cleanNow(e);
      if (known.size > 0) typecheckCacheState.last = 'partial';
      return known;
    },
    recordClean({ program, nodeTypes, checkedClean }) {
      const previous = read();
      // Records of other options or other directory listings are void; the rest stay true.
      const clean: Record<string, Readonly<Record<string, string>>> = previous !== undefined && previous.nodeTypes === nodeTypes && directoriesUnchanged(previous) ? { ...previous.clean } : {};
      for (const [name, dependencies] of checkedClean) {
        const digests: Record<string, string> = {};
        let readable = true;
        for (const f of dependencies) {
          if (isInside(libDir, f)) continue;
          const d = digest(f);
          if (d === undefined) readable = false; // read from somewhere we cannot read again: do not remember
          else digests[f] = d;
        }
        if (readable) clean[name] = digests;
      }
      for (const name of Object.keys(clean)) if (digest(name) === undefined) delete clean[name];
      if (Object.keys(clean).length === 0) return;
      const directories: Record<string, readonly string[]> = {};
      const readFiles = [...Object.values(clean).flatMap((d) => Object.keys(d)), ...program.getSourceFiles().map((s) => path.resolve(s.fileName)).filter((f) => !isInside(libDir, f))];
      for (const name of readFiles) {
        const parent = path.dirname(name);
        if (!(parent in directories) && !parent.split(path.sep).includes('node_modules')) directories[parent] = listing(parent) ?? [];
      }
      writeCacheFile(file, () => JSON.stringify({ nodeTypes, directories, clean }), { owns: (name) => name.startsWith('typecheck-') && name.endsWith('.json'), keep: 100 });
    },
  };
}

/** True when a check of these project-relative files is known to find nothing; loads no TypeScript. */
export function isKnownCleanCheck(root: string, files: readonly string[], typesFile: string = publicApiTypesFile): boolean {
  return openTypecheckCache(root, files.map((f) => path.join(root, f)), typesFile)?.isKnownClean() === true;
}

function directoriesUnchanged(entry: Entry): boolean {
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
    if (typeof parsed !== 'object' || parsed === null || !('directories' in parsed) || !('clean' in parsed) || !('nodeTypes' in parsed)) return undefined;
    const { directories, clean, nodeTypes } = parsed;
    if (!isListingRecord(directories) || !isCleanRecord(clean) || typeof nodeTypes !== 'boolean') return undefined;
    return { directories, clean, nodeTypes };
  } catch {
    return undefined;
  }
}

function isStringRecord(value: unknown): value is Record<string, string> {
  return typeof value === 'object' && value !== null && Object.values(value).every((v) => typeof v === 'string');
}

function isCleanRecord(value: unknown): value is Record<string, Record<string, string>> {
  return typeof value === 'object' && value !== null && Object.values(value).every(isStringRecord);
}

function isListingRecord(value: unknown): value is Record<string, string[]> {
  return typeof value === 'object' && value !== null && Object.values(value).every((v) => Array.isArray(v) && v.every((n) => typeof n === 'string'));
}
