/**
 * Where rivven-gitops keeps what it can reuse between processes (the V8 code cache of TypeScript, clean
 * type-check results): `node_modules/.cache/rivven-gitops` beside the TypeScript it runs, the usual
 * place for tool caches (and what `npm ci` clears). RIVVEN_GITOPS_CACHE_DIR puts it elsewhere;
 * RIVVEN_GITOPS_NO_CACHE=1 turns every cache off.
 */
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

export function cacheDirectory(): string | undefined {
  if (process.env['RIVVEN_GITOPS_NO_CACHE'] === '1') return undefined;
  const override = process.env['RIVVEN_GITOPS_CACHE_DIR'];
  if (override !== undefined && override !== '') return override;
  // <dir>/node_modules/typescript/lib/typescript.js → <dir>/node_modules/.cache/rivven-gitops
  const nodeModules = path.dirname(path.dirname(path.dirname(require.resolve('typescript'))));
  return path.basename(nodeModules) === 'node_modules' ? path.join(nodeModules, '.cache', 'rivven-gitops') : undefined;
}
