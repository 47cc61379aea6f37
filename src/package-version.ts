/**
 * The running rivven-gitops's version, from its package.json: the package root is the parent of the
 * library directory (src/ or dist/), wherever the calling code was compiled or bundled to.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { libraryDir } from './load/public-api.js';

let version: string | undefined;

/** 'unknown' when package.json cannot be read (never a reason to fail a command). */
export function packageVersion(): string {
  if (version !== undefined) return version;
  try {
    const pkg: unknown = JSON.parse(readFileSync(path.join(path.dirname(libraryDir), 'package.json'), 'utf8'));
    version = typeof pkg === 'object' && pkg !== null && 'version' in pkg && typeof pkg.version === 'string' ? pkg.version : 'unknown';
  } catch {
    version = 'unknown';
  }
  return version;
}
