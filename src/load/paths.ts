import fs from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';

/** Project-relative path with forward slashes, the form every finding and provenance entry uses. */
export function toProjectPath(root: string, file: string): string {
  return path.relative(root, file).split(path.sep).join('/');
}

/** Strictly inside `dir` (not `dir` itself). */
export function isInside(dir: string, file: string): boolean {
  const relative = path.relative(dir, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

export function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

const builtins = new Set(builtinModules);

export function isBuiltinSpecifier(specifier: string): boolean {
  return specifier.startsWith('node:') || builtins.has(specifier);
}
