/**
 * A digest of some of this library's own source files, for naming derived-cache entries: an entry made
 * by other code (another version, a local edit while developing) has another name and is never read.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { libraryDir } from './public-api.js';

const versions = new Map<string, string | undefined>();

/**
 * `modules` are paths below the library directory without extension (`load/provenance`). Undefined
 * when one cannot be read: an install without them cannot tell its versions apart, so it should not
 * remember anything.
 */
export function libraryCodeVersion(modules: readonly string[]): string | undefined {
  const key = modules.join('\0');
  if (versions.has(key)) return versions.get(key);
  const hash = createHash('sha256');
  let readable = true;
  for (const module of modules) {
    const source = readModule(module);
    if (source === undefined) readable = false;
    else hash.update(module).update('\0').update(source).update('\0');
  }
  const version = readable ? hash.digest('hex').slice(0, 16) : undefined;
  versions.set(key, version);
  return version;
}

/**
 * From the library directory (public-api.ts): dist/ holds `.js`, src/ (tests, through tsx) `.ts`. The
 * bundled CLI (scripts/bundle-cli.mjs) runs from dist/cli-bundle/, beside the same dist/ files.
 */
function readModule(module: string): string | undefined {
  for (const extension of ['.js', '.ts']) {
    try {
      return fs.readFileSync(path.join(libraryDir, `${module}${extension}`), 'utf8');
    } catch {
      // the other extension
    }
  }
  return undefined;
}
