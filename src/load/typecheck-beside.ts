/**
 * The type-check, started so that it runs beside evaluation and the later stages of a one-shot build
 * instead of before them: after an edit it is most of a build (TypeScript loaded, its lib files
 * parsed, the edited files checked: bench/results.md), and on a second core it costs the build only
 * what outlasts the rest. The findings are the same as those of a check in the build's own thread
 * (typecheck.ts runs in both), and nothing is reported or written before the check has spoken: the
 * caller joins it (joinTypecheck) before reporting any finding, so type errors still replace what
 * evaluating code that does not type-check produced, exactly as when the check ran first.
 *
 * In a worker thread when the compiled worker script sits beside this module (dist/, the CLI bundle);
 * otherwise (running from source, where a worker cannot load TypeScript sources) in this thread.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type * as TS from 'typescript';
import { InternalError, UserError, hasErrors, sortFindings } from '../errors/diagnostic.js';
import type { Finding } from '../errors/diagnostic.js';
import { findProjectFiles } from './find-files.js';
import { isKnownCleanCheck } from './typecheck-cache.js';

/** What the worker sends back (typecheck-worker.ts). */
export type TypecheckMessage =
  // Sent first: the derived-cache entries of the project's files are written (see typecheck-worker.ts).
  | { readonly kind: 'derived' }
  | { readonly kind: 'checked'; readonly findings: readonly Finding[] }
  | { readonly kind: 'failed'; readonly name: string; readonly message: string; readonly stack: string | undefined };

type Outcome =
  | Exclude<TypecheckMessage, { readonly kind: 'derived' }>
  | { readonly kind: 'threw'; readonly error: unknown }
  // Checked in this thread: the parsed files too, which spare provenance a parse.
  | { readonly kind: 'checked-here'; readonly findings: readonly Finding[]; readonly sourceFiles: ReadonlyMap<string, TS.SourceFile> };

/** A type-check under way. Its promise never rejects, so a build that fails first cannot leave it unhandled. */
export interface PendingTypecheck {
  readonly outcome: Promise<Outcome>;
  /**
   * Settles once what evaluation derives from the files' text alone (the transpiled code, where each
   * property is written) is in the derived cache, made by the worker, which loads TypeScript anyway:
   * evaluation that waits for it finds it there instead of loading a second TypeScript in this thread.
   * Settled at once when the check runs here; never rejects.
   */
  readonly derived: Promise<void>;
  /**
   * Whether the check may keep the process alive: a check started before anyone asked for it (prestart)
   * must not hold up the exit of a process that ends without it (a usage error). Taking it holds it.
   */
  hold(keepAlive: boolean): void;
  /** The findings gathered before the check (about the files found, the environments asked for). */
  readonly earlier: readonly Finding[];
}

/** What the check found: a UserError as a check run first would have thrown it, and any other findings. */
export interface TypecheckVerdict {
  readonly failure: UserError | undefined;
  /** Findings that do not stop the build (none today: every type-check finding is an error). */
  readonly findings: readonly Finding[];
  /** The user's files as the check parsed them, when it ran in this thread. */
  readonly sourceFiles: ReadonlyMap<string, TS.SourceFile>;
}

const workerScript = new URL('./typecheck-worker.js', import.meta.url);

/**
 * Starts checking `files` (project-relative) of the project at `root`: `beside` the caller's own work in
 * a worker thread when it can, else in this thread (awaiting it then runs it). `earlier`: see PendingTypecheck.
 */
export function startTypecheck(root: string, files: readonly string[], options: { readonly beside: boolean; readonly earlier: readonly Finding[] }): PendingTypecheck {
  const { beside, earlier } = options;
  if (beside && canTypecheckBeside()) return { ...checkInWorker(root, files), earlier };
  return { outcome: checkHere(root, files), derived: Promise.resolve(), earlier, hold: () => undefined };
}

/** Whether the compiled worker script is there (dist/, the CLI bundle; not when running from source). */
export function canTypecheckBeside(): boolean {
  return fs.existsSync(fileURLToPath(workerScript));
}

async function checkHere(root: string, files: readonly string[]): Promise<Outcome> {
  try {
    // TypeScript is loaded only now (typecheck.ts imports it).
    const { typecheckFiles } = await import('./typecheck.js');
    const { findings, sourceFiles } = typecheckFiles(root, files);
    return { kind: 'checked-here', findings, sourceFiles };
  } catch (error) {
    return { kind: 'threw', error };
  }
}

