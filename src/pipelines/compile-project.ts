/**
 * The pipeline, in one place: load → resolve → validate → render → customize → check → conform → kustomize. Emit stays with the caller
 * (the CLI), so this function never writes. Nothing else knows the order of the stages.
 */
import type { Finding } from '../errors/diagnostic.js';
import { UserError, hasErrors } from '../errors/diagnostic.js';
import { loadProject } from '../load/load-project.js';
import type { LoadedProject, LoadResult } from '../load/types.js';
import { joinTypecheck } from '../load/typecheck-beside.js';
import type { ResolvedEnvironment, ResolvedFleet } from '../model/types.js';
import { resolveFleet } from '../resolve/resolve-environment.js';
import { validateFleet } from '../validate/validate.js';
import { buildRules } from '../render/render-rules.js';
import { renderFleet, type FleetRender } from '../render/render-fleet.js';
import { findClusterScopedClashes } from '../render/cluster-scoped-clashes.js';
import { findFleetSecretDeliveryIssues } from '../render/secret-delivery.js';
import { layoutFleet } from '../kustomize/layout-fleet.js';
import { customizeFleet, type CustomizedRender } from '../customize/customize-fleet.js';
import { defaults } from '../model/defaults.js';
import { checkFleet } from '../check/check-fleet.js';
import { checkRivvenVersions } from '../conform/check-rivven-version.js';
import { conformFleet } from '../conform/conform-fleet.js';
import { openConformMemo } from '../conform/conform-memo.js';
import { readCrdDirectory } from '../load/read-crd-directory.js';
import { isSupportedRivvenVersion, schemaPackFor } from '../schema-pack/packs.js';
import { operatorViewPack } from '../schema-pack/operator-view-pack.js';
import type { SchemaPack } from '../schema-pack/types.js';
import { locate } from '../validate/locate.js';
import { selectEnvironmentNames } from './environment-selection.js';

export interface CompileOptions {
  readonly root: string;
  /** Only these environments (all when empty or absent). */
  readonly environments?: readonly string[];
  /** @default true */
  readonly typecheck?: boolean;
  /** Run the production-checklist policy (`check`) after rendering; its errors stop the build. @default true */
  readonly policy?: boolean;
  /**
   * The output directory relative to the project root (`build --out`), instead of `output.dir`: what the
   * Argo CD Applications sync is named after it.
   */
  readonly outDir?: string;
  /**
   * A directory of CRD YAML inside the project to check Rivven custom resources against instead of the
   * shipped schema packs (`--crds`); overrides the config's `crdSchemas`.
   */
  readonly crdSchemas?: string;
  /**
   * Type-check in a worker thread beside the other stages (load-project.ts, typecheck-beside.ts); the
   * result is the same, and nothing is returned before the check has spoken. For one-shot processes.
   * @default false
   */
  readonly typecheckBeside?: boolean;
  /** Stage timings are reported here when given (the benchmark reads them). */
  readonly onStage?: (stage: string, milliseconds: number) => void;
}

export interface ValidatedFleet {
  readonly project: LoadedProject;
  readonly fleet: ResolvedFleet;
  /** Warnings and infos; errors are thrown as a UserError. */
  readonly findings: readonly Finding[];
}

export interface CompiledFleet extends ValidatedFleet {
  readonly render: CustomizedRender;
  /** Output files relative to the output directory. */
  readonly tree: ReadonlyMap<string, string>;
  /** Output directory relative to the project root. */
  readonly outDir: string;
}

function timed<T>(stage: string, options: CompileOptions, run: () => T): T {
  const start = performance.now();
  const result = run();
  options.onStage?.(stage, performance.now() - start);
  return result;
}

/** load → resolve → validate. Throws UserError carrying every error finding of every stage reached. */
export async function validateProject(options: CompileOptions): Promise<ValidatedFleet> {
  const loaded = await loadStage(options);
  const { value, findings } = await joinTypecheck(loaded.typecheck, () => validateLoaded(options, loaded));
  return withTypecheckFindings(value, findings);
}

/** The whole build without writing: what `build` emits and `build --check` compares. */
export async function compileProject(options: CompileOptions): Promise<CompiledFleet> {
  const loaded = await loadStage(options);
  // Everything after load runs while a type-check started beside it may still be going on.
  const { value, findings } = await joinTypecheck(loaded.typecheck, () => compileLoaded(options, validateLoaded(options, loaded)));
  return withTypecheckFindings(value, findings);
}

