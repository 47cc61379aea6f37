/**
 * The emit stage: write the kustomize tree into out/ so that
 * - only files whose bytes change are written (a no-op build writes nothing and touches no mtime);
 * - owned files (listed in out/.rivven-gitops.json) that are no longer rendered are deleted, and
 *   nothing else is ever touched; a non-empty directory without that manifest is refused (RG610);
 * - a failed or interrupted build leaves out/ as it was (see swap.ts for the crash states);
 * - `check` compares and reports the stale paths, writing nothing.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { emitError, toEmitError } from './fs-errors.js';
import { checkTreePaths, inspectOutDir } from './inspect.js';
import type { EmitPlan } from './inspect.js';
import { acquireLock, isStaleLock } from './lock.js';
import { resolveOutDir, siblingsOf } from './paths.js';
import { resolveProjectOutDir } from './project-out-dir.js';
import { hasLeftovers, recoverLocked, swapInTree } from './swap.js';
import type { Recovery, StepHook } from './swap.js';
import { compareText } from '../core/order.js';

export type { EmitStep, Recovery, StepHook } from './swap.js';
export { manifestFile } from './manifest.js';

export interface EmitOptions {
  /**
   * Compare only: write nothing, return the stale paths. Leftovers of an interrupted build are not
   * repaired (that would be a write): a missing out/ simply shows every file as stale.
   */
  readonly check?: boolean;
  /** Take over a directory without (or with a damaged) manifest, overwriting files at the tree's paths. */
  readonly force?: boolean;
  /**
   * The project root: the output directory must lie inside it, reached through real directories only
   * (RG630, RG631). The CLI always passes it; library callers that write elsewhere leave it out.
   */
  readonly root?: string;
  /** Test seam: called after each step of a write, to inject failures and crashes. */
  readonly onStep?: StepHook;
}

export interface EmitResult {
  /** Paths written (relative to out/, sorted); empty with `check`. */
  readonly written: readonly string[];
  /** Owned paths deleted; empty with `check`. */
  readonly deleted: readonly string[];
  /** Files that already had the right bytes. */
  readonly unchanged: number;
  /** Paths out of date before this call: changed, missing, and owned files no longer rendered. */
  readonly stale: readonly string[];
}

function staleOf(plan: EmitPlan): string[] {
  return [...plan.changed, ...plan.stale].sort(compareText);
}

function isNoOp(plan: EmitPlan): boolean {
  return plan.changed.length === 0 && plan.stale.length === 0;
}

async function writeLocked(outDir: string, tree: ReadonlyMap<string, string>, options: EmitOptions): Promise<EmitResult> {
  // A new output directory may be nested (`--out deploy/manifests`): its parent holds the lock.
  await mkdir(path.dirname(outDir), { recursive: true });
  const release = await acquireLock(siblingsOf(outDir).lock);
  try {
    await options.onStep?.('locked');
    await recoverLocked(outDir);
    await options.onStep?.('recovered');
    // Recovery may have changed out/; decide again with the lock held.
    const plan = inspectOutDir(outDir, tree, options.force ?? false);
    const stale = staleOf(plan);
    if (!isNoOp(plan)) {
      await swapInTree({ outDir, exists: plan.exists, files: plan.files, changed: plan.changed, stale: plan.stale, onStep: options.onStep });
    }
    return { written: [...plan.changed], deleted: [...plan.stale], unchanged: plan.unchanged, stale };
  } finally {
    await release();
  }
}

/** Writes (or with `check`, compares) the tree into `outDir`. Throws UserError RG601, RG610–RG616, RG630–RG633. */
export async function emitTree(outDir: string, tree: ReadonlyMap<string, string>, options: EmitOptions = {}): Promise<EmitResult> {
  const requested = path.resolve(outDir);
  try {
    if (path.basename(requested) === '' || path.dirname(requested) === requested) {
      throw emitError('RG611', requested, `${requested} cannot be an output directory: it has no parent to swap it in.`);
    }
    checkTreePaths(tree);
    if (options.root !== undefined) resolveProjectOutDir(options.root, requested);
    const realOut = resolveOutDir(requested);
    // Without the lock, a fast look: an up-to-date out/ (the common CI case) needs no lock, no write,
    // and works on a read-only checkout.
    const plan = inspectOutDir(realOut, tree, options.force ?? false);
    const stale = staleOf(plan);
    if (options.check) return { written: [], deleted: [], unchanged: plan.unchanged, stale };
    if (isNoOp(plan) && !hasLeftovers(realOut) && !isStaleLock(siblingsOf(realOut).lock)) {
      return { written: [], deleted: [], unchanged: plan.unchanged, stale };
    }
    return await writeLocked(realOut, tree, options);
  } catch (error) {
    throw toEmitError(error, requested);
  }
}

/**
 * Repairs the state an interrupted build left (puts out/ back if it is missing, deletes staging and
 * backup directories). emitTree does this itself; exposed for `rivven-gitops` tooling and tests.
 */
export async function recoverOutDir(outDir: string): Promise<Recovery> {
  const realOut = resolveOutDir(path.resolve(outDir));
  try {
    const release = await acquireLock(siblingsOf(realOut).lock);
    try {
      return await recoverLocked(realOut);
    } finally {
      await release();
    }
  } catch (error) {
    throw toEmitError(error, realOut);
  }
}
