/**
 * Every stage's codes joined into one table, so a code can be looked up (and listed by `rivven-gitops
 * rules`) in one place, and `Code` names exactly the catalogued codes. Codes never change meaning once
 * released: retire a code instead of reusing it.
 */
import type { CodeInfo } from '../code-info.js';
import { loadCodes } from './load.js';
import { resolveCodes } from './resolve.js';
import { ruleCodes } from './rules.js';
import { guideCodes } from './guide.js';
import { upstreamCodes } from './upstream.js';
import { renderCrCodes } from './render-crs.js';
import { renderWorkloadCodes } from './render-workloads.js';
import { renderPlatformCodes } from './render-platform.js';
import { emitCodes } from './emit.js';
import { cliCodes } from './cli.js';
import { liveCodes } from './live.js';
import { diffCodes } from './diff.js';
import { checkCodes } from './check.js';
import { githubCodes } from './github.js';
import { importCodes } from './import.js';
import { conformCodes, schemaSetCodes } from './conform.js';
import { gateCodes } from './gate.js';
import { customizeCodes } from './customize.js';
import { secretCodes } from './secrets.js';

export const catalog = {
  ...loadCodes,
  ...resolveCodes,
  ...ruleCodes,
  ...guideCodes,
  ...upstreamCodes,
  ...renderCrCodes,
  ...renderWorkloadCodes,
  ...renderPlatformCodes,
  ...emitCodes,
  ...cliCodes,
  ...liveCodes,
  ...diffCodes,
  ...checkCodes,
  ...githubCodes,
  ...importCodes,
  ...schemaSetCodes,
  ...conformCodes,
  ...gateCodes,
  ...customizeCodes,
  ...secretCodes,
} as const satisfies Readonly<Record<string, CodeInfo>>;

/** A catalogued code: `finding()` and every finding carry one of these, never a made-up string. */
export type Code = keyof typeof catalog;

/** Whether `code` (from user input, a suppression, a JSON report) is a catalogued code. */
export function isCode(code: string): code is Code {
  return Object.prototype.hasOwnProperty.call(catalog, code);
}

/** The catalog entry of any string: undefined for a code the catalog does not know. */
export function codeInfo(code: string): CodeInfo | undefined {
  return isCode(code) ? catalog[code] : undefined;
}
