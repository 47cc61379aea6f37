import { readFileSync } from 'node:fs';
import path from 'node:path';
import { realPathInside } from '../load/paths.js';

/**
 * Code frames read the user's file; a missing file simply means no frame. A file that a symbolic link
 * leads outside the project is never read: its lines would land in a CI log.
 */
export function readSource(root: string, file: string): string | undefined {
  const real = realPathInside(root, path.resolve(root, file));
  if (real === undefined) return undefined;
  try {
    return readFileSync(real, 'utf8');
  } catch {
    return undefined;
  }
}
