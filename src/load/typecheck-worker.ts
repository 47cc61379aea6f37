/**
 * The entry of the worker thread that type-checks beside the rest of a build (typecheck-beside.ts): the
 * same check as in the build's own thread (typecheck.ts), its findings sent back as plain data. It
 * writes the clean-check record and TypeScript's code cache itself, as a check in the main thread does.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { typecheckFiles } from './typecheck.js';
import { describeFailure, type TypecheckMessage } from './typecheck-beside.js';

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

parentPort?.postMessage(check(workerData));
