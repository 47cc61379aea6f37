/**
 * Where the running rivven-gitops lives. User files import `rivven-gitops`; both the type-checker and
 * the evaluator must see THIS copy of the library (not whatever the user's node_modules holds), so
 * types and runtime always match the compiler that judges them. This module sits in `src/load/` or
 * `dist/load/`, so the public API is always its sibling `../index.*`.
 */
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const packageName = 'rivven-gitops';

const here = fileURLToPath(import.meta.url);
// Running from TypeScript sources (tests via tsx) the sibling is `index.ts`; from the build it is the
// emitted `index.d.ts` beside `index.js`.
const runningFromSource = here.endsWith('.ts');

/** The directory holding the running library (`<pkg>/src` or `<pkg>/dist`). */
export const libraryDir = path.dirname(path.dirname(here));

/** The file `rivven-gitops` resolves to for the type-checker. */
export const publicApiTypesFile = path.join(libraryDir, runningFromSource ? 'index.ts' : 'index.d.ts');

/** The running library's public API module, as user files see it at runtime. */
export async function importPublicApi(): Promise<Readonly<Record<string, unknown>>> {
  // A relative specifier works both from src (tsx maps `.js` to `.ts`) and from dist.
  const api: Readonly<Record<string, unknown>> = await import('../index.js');
  return api;
}
