/**
 * The ownership manifest `out/.rivven-gitops.json`: the files rivven-gitops wrote, with their SHA-256.
 * Only files listed here (or in the tree being written) are ever replaced or deleted, so a README or
 * a hand-written overlay someone keeps in out/ survives every build. It is committed with out/; no
 * tool version or timestamp goes in, so it changes exactly when the files do.
 */
import { createHash } from 'node:crypto';
import { isSafeRelativePath } from '../kustomize/file-names.js';
import { compareText } from '../core/order.js';

export const manifestFile = '.rivven-gitops.json';

export function contentHash(content: string | Uint8Array): string {
  return createHash('sha256').update(content).digest('hex');
}

/** The manifest text for a tree (the manifest itself is not listed). */
export function renderManifest(tree: ReadonlyMap<string, string>): string {
  const files: Record<string, string> = {};
  for (const path of [...tree.keys()].sort(compareText)) files[path] = contentHash(tree.get(path) ?? '');
  const manifest = {
    generator: 'rivven-gitops',
    manifestVersion: 1,
    note: 'Files listed here are written by rivven-gitops build: edits are overwritten, files no longer rendered are deleted. Other files in this directory are never touched.',
    files,
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/**
 * The owned paths of a manifest, or undefined when the text is not a manifest. A path that could leave
 * out/ makes the whole manifest invalid: a tampered manifest must never steer a delete elsewhere.
 */
export function parseManifest(text: string): Set<string> | undefined {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (data === null || typeof data !== 'object' || Reflect.get(data, 'generator') !== 'rivven-gitops') return undefined;
  const files: unknown = Reflect.get(data, 'files');
  if (files === null || typeof files !== 'object' || Array.isArray(files)) return undefined;
  const owned = new Set<string>();
  for (const [path, hash] of Object.entries(files)) {
    if (!isSafeRelativePath(path) || path === manifestFile || typeof hash !== 'string') return undefined;
    owned.add(path);
  }
  return owned;
}
