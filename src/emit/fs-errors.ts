/** File-system failures → coded UserErrors that name the path (the CLI prints them without a stack). */
import { finding, type Code } from '../errors/catalog.js';
import { InternalError, UserError } from '../errors/diagnostic.js';

export interface FsError extends Error {
  readonly code?: string;
  readonly path?: string;
  readonly syscall?: string;
}

export function isFsError(error: unknown): error is FsError {
  return error instanceof Error && typeof Reflect.get(error, 'code') === 'string';
}

export function errorCode(error: unknown): string | undefined {
  return isFsError(error) ? error.code : undefined;
}

/** One-finding UserError for an emit problem at `path`. */
export function emitError(code: Code, path: string, message: string): UserError {
  return new UserError([finding(code, { path, message })]);
}

/**
 * Maps a Node fs error to RG611–RG613; UserErrors and InternalErrors pass through unchanged, and so
 * does anything that is not an fs error (a bug must not be disguised as a disk problem).
 */
export function toEmitError(error: unknown, fallbackPath: string): unknown {
  if (error instanceof UserError || error instanceof InternalError || !isFsError(error)) return error;
  const path = error.path ?? fallbackPath;
  const action = error.syscall === undefined ? '' : ` (${error.syscall})`;
  switch (error.code) {
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return emitError('RG612', path, `Permission denied writing ${path}${action}: ${error.code}. The output directory was left as it was.`);
    case 'ENOTDIR':
      return emitError('RG611', path, `${path} is in the way: a file stands where rivven-gitops needs a directory.`);
    case 'EISDIR':
      return emitError('RG611', path, `${path} is a directory where rivven-gitops writes a file.`);
    case 'ENOSPC':
    case 'EDQUOT':
      return emitError('RG613', path, `No space left writing ${path}. The output directory was left as it was.`);
    default:
      return emitError('RG613', path, `Cannot write ${path}${action}: ${error.code ?? 'unknown error'} (${error.message}). The output directory was left as it was.`);
  }
}
