/**
 * Where the running rivven-gitops lives. User files import `rivven-gitops`; both the type-checker and
 * the evaluator must see THIS copy of the library (not whatever the user's node_modules holds), so
 * types and runtime always match the compiler that judges them. This module sits in `src/load/` or
 * `dist/load/`, so the public API is always its sibling `../index.*`.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const packageName = 'rivven-gitops';

const here = fileURLToPath(import.meta.url);
// Running from TypeScript sources (tests via tsx) the sibling is `index.ts`; from the build it is the
// emitted `index.d.ts` beside `index.js`.
const runningFromSource = here.endsWith('.ts');

/** The directory holding the running library (`<pkg>/src` or `<pkg>/dist`). */
export const libraryDir = path.dirname(path.dirname(here));

/**
 * The file `rivven-gitops` resolves to for the type-checker. From the build, that is
 * dist/public-types/index.d.ts when it is current (scripts/build-public-types.mjs: the same public types
 * with every zod-derived type printed out, so a check need not compute z.input<…> each time), else
 * dist/index.d.ts.
 */
export const publicApiTypesFile = runningFromSource ? sourceTypesFile() : builtTypesFile(libraryDir);

/**
 * Running from source: src/index.ts, or the same types printed from it when RIVVEN_GITOPS_SOURCE_TYPES
 * names them (the test runner prints them once per state of src/, test/support/source-types.mjs, so the
 * tests' many checks cost what a user's build costs, not a computation of z.input<…> each).
 */
function sourceTypesFile(): string {
  const printed = process.env['RIVVEN_GITOPS_SOURCE_TYPES'];
  return printed !== undefined && printed !== '' ? printed : path.join(libraryDir, 'index.ts');
}

/** dist/public-types/index.d.ts while it is current, else dist/index.d.ts. */
export function builtTypesFile(distDir: string): string {
  const printed = path.join(distDir, 'public-types');
  return isCurrent(printed, distDir) ? path.join(printed, 'index.d.ts') : path.join(distDir, 'index.d.ts');
}

/** The printed types are current while the files they were made from hash as recorded. */
function isCurrent(printedDir: string, distDir: string): boolean {
  try {
    const recorded: unknown = JSON.parse(fs.readFileSync(path.join(printedDir, 'sources.json'), 'utf8'));
    if (typeof recorded !== 'object' || recorded === null || !('sources' in recorded) || !('sha256' in recorded)) return false;
    const { sources, sha256 } = recorded;
    if (!Array.isArray(sources) || !sources.every((s): s is string => typeof s === 'string')) return false;
    return hashSources(distDir, sources) === sha256;
  } catch {
    return false;
  }
}

/** Each file's relative path and bytes, as scripts/build-public-types.mjs hashes them. */
function hashSources(distDir: string, relativePaths: readonly string[]): string {
  const hash = createHash('sha256');
  for (const relative of relativePaths) hash.update(`${relative}\0`).update(fs.readFileSync(path.join(distDir, relative))).update('\0');
  return hash.digest('hex');
}

/** The running library's public API module, as user files see it at runtime. */
export async function importPublicApi(): Promise<Readonly<Record<string, unknown>>> {
  // A relative specifier works both from src (tsx maps `.js` to `.ts`) and from dist.
  const api: Readonly<Record<string, unknown>> = await import('../index.js');
  return api;
}
