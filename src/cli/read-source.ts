import { readFileSync } from 'node:fs';

/** Code frames read the user's file; a missing file simply means no frame. */
export function readSource(root: string, file: string): string | undefined {
  try {
    return readFileSync(`${root}/${file}`, 'utf8');
  } catch {
    return undefined;
  }
}
