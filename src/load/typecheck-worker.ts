/**
 * The entry of the worker thread that type-checks beside the rest of a build (typecheck-beside.ts): the
 * same check as in the build's own thread (typecheck.ts), its findings sent back as plain data. It
 * writes the clean-check record and TypeScript's code cache itself, as a check in the main thread does.
 *
 * First, since it loads TypeScript anyway, it makes what evaluation derives from each file's text (the
 * transpiled code, the written positions) and leaves it in the derived cache: the build's own thread,
 * which waits for that, then never loads TypeScript (a quarter of a second of CPU per build after an edit).
 */
import fs from 'node:fs';
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { cacheDirectory } from './cache-dir.js';
import { filePositions } from './file-positions.js';
import { transpiledCode } from './module-runner.js';
import { typecheckFiles } from './typecheck.js';
import type { TypecheckMessage } from './typecheck-beside.js';

/** An error of the worker as its own kind of error here (an InternalError keeps its name and message). */
function describeFailure(error: unknown): TypecheckMessage {
  if (!(error instanceof Error)) return { kind: 'failed', name: 'Error', message: String(error), stack: undefined };
  return { kind: 'failed', name: error.name, message: error.message, stack: error.stack };
}

function isRequest(value: unknown): value is { readonly root: string; readonly files: readonly string[] } {
  if (typeof value !== 'object' || value === null || !('root' in value) || !('files' in value)) return false;
  return typeof value.root === 'string' && Array.isArray(value.files) && value.files.every((f) => typeof f === 'string');
}

function check(request: unknown): TypecheckMessage {
  if (!isRequest(request)) return describeFailure(new Error('the type-check worker was started without a project'));
  try {
    return { kind: 'checked', findings: typecheckFiles(request.root, request.files).findings };
  } catch (error) {
    // Not the user's fault (typecheck.ts reports everything of theirs as findings): the caller raises it.
    return describeFailure(error);
  }
}

/** Best effort: whatever cannot be made here (a syntax error, an unreadable file) evaluation meets and reports itself. */
async function derive(request: unknown): Promise<void> {
  if (!isRequest(request) || cacheDirectory() === undefined) return;
  for (const file of request.files) {
    try {
      const absolute = path.join(request.root, file);
      const text = fs.readFileSync(absolute, 'utf8');
      transpiledCode(request.root, absolute, text);
      await filePositions(request.root, file, text, undefined);
    } catch {
      // Reported by the check or by evaluation, with its location.
    }
  }
}

await derive(workerData);
parentPort?.postMessage({ kind: 'derived' } satisfies TypecheckMessage);
parentPort?.postMessage(check(workerData));
