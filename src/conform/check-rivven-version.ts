/**
 * Rivven versions are a closed set: a version is accepted only when rivven-gitops ships the CRD schemas
 * its operator installs (or the project supplies its own). Anything else would pin every image to a
 * release whose API nobody checked. Pure.
 */
import type { Finding } from '../errors/diagnostic.js';
import type { ResolvedFleet } from '../model/types.js';
import { findingAt } from '../validate/locate.js';
import { supportedRivvenVersions, isSupportedRivvenVersion } from '../schema-pack/packs.js';

export interface RivvenVersionOptions {
  /** True when the project supplies its own CRDs (`crdSchemas`): any version is then checked against those. */
  readonly ownCrds: boolean;
}

export function checkRivvenVersions(fleet: ResolvedFleet, options: RivvenVersionOptions): Finding[] {
  if (options.ownCrds) return [];
  const seen = new Map<string, Finding>();
  for (const env of fleet.environments) {
    const version = env.config.rivvenVersion;
    if (isSupportedRivvenVersion(version)) continue;
    const f = findingAt(env, 'RG210', ['rivvenVersion'], {
      message: `rivvenVersion '${version}' has no schema pack: rivven-gitops cannot check what its operator's API server accepts. Supported versions: ${supportedRivvenVersions.join(', ')}.`,
    });
    const key = JSON.stringify([f.message, f.loc ?? null]);
    if (!seen.has(key)) seen.set(key, f);
  }
  return [...seen.values()];
}
