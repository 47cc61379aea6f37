/**
 * The compile pipeline after load, as `compileProject` chains it (resolve → validate → render → check →
 * kustomize), run on a hand-built LoadedProject so the fuzz tests need no files. Anything thrown that is
 * not a UserError is returned as `crash`: the property under test is that there never is one.
 */
import { checkFleet } from '../../src/check/check-fleet.js';
import { catalog } from '../../src/errors/catalog.js';
import type { Finding } from '../../src/errors/diagnostic.js';
import { hasErrors, UserError } from '../../src/errors/diagnostic.js';
import { layoutFleet } from '../../src/kustomize/layout-fleet.js';
import type { FileTree, FleetRender } from '../../src/kustomize/types.js';
import type { LoadedProject } from '../../src/load/types.js';
import { defaults } from '../../src/model/defaults.js';
import type { ResolvedFleet } from '../../src/model/types.js';
import { renderFleet } from '../../src/render/render-fleet.js';
import { resolveFleet } from '../../src/resolve/resolve-environment.js';
import { validateFleet } from '../../src/validate/validate.js';
import { buildRules } from '../../src/render/render-rules.js';

export interface PipelineResult {
  readonly findings: readonly Finding[];
  /** The stage that stopped the build with error findings, or 'written' when a tree was laid out. */
  readonly stoppedAt: 'resolve' | 'validate' | 'check' | 'kustomize' | 'written';
  readonly fleet?: ResolvedFleet;
  readonly render?: FleetRender;
  readonly tree?: FileTree;
  /** Anything thrown that is not a UserError: a crash. */
  readonly crash?: unknown;
}

export function projectOf(base: unknown, environments: readonly { readonly name: string; readonly value: unknown }[]): LoadedProject {
  return {
    root: '/fuzz',
    base: { file: 'rivven.config.ts', value: base, positions: new Map() },
    environments: [...environments]
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
      .map((e) => ({ name: e.name, file: `environments/${e.name}.ts`, value: e.value, positions: new Map() })),
  };
}

export function runPipeline(project: LoadedProject): PipelineResult {
  const findings: Finding[] = [];
  try {
    const resolved = resolveFleet(project);
    findings.push(...resolved.findings);
    if (hasErrors(findings)) return { findings, stoppedAt: 'resolve', fleet: resolved.fleet };
    findings.push(...validateFleet(resolved.fleet, buildRules));
    if (hasErrors(findings)) return { findings, stoppedAt: 'validate', fleet: resolved.fleet };
    const first = resolved.fleet.environments[0]?.config.output;
    const render = renderFleet(resolved.fleet, { outDir: first?.dir ?? defaults.output.dir });
    findings.push(...checkFleet(resolved.fleet, render));
    if (hasErrors(findings)) return { findings, stoppedAt: 'check', fleet: resolved.fleet, render };
    try {
      const tree = layoutFleet(render, { layout: first?.layout ?? defaults.output.layout });
      return { findings, stoppedAt: 'written', fleet: resolved.fleet, render, tree };
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      return { findings: [...findings, ...error.findings], stoppedAt: 'kustomize', fleet: resolved.fleet, render };
    }
  } catch (error) {
    if (error instanceof UserError) return { findings: [...findings, ...error.findings], stoppedAt: 'resolve' };
    return { findings, stoppedAt: 'resolve', crash: error };
  }
}

/** Findings whose code is not in the catalog (there must be none). */
export function uncatalogued(findings: readonly Finding[]): Finding[] {
  return findings.filter((f) => !Object.prototype.hasOwnProperty.call(catalog, f.code));
}

export function describeCrash(crash: unknown): string {
  if (crash instanceof Error) {
    const cause = crash.cause instanceof Error ? `\ncaused by ${crash.cause.stack ?? crash.cause.message}` : '';
    return `${crash.stack ?? crash.message}${cause}`;
  }
  return String(crash);
}
