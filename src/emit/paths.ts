/** Where out/ really is, and the names of the sibling directories a build uses next to it. */
import type { Stats } from 'node:fs';
import { lstatSync, readlinkSync, realpathSync } from 'node:fs';
import { lstat } from 'node:fs/promises';
import path from 'node:path';
import { visibleText } from '../errors/visible-text.js';
import { emitError, errorCode } from './fs-errors.js';

export async function lstatOrUndefined(file: string): Promise<Stats | undefined> {
  try {
    return await lstat(file);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * The absolute path of the output directory, its parent's symlinks resolved (so siblings are made next
 * to it, on its file system). out/ itself must not be a symbolic link (RG631): a build would swap the
 * link away or write wherever it points, and recovery could put a link to anywhere in its place.
 * Synchronous like the no-op check it precedes (inspect.ts).
 */
export function resolveOutDir(outDir: string): string {
  const current = path.resolve(outDir);
  if (lstatSync(current, { throwIfNoEntry: false })?.isSymbolicLink() === true) {
    throw emitError('RG631', visibleText(current), `The output directory ${visibleText(current)} is a symbolic link (to ${visibleText(readlinkSync(current))}): a build would write wherever it points, possibly outside the project. Nothing was written.`);
  }
  let parent = path.dirname(current);
  try {
    parent = realpathSync.native(parent);
  } catch (error) {
    if (errorCode(error) !== 'ENOENT') throw error;
  }
  return path.join(parent, path.basename(current));
}

export interface Siblings {
  readonly parent: string;
  /** Prefix shared by every sibling entry of this out/ (`.out.rivven-gitops-`). */
  readonly prefix: string;
  readonly lock: string;
  staging(pid: number): string;
  backup(pid: number): string;
}

/** Names next to out/: `.out.rivven-gitops-tmp-<pid>`, `.out.rivven-gitops-old-<pid>`, `.out.rivven-gitops.lock`. */
export function siblingsOf(outDir: string): Siblings {
  const parent = path.dirname(outDir);
  const base = path.basename(outDir);
  const prefix = `.${base}.rivven-gitops-`;
  return {
    parent,
    prefix,
    lock: path.join(parent, `.${base}.rivven-gitops.lock`),
    staging: (pid) => path.join(parent, `${prefix}tmp-${pid}`),
    backup: (pid) => path.join(parent, `${prefix}old-${pid}`),
  };
}

/** Parses a sibling entry name into its role, or undefined for unrelated entries. */
export function parseSibling(prefix: string, entry: string): { readonly role: 'tmp' | 'old'; readonly pid: number } | undefined {
  if (!entry.startsWith(prefix)) return undefined;
  const match = /^(tmp|old)-([0-9]+)$/.exec(entry.slice(prefix.length));
  if (match === null) return undefined;
  return { role: match[1] === 'tmp' ? 'tmp' : 'old', pid: Number(match[2]) };
}
