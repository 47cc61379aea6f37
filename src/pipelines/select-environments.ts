/**
 * `build --env NAME`: write (or check) only the selected environments' directories. base/, argocd/ and
 * crds/ are computed from the whole fleet, so a partial build may only go ahead when they would not
 * change; the other environments' files are carried over from disk exactly as they are.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { finding } from '../errors/catalog.js';
import { UserError } from '../errors/diagnostic.js';
import { manifestFile, parseManifest } from '../emit/manifest.js';
import { environmentOfPath } from '../kustomize/layout-paths.js';


/**
 * Stale paths that a partial build or check is answerable for: the selected environments and shared files.
 * The ownership manifest lists every environment's files, so it is stale whenever another one is.
 */
export function relevantPaths(paths: readonly string[], selected: ReadonlySet<string>): string[] {
  return paths.filter((p) => {
    if (p === manifestFile) return false;
    const env = environmentOfPath(p);
    return env === undefined || selected.has(env);
  });
}

/**
 * The tree to write for a partial build: selected environments and shared files from the new build,
 * every other owned file from disk. Refuses (RG903) when a shared file would change.
 */
export async function partialTree(
  outDir: string,
  tree: ReadonlyMap<string, string>,
  stale: readonly string[],
  selected: ReadonlySet<string>,
): Promise<Map<string, string>> {
  const shared = stale.filter((p) => environmentOfPath(p) === undefined && p !== manifestFile);
  if (shared.length > 0) {
    throw new UserError([
      finding('RG903', {
        path: shared.join(', '),
        message: `Building only ${[...selected].sort().join(', ')} would change files every environment shares: ${shared.join(', ')}.`,
      }),
    ]);
  }
  const result = new Map<string, string>();
  for (const [file, content] of tree) {
    const env = environmentOfPath(file);
    if (env === undefined || selected.has(env)) result.set(file, content);
  }
  const owned = await readOwned(outDir);
  for (const file of owned) {
    const env = environmentOfPath(file);
    if (env === undefined || selected.has(env)) continue;
    result.set(file, await readFile(path.join(outDir, file), 'utf8'));
  }
  return result;
}

async function readOwned(outDir: string): Promise<Set<string>> {
  try {
    return parseManifest(await readFile(path.join(outDir, manifestFile), 'utf8')) ?? new Set();
  } catch {
    return new Set();
  }
}
