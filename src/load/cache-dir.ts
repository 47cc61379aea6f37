/**
 * Where and how rivven-gitops keeps what it can reuse between processes (the V8 code cache of TypeScript, clean
 * type-check results): `node_modules/.cache/rivven-gitops` beside the TypeScript it runs, the usual
 * place for tool caches (and what `npm ci` clears). RIVVEN_GITOPS_CACHE_DIR puts it elsewhere;
 * RIVVEN_GITOPS_NO_CACHE=1 turns every cache off.
 */
import fs from 'node:fs';
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

/** Which of a directory's files a writer owns, and how many of the newest it keeps. */
export interface Pruning {
  readonly owns: (name: string) => boolean;
  /** When more than twice this many are there, all but the newest this many go. */
  readonly keep: number;
}

/**
 * Writes one cache file, best effort and atomic (a temporary file renamed into place): a read-only
 * node_modules or a full disk only means no cache, and a reader never sees half a file. `content` is
 * made only here, so what fails making it is also only a missing cache.
 */
export function writeCacheFile(file: string, content: () => string | Buffer, pruning?: Pruning): void {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(temporary, content());
    fs.renameSync(temporary, file);
    if (pruning !== undefined) pruneOldest(path.dirname(file), pruning);
  } catch {
    fs.rmSync(temporary, { force: true });
  }
}

/** Cache entries pile up (every edit, every project a test run makes): the oldest go in batches. */
function pruneOldest(dir: string, { owns, keep }: Pruning): void {
  const names = fs.readdirSync(dir).filter(owns);
  if (names.length <= keep * 2) return;
  const byAge = names.map((name) => ({ name, mtime: modifiedAt(path.join(dir, name)) })).sort((a, b) => b.mtime - a.mtime);
  for (const { name } of byAge.slice(keep)) fs.rmSync(path.join(dir, name), { force: true });
}

/** 0 for a file another process pruned meanwhile: it sorts as oldest. */
function modifiedAt(file: string): number {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}
