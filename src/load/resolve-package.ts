/**
 * Resolves a bare import (`@acme/rivven-presets`, `@acme/rivven-presets/kafka`) the way Node does, but
 * only within the project: the `node_modules` directories from the importing file's directory up to the
 * project root, never above it, and never through a symbolic link whose target is outside the project.
 * npm workspaces link `node_modules/<name>` to a folder of the repository: that is inside, and allowed;
 * `npm link` links to a global folder: refused, as is a package found only in a node_modules above the
 * root (it would make a build depend on the machine it runs on).
 *
 * The entry is read from package.json: `exports` (the conditions import, require, node and default, in the
 * order the package lists them; `types` is for the type-checker only), else `main`, else `index`, with
 * the extensions .ts, .mts, .cts, .js, .mjs, .cjs tried when the path names none.
 */
import fs from 'node:fs';
import path from 'node:path';
import { isFile, isInside, realPathInside, realPathOf, toProjectPath } from './paths.js';

export type PackageResolution =
  | { readonly ok: true; readonly file: string }
  | { readonly ok: false; readonly code: 'RG107' | 'RG114'; readonly reason: string };

const runnable = /\.(?:[cm]?ts|[cm]?js)$/;
const extensions = ['.ts', '.mts', '.cts', '.js', '.mjs', '.cjs'];
const conditions = new Set(['import', 'require', 'node', 'default']);

/** The package name and the subpath of a bare specifier: `@a/b/c` → `@a/b`, `./c`. */
export function splitSpecifier(specifier: string): { readonly name: string; readonly subpath: string } | undefined {
  const parts = specifier.split('/');
  const size = specifier.startsWith('@') ? 2 : 1;
  if (parts.length < size || parts.slice(0, size).some((p) => p === '' || p === '.' || p === '..')) return undefined;
  const rest = parts.slice(size);
  if (rest.some((p) => p === '..')) return undefined;
  return { name: parts.slice(0, size).join('/'), subpath: rest.length === 0 ? '.' : `./${rest.join('/')}` };
}

/** `root` and `importerDir` are absolute; the file returned is under `root` (its real place in the project). */
export function resolvePackageImport(root: string, importerDir: string, specifier: string): PackageResolution {
  const split = splitSpecifier(specifier);
  if (split === undefined) return { ok: false, code: 'RG107', reason: 'it is not a valid package name' };
  const packageDir = findPackageDir(root, importerDir, split.name);
  if (packageDir === undefined) {
    const above = findAbove(root, split.name);
    return above === undefined
      ? { ok: false, code: 'RG107', reason: `the package is not installed in the project's node_modules (npm install ${split.name})` }
      : { ok: false, code: 'RG114', reason: `the package is installed only in ${above}, above the project root; packages are read from the project's own node_modules` };
  }
  const realDir = realPathInside(root, packageDir);
  if (realDir === undefined) {
    return { ok: false, code: 'RG114', reason: `${toProjectPath(root, packageDir)} is a symbolic link to ${realPathOf(packageDir) ?? 'a missing path'}, outside the project (npm link?)` };
  }
  const manifest = readManifest(path.join(packageDir, 'package.json'));
  const entry = manifest?.exports !== undefined ? exportTarget(manifest.exports, split.subpath) : legacyEntry(manifest, split.subpath);
  if (entry === undefined) {
    return {
      ok: false,
      code: 'RG107',
      reason: manifest?.exports !== undefined ? `the package does not export '${split.subpath}'` : `the package has no entry for '${split.subpath}'`,
    };
  }
  const file = findRunnable(path.join(packageDir, entry));
  if (file === undefined) return { ok: false, code: 'RG107', reason: `the package's entry ${entry} is not a .ts or .js file that exists (a package that ships only .d.ts cannot run)` };
  const real = realPathInside(root, file);
  if (real === undefined) {
    return { ok: false, code: 'RG114', reason: `${toProjectPath(root, file)} is a symbolic link to ${realPathOf(file) ?? 'a missing path'}, outside the project` };
  }
  return { ok: true, file: real };
}

/** Node's walk up the node_modules directories, stopping at the project root. */
function findPackageDir(root: string, importerDir: string, name: string): string | undefined {
  for (let dir = importerDir; dir === root || isInside(root, dir); dir = path.dirname(dir)) {
    if (path.basename(dir) !== 'node_modules') {
      const candidate = path.join(dir, 'node_modules', name);
      if (fs.existsSync(candidate)) return candidate;
    }
    if (dir === root) break;
  }
  return undefined;
}

/** Where Node would have found the package above the root, for the message only. */
function findAbove(root: string, name: string): string | undefined {
  for (let dir = path.dirname(root); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name);
    if (fs.existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) return undefined;
  }
}

interface Manifest {
  readonly exports?: unknown;
  readonly main?: unknown;
}

function readManifest(file: string): Manifest | undefined {
  try {
    const parsed: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    return typeof parsed === 'object' && parsed !== null ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function legacyEntry(manifest: Manifest | undefined, subpath: string): string | undefined {
  if (subpath !== '.') return subpath;
  return typeof manifest?.main === 'string' && manifest.main !== '' ? manifest.main : './index';
}

/** `exports` as Node reads it: a target, a conditions object, or a map of subpaths (exact or with one `*`). */
function exportTarget(exports: unknown, subpath: string): string | undefined {
  const isSubpathMap = typeof exports === 'object' && exports !== null && !Array.isArray(exports) && Object.keys(exports).some((k) => k.startsWith('.'));
  if (!isSubpathMap) return subpath === '.' ? conditionTarget(exports, undefined) : undefined;
  const map = new Map(Object.entries(exports));
  if (map.has(subpath)) return conditionTarget(map.get(subpath), undefined);
  // The longest pattern prefix wins, as in Node.
  const patterns = [...map.keys()].filter((k) => k.includes('*')).sort((a, b) => b.length - a.length);
  for (const pattern of patterns) {
    const [prefix = '', suffix = ''] = pattern.split('*');
    if (subpath.startsWith(prefix) && subpath.endsWith(suffix) && subpath.length >= prefix.length + suffix.length) {
      return conditionTarget(map.get(pattern), subpath.slice(prefix.length, subpath.length - suffix.length));
    }
  }
  return undefined;
}

function conditionTarget(target: unknown, star: string | undefined): string | undefined {
  if (typeof target === 'string') {
    if (!target.startsWith('./')) return undefined;
    const filled = star === undefined ? target : target.split('*').join(star);
    // A target may not climb out of its package.
    return filled.split('/').includes('..') ? undefined : filled;
  }
  if (Array.isArray(target)) {
    for (const option of target) {
      const found = conditionTarget(option, star);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (typeof target !== 'object' || target === null) return undefined;
  for (const [condition, value] of Object.entries(target)) {
    if (!conditions.has(condition)) continue;
    const found = conditionTarget(value, star);
    if (found !== undefined) return found;
  }
  return undefined;
}

function findRunnable(base: string): string | undefined {
  if (runnable.test(base) && !base.endsWith('.d.ts') && isFile(base)) return base;
  // A TypeScript package may name its compiled `.js` while shipping the `.ts` source.
  if (/\.[cm]?js$/.test(base)) {
    const source = base.replace(/\.([cm]?)js$/, '.$1ts');
    if (isFile(source)) return source;
  }
  for (const candidate of [...extensions.map((e) => `${base}${e}`), ...extensions.map((e) => path.join(base, `index${e}`))]) {
    if (isFile(candidate)) return candidate;
  }
  return undefined;
}
