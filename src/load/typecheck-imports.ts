/**
 * The type-checker resolves imports as the sandbox runs them (module-runner.ts, resolve-package.ts):
 * a file of the project may import what lies inside the project, its node_modules included, and
 * TypeScript's own walk up the directory tree (which would find a node_modules above the project root)
 * or through a link leading outside is refused before TypeScript reads the file. A refused import is
 * reported with its own code and reason instead of TypeScript's "Cannot find module".
 */
import fs from 'node:fs';
import path from 'node:path';
import type * as TS from 'typescript';
import { typescript } from './typescript.js';
import { packageName } from './public-api.js';
import { isBuiltinSpecifier, isInside } from './paths.js';
import { splitSpecifier } from './resolve-package.js';

export interface RefusedImport {
  readonly code: 'RG107' | 'RG113' | 'RG114';
  readonly reason: string;
}

export interface ImportGuard {
  /** Why `specifier`, imported by `containingFile` (absolute), was refused; undefined when it was not. */
  refusal(containingFile: string, specifier: string): RefusedImport | undefined;
}

/** Installs the guard on `host` (its module resolution), for files inside `root`. */
export function guardImports(host: TS.CompilerHost, root: string, options: TS.CompilerOptions): ImportGuard {
  const ts = typescript();
  const realRoot = safeRealpath(root) ?? root;
  const refusals = new Map<string, RefusedImport>();
  const cache = ts.createModuleResolutionCache(host.getCurrentDirectory(), (f) => host.getCanonicalFileName(f), options);
  const inProject = (file: string): boolean => isInside(root, file) || isInside(realRoot, file);
  host.resolveModuleNameLiterals = (literals, containingFile, redirectedReference, compilerOptions, containingSourceFile) =>
    literals.map((literal) => {
      const specifier = literal.text;
      const mode = ts.getModeForUsageLocation(containingSourceFile, literal, compilerOptions);
      const resolved = ts.resolveModuleName(specifier, containingFile, compilerOptions, host, cache, redirectedReference, mode);
      const file = resolved.resolvedModule?.resolvedFileName;
      if (file === undefined || !inProject(path.resolve(containingFile))) return resolved;
      if (specifier === packageName || isBuiltinSpecifier(specifier)) return resolved;
      // TypeScript follows links without saying so for relative imports: the real place decides.
      const real = safeRealpath(file) ?? path.resolve(file);
      if (inProject(path.resolve(file)) && (real === path.resolve(file) || isInside(realRoot, real))) return resolved;
      refusals.set(`${path.resolve(containingFile)}\0${specifier}`, refusalFor(specifier, containingFile, real, root));
      return { resolvedModule: undefined };
    });
  return { refusal: (containingFile, specifier) => refusals.get(`${path.resolve(containingFile)}\0${specifier}`) };
}

function refusalFor(specifier: string, containingFile: string, file: string, root: string): RefusedImport {
  if (specifier.startsWith('./') || specifier.startsWith('../') || path.isAbsolute(specifier)) {
    const written = path.resolve(path.dirname(containingFile), specifier);
    return isInside(root, written)
      ? { code: 'RG113', reason: `it is a symbolic link to ${file}, outside the project, and was not read` }
      : { code: 'RG107', reason: `it resolves outside the project (${file})` };
  }
  const name = splitSpecifier(specifier)?.name;
  const installed = name === undefined ? undefined : path.join(root, 'node_modules', name);
  if (installed !== undefined && fs.lstatSync(installed, { throwIfNoEntry: false })?.isSymbolicLink() === true) {
    return { code: 'RG114', reason: `node_modules/${name} is a symbolic link to ${safeRealpath(installed) ?? 'a missing path'}, outside the project (npm link?)` };
  }
  return { code: 'RG114', reason: `the package is found only at ${file}, outside the project; install it in the project's own node_modules` };
}

function safeRealpath(file: string): string | undefined {
  try {
    return fs.realpathSync(file);
  } catch {
    return undefined;
  }
}
