/**
 * The catalog of stable codes. Each stage owns a range in its own file under `codes/`; this module
 * joins them so a code can be looked up (and listed by `rivven-gitops rules`) in one place.
 * Codes never change meaning once released: retire a code instead of reusing it.
 */
import type { Finding, RelatedLocation, Severity, SourceLocation } from './diagnostic.js';
import { loadCodes } from './codes/load.js';
import { resolveCodes } from './codes/resolve.js';
import { ruleCodes } from './codes/rules.js';
import { guideCodes } from './codes/guide.js';
import { upstreamCodes } from './codes/upstream.js';
import { renderCrCodes } from './codes/render-crs.js';
import { renderWorkloadCodes } from './codes/render-workloads.js';
import { renderPlatformCodes } from './codes/render-platform.js';
import { emitCodes } from './codes/emit.js';
import { cliCodes } from './codes/cli.js';
import { liveCodes } from './codes/live.js';
import { diffCodes } from './codes/diff.js';
import { checkCodes } from './codes/check.js';
import { githubCodes } from './codes/github.js';
import { importCodes } from './codes/import.js';
import { conformCodes, schemaSetCodes } from './codes/conform.js';

export interface CodeInfo {
  /** Short title, shown in listings. */
  readonly title: string;
  /** Default advice; a finding may give a more specific hint. */
  readonly hint: string;
}

export const catalog: Readonly<Record<string, CodeInfo>> = {
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
};

export interface FindingInput {
  readonly severity?: Severity;
  readonly path: string;
  readonly message: string;
  readonly hint?: string;
  readonly loc?: SourceLocation;
  readonly related?: readonly RelatedLocation[];
}

/** Builds a finding for a catalogued code; the catalog's hint is used unless one is given. */
export function finding(code: keyof typeof catalog & string, input: FindingInput): Finding {
  const info = catalog[code];
  const hint = input.hint ?? info?.hint;
  return {
    code,
    severity: input.severity ?? 'error',
    path: input.path,
    message: input.message,
    ...(hint === undefined ? {} : { hint }),
    ...(input.loc === undefined ? {} : { loc: input.loc }),
    ...(input.related === undefined || input.related.length === 0 ? {} : { related: input.related }),
  };
}
