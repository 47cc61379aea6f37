/**
 * The schema packs rivven-gitops ships, and the closed set of Rivven versions they cover. A version
 * without a pack is refused (RG210): nobody checked what its API server would accept.
 */
import { rivvenDeployYamlff11bcd } from './generated/rivven-deploy-yaml-ff11bcd.js';
import type { CrdSource, SchemaPack } from './types.js';
import { compareText } from '../core/order.js';

/** Every shipped pack. Add a generated pack here (scripts/import-crds.mjs) to support a version or a source. */
const packs: readonly SchemaPack[] = [rivvenDeployYamlff11bcd];

/** The CRD source used when none is asked for. */
export const defaultCrdSource: CrdSource = 'deploy-yaml';

/** Rivven versions some pack covers, in release order. */
export const supportedRivvenVersions: readonly string[] = [...new Set(packs.flatMap((p) => p.rivvenVersions))].sort(compareVersions);

/** The pack describing `version`'s CRDs as `source` gives them, or undefined when none ships. */
export function schemaPackFor(version: string, source: CrdSource = defaultCrdSource): SchemaPack | undefined {
  return packs.find((p) => p.source === source && p.rivvenVersions.includes(version));
}

export function isSupportedRivvenVersion(version: string): boolean {
  return supportedRivvenVersions.includes(version);
}

function compareVersions(a: string, b: string): number {
  const pa = a.split(/[.-]/).map(Number);
  const pb = b.split(/[.-]/).map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0 && !Number.isNaN(d)) return d;
  }
  return compareText(a, b);
}
