/** Helpers for emit tests: temp directories, snapshots of a directory, trees of any size. */
import { lstat, mkdtemp, readFile, readdir, readlink, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { UserError } from '../../src/errors/diagnostic.js';

export async function withTempDir<T>(run: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(path.join(tmpdir(), 'rivven-emit-'));
  try {
    return await run(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export interface FileState {
  readonly content: string;
  readonly mtimeMs: number;
  readonly ino: number;
}

/** Every non-directory entry under `dir`, relative POSIX path → content (symlinks as `-> target`). */
export async function snapshot(dir: string): Promise<Map<string, FileState>> {
  const out = new Map<string, FileState>();
  async function walk(current: string, prefix: string): Promise<void> {
    for (const entry of (await readdir(current, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = path.join(current, entry.name);
      const rel = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
      if (entry.isDirectory()) {
        await walk(full, rel);
        continue;
      }
      const stats = await lstat(full);
      const content = entry.isSymbolicLink() ? `-> ${await readlink(full)}` : await readFile(full, 'utf8');
      out.set(rel, { content, mtimeMs: stats.mtimeMs, ino: stats.ino });
    }
  }
  await walk(dir, '');
  return out;
}

/** Just the contents of a snapshot, for comparing with a tree. */
export async function contents(dir: string): Promise<Map<string, string>> {
  return new Map([...(await snapshot(dir))].map(([file, state]) => [file, state.content]));
}

/** Entries next to `outDir` that belong to rivven-gitops bookkeeping (staging, backup, lock). */
export async function siblingLeftovers(outDir: string): Promise<string[]> {
  const base = path.basename(outDir);
  return (await readdir(path.dirname(outDir))).filter((e) => e.startsWith(`.${base}.rivven-gitops`)).sort();
}

/** The finding codes of a rejected promise (fails the test if it resolves or throws something else). */
export async function rejectionCodes(promise: Promise<unknown>): Promise<string[]> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof UserError) return error.findings.map((f) => f.code);
    throw error;
  }
  throw new Error('expected a UserError, but the call succeeded');
}

/** A kustomize-like tree of `size` files; `version` changes about a third of them, drops some and adds some. */
export function sampleTree(version: 'old' | 'new', size = 12): Map<string, string> {
  const tree = new Map<string, string>();
  for (let i = 0; i < size; i += 1) {
    const dir = i % 3 === 0 ? 'base' : `overlays/env-${i % 5}`;
    if (version === 'new' && i % 7 === 6) continue;
    const changed = version === 'new' && i % 3 === 1;
    tree.set(`${dir}/object-${i}.yaml`, `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: object-${i}\ndata:\n  value: "${changed ? 'new' : 'old'}-${i}"\n  padding: ${'x'.repeat(200)}\n`);
  }
  if (version === 'new') {
    for (let i = 0; i < Math.max(1, size / 10); i += 1) tree.set(`overlays/env-new/added-${i}.yaml`, `added: ${i}\n`);
  }
  tree.set('base/kustomization.yaml', `resources: ${version}\n`);
  return new Map([...tree].sort((a, b) => (a[0] < b[0] ? -1 : 1)));
}