async function loadStage(options: CompileOptions): Promise<LoadResult & { readonly selected: readonly string[] }> {
  const start = performance.now();
  // Globs and selectors (`prod-*`, `region=eu`) become names first; plain names pass through unchanged.
  const selected = await selectEnvironmentNames(options.root, options.environments);
  const loaded = await loadProject({
    root: options.root,
    ...(options.typecheck === undefined ? {} : { typecheck: options.typecheck }),
    ...(options.typecheckBeside === undefined ? {} : { typecheckBeside: options.typecheckBeside }),
    ...(selected.length > 0 ? { environments: selected } : {}),
  });
  options.onStage?.('load', performance.now() - start);
  return { ...loaded, selected };
}

function validateLoaded(options: CompileOptions, loaded: LoadResult & { readonly selected: readonly string[] }): ValidatedFleet {
  const findings: Finding[] = [...loaded.findings];
  const resolved = timed('resolve', options, () => resolveFleet(loaded.project, loaded.selected));
  findings.push(...resolved.findings);
  if (!hasErrors(findings)) findings.push(...timed('validate', options, () => validateFleet(resolved.fleet, buildRules)));
  if (!hasErrors(findings)) findings.push(...checkRivvenVersions(resolved.fleet, { ownCrds: crdDirectoryOf(options, resolved.fleet) !== undefined }));
  if (hasErrors(findings)) throw new UserError(findings);
  return { project: loaded.project, fleet: resolved.fleet, findings };
}

function compileLoaded(options: CompileOptions, validated: ValidatedFleet): CompiledFleet {
  const outDir = options.outDir ?? validated.fleet.environments[0]?.config.output.dir ?? defaults.output.dir;
  const layout = validated.fleet.environments[0]?.config.output.layout ?? defaults.output.layout;
  const rendered = timed('render', options, () => renderFleet(validated.fleet, { outDir }));
  const findings = [...validated.findings];
  const customized = timed('customize', options, () => customizeFleet(validated.fleet, rendered, validated.project.objectFiles));
  findings.push(...customized.findings);
  if (hasErrors(findings)) throw new UserError(findings);
  const render = customized.render;
  // After customize: a SealedSecret or Secret an escape hatch adds delivers, and a reference a patch adds must be delivered.
  findings.push(...findFleetSecretDeliveryIssues(validated.fleet, render.environments));
  // After customize: an escape hatch can add or rename a cluster-scoped object too.
  findings.push(...findClusterScopedClashes(validated.fleet, render.environments));
  if (hasErrors(findings)) throw new UserError(findings);
  if (options.policy !== false) {
    findings.push(...timed('check', options, () => checkFleet(validated.fleet, render)));
    if (hasErrors(findings)) throw new UserError(findings);
  }
  const ownCrds = readOwnCrds(options, validated.fleet);
  const remembered = openConformMemo(options.root);
  findings.push(
    ...timed('conform', options, () =>
      conformFleet(validated.fleet, render, { packFor: (env) => ownCrds ?? packForEnvironment(env), memo: remembered.memo }),
    ),
  );
  if (hasErrors(findings)) throw new UserError(findings);
  remembered.save();
  const tree = timed('kustomize', options, () => layoutFleet(render, { layout }));
  return { ...validated, findings, render, tree, outDir };
}

/** The type-check's own non-error findings (none today) belong with the load stage's, first. */
function withTypecheckFindings<T extends ValidatedFleet>(value: T, typecheckFindings: readonly Finding[]): T {
  return typecheckFindings.length === 0 ? value : { ...value, findings: [...typecheckFindings, ...value.findings] };
}

/**
 * The Rivven CRD schemas an environment's cluster enforces: the pinned version's deploy YAMLs, or, for an
 * operator fleet that installs the operator's `--print-crd` output or patched CRDs, the schemas built
 * from what that operator reads.
 */
function packForEnvironment(env: ResolvedEnvironment): SchemaPack | undefined {
  const source = env.config.operator.crds.schema;
  if (env.config.target === 'operator' && source !== 'deploy-yaml' && isSupportedRivvenVersion(env.config.rivvenVersion)) return operatorViewPack(source);
  return schemaPackFor(env.config.rivvenVersion);
}

/** The project's own CRD directory, from the command line or the config (the same in every environment). */
function crdDirectoryOf(options: CompileOptions, fleet: ResolvedFleet): string | undefined {
  return options.crdSchemas ?? fleet.environments.find((e) => e.config.crdSchemas !== undefined)?.config.crdSchemas;
}

function readOwnCrds(options: CompileOptions, fleet: ResolvedFleet): SchemaPack | undefined {
  const dir = crdDirectoryOf(options, fleet);
  if (dir === undefined) return undefined;
  const env = fleet.environments.find((e) => e.config.crdSchemas !== undefined);
  const loc = options.crdSchemas === undefined && env !== undefined ? locate(env, ['crdSchemas']) : undefined;
  return readCrdDirectory(options.root, dir, loc);
}
