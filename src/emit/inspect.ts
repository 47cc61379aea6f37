/**
 * Compares the tree to write with what out/ holds now, without changing anything: which files are
 * new or changed, which owned files are stale, and whether rivven-gitops may touch the directory.
 */
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { isSafeRelativePath } from '../kustomize/file-names.js';
import { compareCodeUnits } from '../kustomize/yaml-writer.js';
import { emitError } from './fs-errors.js';
import { mapLimit } from './map-limit.js';
import { lstatOrUndefined } from './paths.js';
import { manifestFile, parseManifest, renderManifest } from './manifest.js';

/** Concurrent reads; enough to hide latency, far below any open-file limit. */
const ioParallelism = 16;

export interface EmitPlan {
  /** Whether out/ exists (as a directory). */
  readonly exists: boolean;
  /** The tree plus the manifest: every file out/ must hold afterwards. */
  readonly files: ReadonlyMap<string, string>;
  /** Paths to (re)write: missing or different bytes. */
  readonly changed: readonly string[];
  /** Owned paths no longer in the tree that are still on disk. */
  readonly stale: readonly string[];
  readonly unchanged: number;
}

/** Refuses tree paths that could leave out/, the manifest's own name, and file/directory clashes. */
export function checkTreePaths(tree: ReadonlyMap<string, string>): void {
  const dirs = new Set<string>();
  for (const file of tree.keys()) {
    if (!isSafeRelativePath(file) || file === manifestFile) {
      throw emitError('RG601', file, `Refusing to write ${JSON.stringify(file)}: the path is reserved or would leave the output directory.`);
    }
    const parts = file.split('/');
    for (let i = 1; i < parts.length; i += 1) dirs.add(parts.slice(0, i).join('/'));
  }
  for (const file of tree.keys()) {
    if (dirs.has(file)) throw emitError('RG601', file, `${file} is both a file and a directory in the tree to write.`);
  }
}

async function readOwnership(outDir: string, force: boolean): Promise<Set<string>> {
  const manifestPath = path.join(outDir, manifestFile);
  const stats = await lstatOrUndefined(manifestPath);
  if (stats === undefined) {
    const entries = await readdir(outDir);
    if (entries.length > 0 && !force) {
      throw emitError('RG610', outDir, `${outDir} is not empty and has no ${manifestFile}: rivven-gitops did not create it and will not write into it.`);
    }
    return new Set();
  }
  const owned = stats.isFile() ? parseManifest(await readFile(manifestPath, 'utf8')) : undefined;
  if (owned !== undefined) return owned;
  if (force) return new Set();
  throw emitError('RG614', manifestPath, `${manifestPath} is not a valid rivven-gitops manifest (damaged, hand-edited, or listing a path outside the directory).`);
}

/**
 * The first ancestor of `file` (inside out/) that exists but is not a real directory, if any. Writing
 * or deleting through a symlinked directory would land outside out/, and a file in the way cannot
 * hold children. Results are cached per directory; a missing directory ends the walk.
 */
async function blockingAncestor(outDir: string, file: string, checked: Map<string, string | undefined>): Promise<string | undefined> {
  const parts = file.split('/');
  for (let i = 1; i < parts.length; i += 1) {
    const dir = parts.slice(0, i).join('/');
    if (checked.has(dir)) {
      const known = checked.get(dir);
      if (known !== undefined) return known;
      continue;
    }
    const stats = await lstatOrUndefined(path.join(outDir, dir));
    if (stats === undefined) return undefined;
    const blocking = stats.isDirectory() ? undefined : dir;
    checked.set(dir, blocking);
    if (blocking !== undefined) return blocking;
  }
  return undefined;
}

export async function inspectOutDir(outDir: string, tree: ReadonlyMap<string, string>, force: boolean): Promise<EmitPlan> {
  const files = new Map(tree);
  files.set(manifestFile, renderManifest(tree));
  const rootStats = await lstatOrUndefined(outDir);
  if (rootStats !== undefined && !rootStats.isDirectory()) {
    throw emitError('RG611', outDir, `${outDir} exists and is not a directory.`);
  }
  if (rootStats === undefined) {
    return { exists: false, files, changed: [...files.keys()].sort(compareCodeUnits), stale: [], unchanged: 0 };
  }
  const owned = await readOwnership(outDir, force);
  const changed: string[] = [];
  let unchanged = 0;
  const checked = new Map<string, string | undefined>();
  const compare = async ([file, content]: readonly [string, string]): Promise<void> => {
    const blocking = await blockingAncestor(outDir, file, checked);
    if (blocking !== undefined) {
      const where = path.join(outDir, blocking);
      throw emitError('RG615', where, `${where} is not a directory (a file or a symbolic link) where rivven-gitops writes ${blocking}/.`);
    }
    const target = path.join(outDir, file);
    const stats = await lstatOrUndefined(target);
    if (stats === undefined) {
      changed.push(file);
      return;
    }
    if (stats.isDirectory()) throw emitError('RG615', target, `${target} is a directory where rivven-gitops writes a file.`);
    if (stats.isFile() && stats.size === Buffer.byteLength(content) && (await readFile(target)).equals(Buffer.from(content, 'utf8'))) {
      unchanged += 1;
      return;
    }
    const mine = owned.has(file) || file === manifestFile || force;
    if (!mine) throw emitError('RG615', target, `${target} exists, differs from what rivven-gitops would write there, and is not listed in ${manifestFile}.`);
    changed.push(file);
  };
  await mapLimit([...files], ioParallelism, compare);
  const stale: string[] = [];
  await mapLimit([...owned], ioParallelism, async (file) => {
    // Never delete through a symlinked or replaced directory: that file is not the one we wrote.
    if (files.has(file) || (await blockingAncestor(outDir, file, checked)) !== undefined) return;
    const stats = await lstatOrUndefined(path.join(outDir, file)).catch(() => undefined);
    if (stats !== undefined && !stats.isDirectory()) stale.push(file);
  });
  return { exists: true, files, changed: changed.sort(compareCodeUnits), stale: stale.sort(compareCodeUnits), unchanged };
}
