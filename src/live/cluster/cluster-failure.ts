/** Turns a failure to read the cluster into a coded, redacted finding. */
import { finding } from '../../errors/catalog.js';
import { UserError } from '../../errors/diagnostic.js';
import type { liveCodes } from '../../errors/codes/live.js';
import type { Redactor } from './redact.js';

export type LiveCode = keyof typeof liveCodes;

/** A `UserError` with one finding whose texts went through the redactor. */
export function clusterFailure(redactor: Redactor, code: LiveCode, path: string, message: string, hint?: string): UserError {
  return new UserError([
    finding(code, {
      path: redactor.redact(path),
      message: redactor.redact(message),
      ...(hint === undefined ? {} : { hint: redactor.redact(hint) }),
    }),
  ]);
}
