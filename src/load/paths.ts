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

/**
 * Where `file` really is, when that is inside the project: the real path expressed under `root` (so
 * project-relative names stay those the user sees even when the root itself is reached through a link).
 * Undefined when it does not exist or a symbolic link on the way leads outside the project: such a file
 * is never read, so nothing of it can reach a log (a link to /etc/passwd would otherwise be echoed line by
 * line in syntax-error code frames).
 */
export function realPathInside(root: string, file: string): string | undefined {
  let realRoot: string;
  let real: string;
  try {
    realRoot = fs.realpathSync(root);
    real = fs.realpathSync(file);
  } catch {
    return undefined;
  }
  return isInside(realRoot, real) ? path.join(root, path.relative(realRoot, real)) : undefined;
}

/** The target of a link that leads outside the project, for a message (undefined when it cannot be read). */
export function realPathOf(file: string): string | undefined {
  try {
    return fs.realpathSync(file);
  } catch {
    return undefined;
  }
}