function checkInWorker(root: string, files: readonly string[]): Pick<PendingTypecheck, 'outcome' | 'derived' | 'hold'> {
  let derivedReady: () => void = () => undefined;
  let worker: Worker | undefined;
  const derived = new Promise<void>((resolve) => (derivedReady = resolve));
  const outcome = new Promise<Outcome>((resolve) => {
    let answered = false;
    const answer = (message: Outcome): void => {
      derivedReady();
      if (answered) return;
      answered = true;
      resolve(message);
    };
    worker = new Worker(workerScript, { workerData: { root, files: [...files] } });
    worker.on('message', (message: TypecheckMessage) => (message.kind === 'derived' ? derivedReady() : answer(message)));
    worker.on('error', (error) => answer({ kind: 'threw', error }));
    worker.on('exit', (code) => answer({ kind: 'threw', error: new InternalError(`the type-check worker exited with code ${code} before answering`) }));
  });
  return { outcome, derived, hold: (keepAlive) => (keepAlive ? worker?.ref() : worker?.unref()) };
}

/**
 * Checks started before the build asked (prestartTypecheck), by project root and file list. A one-shot
 * `build` starts its check while the rest of the CLI is still loading; loadProject takes it.
 */
const prestarted = new Map<string, PendingTypecheck>();

function prestartKey(root: string, files: readonly string[]): string {
  return JSON.stringify([path.resolve(root), ...files]);
}

/**
 * Starts the check of the project at `root` in a worker now, if one will be needed (not known clean),
 * for loadProject to take: its findings are the same, only started earlier. Does nothing where no worker
 * can run. Never throws: a problem with the files is found and reported by the build itself.
 */
export async function prestartTypecheck(root: string): Promise<void> {
  if (!canTypecheckBeside()) return;
  try {
    const files = await findProjectFiles(path.resolve(root));
    if (files.allFiles.length === 0 || isKnownCleanCheck(path.resolve(root), files.allFiles)) return;
    const pending = startTypecheck(path.resolve(root), files.allFiles, { beside: true, earlier: [] });
    pending.hold(false);
    prestarted.set(prestartKey(root, files.allFiles), pending);
  } catch {
    // The build finds the same files again and reports what is wrong with them.
  }
}

/** The prestarted check of exactly these files, if any, now held and carrying `earlier`. */
export function takePrestartedTypecheck(root: string, files: readonly string[], earlier: readonly Finding[]): PendingTypecheck | undefined {
  const key = prestartKey(root, files);
  const pending = prestarted.get(key);
  if (pending === undefined) return undefined;
  prestarted.delete(key);
  pending.hold(true);
  return { ...pending, earlier };
}

/** The check's verdict. A failure of the checker itself (never the user's: their mistakes are findings) is thrown as it was raised. */
export async function typecheckVerdict(pending: PendingTypecheck): Promise<TypecheckVerdict> {
  const outcome = await pending.outcome;
  if (outcome.kind === 'threw') throw outcome.error;
  if (outcome.kind === 'failed') throw Object.assign(new Error(outcome.message), { name: outcome.name, stack: outcome.stack });
  const sourceFiles = outcome.kind === 'checked-here' ? outcome.sourceFiles : new Map<string, TS.SourceFile>();
  const failure = hasErrors(outcome.findings) ? new UserError(sortFindings([...pending.earlier, ...outcome.findings])) : undefined;
  return { failure, findings: outcome.findings, sourceFiles };
}

/**
 * What to throw when work that ran beside the check failed with `error`: the check's errors when it
 * found any (as when it ran first and stopped the build before that work), else `error`.
 */
export async function preferTypecheckFailure(pending: PendingTypecheck | undefined, error: unknown): Promise<unknown> {
  if (pending === undefined) return error;
  return (await typecheckVerdict(pending)).failure ?? error;
}

/**
 * Runs `work` (what follows the type-check in a build), then waits for the check: its errors win over
 * whatever `work` found or threw. Gives the check's other findings with the work's result.
 */
export async function joinTypecheck<T>(pending: PendingTypecheck | undefined, work: () => T | Promise<T>): Promise<{ readonly value: T; readonly findings: readonly Finding[] }> {
  let value: T;
  try {
    value = await work();
  } catch (error) {
    throw await preferTypecheckFailure(pending, error);
  }
  if (pending === undefined) return { value, findings: [] };
  const verdict = await typecheckVerdict(pending);
  if (verdict.failure !== undefined) throw verdict.failure;
  return { value, findings: verdict.findings };
}
